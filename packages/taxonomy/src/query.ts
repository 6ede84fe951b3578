import { findLabelMatches, getMatcher } from './matcher';
import { normalizeText } from './normalize';
import { findReferences } from './refs';

/** Queries are short; anything longer is cut rather than scanned. */
const MAX_QUERY = 2000;

/**
 * Concepts named in a search query, in any of the six languages ("amalgame dentaire",
 * "mercurio dental", "汞", "article 14"). No thresholds and no mercury-context rule: a query is
 * a deliberate request. `matched` is the query text that named the concept.
 */
export function findConceptsInQuery(query: string): { conceptId: string; matched: string }[] {
  const q = query.slice(0, MAX_QUERY);
  const norm = normalizeText(q);
  const out: { conceptId: string; matched: string; start: number }[] = [];
  const seen = new Set<string>();
  const push = (id: string, start: number, end: number): void => {
    if (seen.has(id)) return;
    seen.add(id);
    const from = norm.offsets[start] ?? 0;
    const to = norm.offsets[end] ?? q.length;
    out.push({ conceptId: id, matched: q.slice(from, to), start });
  };
  for (const hit of findLabelMatches(getMatcher(), norm.text)) for (const id of hit.conceptIds) push(id, hit.start, hit.end);
  for (const ref of findReferences(norm.text)) push(ref.conceptId, ref.start, ref.end);
  return out.sort((a, b) => a.start - b.start).map(({ conceptId, matched }) => ({ conceptId, matched }));
}
