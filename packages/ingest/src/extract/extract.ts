/** In-process extraction: detect the type, run the right extractor. Prefer the sandbox for uploads. */
import { ExtractionError } from '../errors';
import { decodeText, detectFileType, type DetectedType } from './detect';
import { extractDocx } from './docx';
import { extractHtml } from './html';
import { extractPdf } from './pdf';
import { extractText } from './text';
import type { ExtractedDocument } from './types';

/** Default upper bound on input size, in bytes (100 MB). */
export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

/**
 * Checks the cheap preconditions (size, emptiness, supported type) without parsing.
 *
 * @throws ExtractionError 'empty-file' | 'too-large' | 'unsupported-type'
 */
export function checkExtractable(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): Exclude<DetectedType, { supported: false }> {
  if (bytes.byteLength === 0) throw new ExtractionError('empty-file');
  if (bytes.byteLength > maxBytes) {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    throw new ExtractionError('too-large', `the file is too large (${mb(bytes.byteLength)} MB; the limit is ${mb(maxBytes)} MB)`);
  }
  const type = detectFileType(bytes);
  if (!type.supported) throw new ExtractionError('unsupported-type', `unsupported file type: ${type.reason}`);
  return type;
}

/**
 * Extracts text and embedded metadata from a file in this process. No time or memory bound: use
 * {@link extractInSandbox} for anything that comes from outside.
 *
 * @throws ExtractionError with a stable code for every expected failure.
 */
export async function extractDocument(bytes: Uint8Array, options: { maxBytes?: number; allowImageOnly?: boolean } = {}): Promise<ExtractedDocument> {
  const type = checkExtractable(bytes, options.maxBytes);
  switch (type.kind) {
    case 'pdf': {
      const doc = await extractPdf(type.offset > 0 ? bytes.subarray(type.offset) : bytes, { allowImageOnly: options.allowImageOnly });
      if (type.offset > 0) doc.warnings.push(`leading-junk: ${type.offset} bytes before the PDF header were skipped`);
      return doc;
    }
    case 'docx':
      return extractDocx(bytes);
    case 'html':
      return extractHtml(decodeText(bytes, type.encoding));
    case 'text':
    case 'markdown': {
      const doc = extractText(decodeText(bytes, type.encoding), type.kind);
      if (type.encoding === 'windows-1252') doc.warnings.push('encoding-guessed: the text is not UTF-8 and was read as Windows-1252');
      return doc;
    }
  }
}
