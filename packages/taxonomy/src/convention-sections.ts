/**
 * The Convention's own text, article by article: where each article's and annex's heading is in a copy
 * of the Convention (any of the six languages), and its text from that heading to the next one.
 */
import { normalizeText } from './normalize';
import { findReferences } from './refs';

/** One article's or annex's text, page by page (the first and last pages cut at the headings). */
export interface ConventionSection {
  conceptId: string;
  fromPage: number;
  toPage: number;
  pages: { page: number; text: string }[];
}

interface Heading {
  conceptId: string;
  order: number;
  page: number;
  /** Offset of the heading in the page's original text. */
  offset: number;
}

/** Reading order: articles 1–35, then annexes A–E. */
function orderOf(conceptId: string): number {
  const [scheme, key = ''] = conceptId.split(':');
  return scheme === 'article' ? Number(key) : 35 + 'ABCDE'.indexOf(key) + 1;
}

/** A heading skips at most this many sections (one the extraction lost, say). */
const MAX_SKIP = 3;

/**
 * Headings on a page: a reference that starts its line and is followed by the section's title or by
 * nothing else on that line ("Article 7", "Статья 7", "第七条", "المادة 7", "Annex C").
 */
function headingsOf(page: number, original: string): Heading[] {
  const norm = normalizeText(original);
  const out: Heading[] = [];
  for (const ref of findReferences(norm.text)) {
    const from = norm.offsets[ref.start] ?? 0;
    const to = norm.offsets[ref.end] ?? original.length;
    const lineStart = original.lastIndexOf('\n', from - 1) + 1;
    if (original.slice(lineStart, from).trim() !== '') continue;
    const lineEnd = original.indexOf('\n', to);
    const rest = original.slice(to, lineEnd < 0 ? original.length : lineEnd).trim();
    if (!ref.heading && rest !== '') continue;
    out.push({ conceptId: ref.conceptId, order: orderOf(ref.conceptId), page, offset: from });
  }
  return out;
}

/**
 * Every article and annex found in a copy of the Convention. Headings are taken in reading order only
 * (each a little after the previous one), so a cross-reference that happens to start a line, or the
 * articles of Annex E's arbitration and conciliation procedures, never start a section.
 */
export function locateConventionSections(pages: readonly { page: number; text: string }[]): Map<string, ConventionSection> {
  const sorted = [...pages].sort((a, b) => a.page - b.page);
  const accepted: Heading[] = [];
  let last = 0;
  for (const p of sorted) {
    for (const h of headingsOf(p.page, p.text)) {
      if (h.order <= last || h.order - last > MAX_SKIP + 1) continue;
      accepted.push(h);
      last = h.order;
    }
  }
  const sections = new Map<string, ConventionSection>();
  accepted.forEach((h, i) => {
    const next = accepted[i + 1];
    const out: { page: number; text: string }[] = [];
    for (const p of sorted) {
      if (p.page < h.page || (next && p.page > next.page)) continue;
      const start = p.page === h.page ? h.offset : 0;
      const end = next && p.page === next.page ? next.offset : p.text.length;
      const text = p.text.slice(start, end).trim();
      if (text) out.push({ page: p.page, text });
    }
    if (out.length === 0) return;
    sections.set(h.conceptId, { conceptId: h.conceptId, fromPage: out[0]!.page, toPage: out[out.length - 1]!.page, pages: out });
  });
  return sections;
}
