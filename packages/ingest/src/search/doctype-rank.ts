import type { DoctypeId } from '@mep/vocabulary';

/**
 * How much a document's type says it is what a reader came for, 0–10: the Convention text first, then
 * COP decisions and guidance, then the rest; `doctype:other` (a folder's README, notes) last. It orders
 * browsing without a query (the `doctypeRank` sort) and is one weight of the API's relevance.
 */
export const DOCTYPE_RANK: Record<DoctypeId, number> = {
  'doctype:convention-text': 10,
  'doctype:cop-decision': 9,
  'doctype:guidance': 8,
  'doctype:national-action-plan': 7,
  'doctype:implementation-plan': 6,
  'doctype:national-report': 6,
  'doctype:meeting-document': 6,
  'doctype:technical-report': 5,
  'doctype:legislation': 5,
  'doctype:strategy': 5,
  'doctype:information-document': 4,
  'doctype:scientific-publication': 4,
  'doctype:training-material': 4,
  'doctype:factsheet': 4,
  'doctype:other': 0,
};

/** The rank of a doctype id (an unknown one counts as `other`). */
export function doctypeRank(doctype: string): number {
  return DOCTYPE_RANK[doctype as DoctypeId] ?? 0;
}
