/** The Convention's structure: 35 articles and 5 annexes, in order. */
export const ARTICLE_IDS: string[] = Array.from({ length: 35 }, (_, i) => `article:${i + 1}`);
export const ANNEX_IDS: string[] = ['A', 'B', 'C', 'D', 'E'].map((letter) => `annex:${letter}`);

/** The 12 thematic areas in the order of the Convention's articles. */
export const THEME_IDS: string[] = [
  'theme:supply-trade',
  'theme:products',
  'theme:processes',
  'theme:asgm',
  'theme:emissions',
  'theme:releases',
  'theme:storage-waste',
  'theme:contaminated-sites',
  'theme:health',
  'theme:finance-capacity',
  'theme:information-awareness',
  'theme:reporting-effectiveness',
];

/** `/articles/4` or `/annexes/A` for a concept id; the URL names the article as people cite it. */
export function conventionRefHref(id: string): string {
  const [scheme, ref = ''] = id.split(':');
  return scheme === 'annex' ? `/annexes/${ref}` : `/articles/${ref}`;
}

/** The concept id for a route: `/articles/4` → article:4, `/annexes/a` → annex:A; null if none. */
export function parseConventionRef(kind: 'article' | 'annex', ref: string): string | null {
  if (kind === 'article') {
    const n = Number(ref);
    return Number.isInteger(n) && n >= 1 && n <= 35 ? `article:${n}` : null;
  }
  const letter = ref.toUpperCase();
  return /^[A-E]$/.test(letter) ? `annex:${letter}` : null;
}

/** The neighbours in reading order, for previous/next links. */
export function findNeighbours(id: string): { previous: string | null; next: string | null } {
  const order = [...ARTICLE_IDS, ...ANNEX_IDS];
  const index = order.indexOf(id);
  if (index < 0) return { previous: null, next: null };
  return { previous: order[index - 1] ?? null, next: order[index + 1] ?? null };
}
