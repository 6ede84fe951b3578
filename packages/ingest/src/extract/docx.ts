/** DOCX extraction with mammoth, through its HTML output so headings and page breaks survive. */
import mammoth from 'mammoth';
import { ExtractionError } from '../errors';
import { extractParsedHtml, parseHtml } from './html';
import type { ExtractedDocument } from './types';

const STYLE_MAP = [
  "p[style-name='Title'] => h1.title:fresh",
  "p[style-name='Subtitle'] => h2.subtitle:fresh",
  "br[type='page'] => hr",
];

/**
 * Extracts a Word document: one pseudo-page per explicit page break, or per ~3000 characters.
 *
 * @throws ExtractionError 'corrupt' when the ZIP or its XML cannot be read, 'no-text' when empty.
 */
export async function extractDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { styleMap: STYLE_MAP, ignoreEmptyParagraphs: true });
    html = result.value;
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 200) : String(error);
    throw new ExtractionError('corrupt', `the Word document is corrupt and could not be read (${detail})`, { cause: error });
  }
  const root = parseHtml(`<html><body>${html}</body></html>`);
  let doc: ExtractedDocument;
  try {
    doc = extractParsedHtml(root);
  } catch (error) {
    if (error instanceof ExtractionError && error.code === 'no-text') throw new ExtractionError('no-text', 'the Word document has no text');
    throw error;
  }
  // Prefer the Title style, then the first heading: mammoth has no access to docProps/core.xml.
  const title = (root.querySelector('h1.title') ?? root.querySelector('h1') ?? root.querySelector('h2'))?.text.replace(/\s+/g, ' ').trim();
  const out: ExtractedDocument = {
    ...doc,
    kind: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  };
  delete out.embeddedTitle;
  if (title) out.embeddedTitle = title.slice(0, 500);
  return out;
}
