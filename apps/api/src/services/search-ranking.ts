import { doctypeRank, isStopWord, STOP_WORDS } from '@mep/ingest';
import type { Taxonomy } from '@mep/taxonomy';
import { UN_LANGUAGES, type Lang } from '@mep/vocabulary';

/**
 * Hits re-ranked by the API (Meilisearch's ranking is a strict bucket sort and cannot weigh a
 * document's type or the concepts the query names against its words): the first pages of a relevance
 * search come from this many of Meilisearch's best.
 */
export const RERANK_WINDOW = 50;

/** Weights of the signals beside Meilisearch's ranking score (0–1); none alone outweighs the words. */
const WEIGHTS = { concept: 0.3, doctype: 0.25, title: 0.15, language: 0.1 } as const;

export interface RankingSignals {
  /** Concepts the query names (findConceptsInQuery). */
  queryConcepts: readonly string[];
  /** The query's language when it can be told; undefined otherwise. */
  queryLanguage: Lang | undefined;
  /** The query's words that carry meaning, folded (lowercase, no accents). */
  queryWords: readonly string[];
}

export interface RankableHit {
  doctype: string;
  language: string;
  title: string;
  symbol: string | null;
  concepts: readonly string[];
}

/** Lowercase without accents, for comparing words across spellings ("acción" = "accion"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Mn}/gu, '').toLocaleLowerCase();
}

/** The words of a query that carry meaning: split on spaces and punctuation, stop words dropped. */
export function meaningfulWords(q: string): string[] {
  return q
    .split(/[\s,;:.!?"“”«»()[\]{}]+/u)
    .map((word) => word.trim())
    .filter((word) => word.length > 0 && !isStopWord(word));
}

const SCRIPT_LANGUAGE: Array<[RegExp, Lang]> = [
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Han}/u, 'zh'],
];

/**
 * The language of a query: its script for Arabic, Russian and Chinese; for Latin script, the language
 * whose label of a named concept the query spells, else whose stop words it uses; undefined when unsure.
 */
export function detectQueryLanguage(q: string, matched: ReadonlyArray<{ conceptId: string; matched: string }>, taxonomy: Taxonomy): Lang | undefined {
  for (const [script, lang] of SCRIPT_LANGUAGE) if (script.test(q)) return lang;
  const latin: Lang[] = UN_LANGUAGES.filter((lang) => lang !== 'ar' && lang !== 'ru' && lang !== 'zh');
  const votes = new Map<Lang, number>();
  for (const match of matched) {
    const concept = taxonomy.getConcept(match.conceptId);
    if (!concept) continue;
    const spelled = fold(match.matched);
    for (const lang of latin) {
      const labels = [concept.prefLabel[lang], ...(concept.altLabels[lang] ?? [])];
      if (labels.some((label) => label && fold(label) === spelled)) votes.set(lang, (votes.get(lang) ?? 0) + 2);
    }
  }
  const words = q.split(/\s+/u).map(fold);
  for (const lang of latin) for (const word of words) if (STOP_WORDS[lang].includes(word)) votes.set(lang, (votes.get(lang) ?? 0) + 1);
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  // a tie (English "mercury" is also a French label's spelling?) tells nothing
  if (!ranked[0] || ranked[1]?.[1] === ranked[0][1]) return undefined;
  return ranked[0][0];
}

/** The words and names a hit's own metadata shares with the query: a share of the query's words. */
function titleShare(hit: RankableHit, words: readonly string[]): number {
  if (words.length === 0) return 0;
  const haystack = fold(`${hit.title} ${hit.symbol ?? ''}`);
  const found = words.filter((word) => {
    const folded = fold(word);
    // whole words only for spaced scripts; Chinese has no spaces to look for
    return /\p{Script=Han}/u.test(folded) ? haystack.includes(folded) : new RegExp(`(^|[^\\p{L}\\p{N}])${folded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(haystack);
  });
  return found.length / words.length;
}

/** The API's relevance of a hit: Meilisearch's score plus the weighted signals of what the reader asked for. */
export function scoreHit(hit: RankableHit, meilisearchScore: number, signals: RankingSignals): number {
  const concepts = signals.queryConcepts.length ? signals.queryConcepts.filter((id) => hit.concepts.includes(id)).length / signals.queryConcepts.length : 0;
  const doctype = doctypeRank(hit.doctype) / 10;
  // a README-like file (doctype:other) goes below everything else that matched: every other score is
  // at least 0 and a README's at most 1 + concept + title weights, so −2 always places it after them
  const last = doctype === 0 ? -2 : 0;
  const language = signals.queryLanguage !== undefined && hit.language === signals.queryLanguage ? 1 : 0;
  // The type and the language scale with how well the words matched: a Spanish treaty sharing one
  // word of a Spanish query must not pass a document that matches the whole query.
  return (
    meilisearchScore * (1 + WEIGHTS.doctype * doctype + WEIGHTS.language * language) +
    WEIGHTS.concept * concepts +
    WEIGHTS.title * titleShare(hit, signals.queryWords) +
    last
  );
}

/** Labels (preferred and alternative) of the given concepts in one language, longest first. */
export function conceptLabelsIn(taxonomy: Taxonomy, conceptIds: readonly string[], language: string): string[] {
  const labels = new Set<string>();
  for (const id of conceptIds) {
    const concept = taxonomy.getConcept(id);
    if (!concept) continue;
    const lang = language as Lang;
    const pref = concept.prefLabel[lang];
    if (pref) labels.add(pref);
    for (const alt of concept.altLabels[lang] ?? []) labels.add(alt);
  }
  return [...labels].sort((a, b) => b.length - a.length);
}
