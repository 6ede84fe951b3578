/** Plain text and Markdown extraction. */
import { ExtractionError } from '../errors';
import { paginateBlocks, toPages } from './paginate';
import type { ExtractedDocument } from './types';

/**
 * Splits text into pseudo-pages at form feeds (explicit page breaks in text dumps), then by size.
 * For Markdown the first ATX heading becomes the embedded title.
 *
 * @throws ExtractionError 'no-text' when the text is blank.
 */
export function extractText(text: string, kind: 'text' | 'markdown'): ExtractedDocument {
  const normalised = text.replace(/\r\n?/g, '\n').replace(/\u0000/g, '');
  const texts = normalised.split('\f').flatMap((chunk) => paginateBlocks(chunk.split(/\n\s*\n/)));
  if (texts.length === 0) throw new ExtractionError('no-text', 'the text file has only blank content');
  const doc: ExtractedDocument = {
    kind,
    mime: kind === 'markdown' ? 'text/markdown' : 'text/plain',
    pageCount: texts.length,
    pages: toPages(texts),
    warnings: [],
  };
  if (kind === 'markdown') {
    const heading = /^#{1,2}\s+(.+?)\s*#*\s*$/m.exec(normalised)?.[1];
    if (heading) doc.embeddedTitle = heading.replace(/[*_`]/g, '').trim();
  }
  return doc;
}
