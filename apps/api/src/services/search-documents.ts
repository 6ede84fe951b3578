import { and, inArray } from 'drizzle-orm';
import { documentConcepts, pages } from '@mep/db';
import { FACET_ATTRIBUTES, INDEXED_LANGUAGES, textField, type FacetName } from '@mep/ingest';
import { findConceptsInQuery } from '@mep/taxonomy';
import type { FacetCounts, SearchDocumentsResult, SearchHit } from '../contracts';
import type { AppContext } from '../context';
import { ServiceUnavailableError } from '../errors';
import { conceptLabelsIn, detectQueryLanguage, meaningfulWords, RERANK_WINDOW, scoreHit } from './search-ranking';
import { HIGHLIGHT_TAGS, renderSnippet, snippetAround } from './snippets';

export type FacetFilters = Record<FacetName, Array<string | number>>;

export interface SearchDocumentsParams {
  q: string;
  filters: FacetFilters;
  sort: 'relevance' | 'date';
  page: number;
  pageSize: number;
  /** Aborted when the client went away: the Meilisearch requests still running are cancelled. */
  signal?: AbortSignal;
}

const TEXT_FIELDS = INDEXED_LANGUAGES.map(textField);
const PASSAGES_PER_HIT = 3;
/** Passages fetched with the first round trip, shared by all hits of the page. */
const PASSAGE_POOL = 60;
/** Documents whose single best passage also comes with the first round trip (see buildSearchQueries). */
const DISTINCT_POOL_MIN = 30;

/** The filter clause every public search carries. */
export const PUBLISHED_ONLY = 'status NOT IN ["draft", "withdrawn"]';

/** Meilisearch filter for the given facets; values are JSON-quoted so no value can change the expression. */
export function buildFilter(filters: FacetFilters, except?: FacetName): string[] {
  // Readers never see drafts or withdrawn documents. `NOT IN` (not `= published`) also keeps records
  // indexed before statuses existed, until the next reindex gives them one.
  const clauses: string[] = [PUBLISHED_ONLY];
  for (const facet of FACET_ATTRIBUTES) {
    const values = filters[facet];
    if (facet === except || !values?.length) continue;
    clauses.push(`${facet} IN [${values.map((v) => JSON.stringify(v)).join(', ')}]`);
  }
  return clauses;
}

/**
 * True when the API re-ranks this search: a relevance search with words whose page lies within the
 * first RERANK_WINDOW hits (deeper pages keep Meilisearch's order; readers rarely go there).
 */
function reranks(params: SearchDocumentsParams): boolean {
  return params.q.trim() !== '' && params.sort === 'relevance' && params.pageSize > 0 && params.page * params.pageSize <= RERANK_WINDOW;
}

/** The order of a search: by date; browsing without words shows the Convention and decisions first, newest first. */
function sortOf(params: SearchDocumentsParams): string[] | undefined {
  if (params.sort === 'date') return ['dateTs:desc'];
  return params.q.trim() === '' ? ['doctypeRank:desc', 'dateTs:desc'] : undefined;
}

/** The Meilisearch queries one search sends in its first (usually only) round trip. */
export function buildSearchQueries(context: AppContext, params: SearchDocumentsParams) {
  const { search } = context;
  const filter = buildFilter(params.filters);
  const activeFacets = FACET_ATTRIBUTES.filter((facet) => params.filters[facet]?.length);
  const rerank = reranks(params);
  const main = {
    indexUid: search.documents.uid,
    q: params.q,
    filter,
    facets: [...FACET_ATTRIBUTES],
    page: params.pageSize === 0 || rerank ? 1 : params.page,
    hitsPerPage: rerank ? RERANK_WINDOW : params.pageSize,
    showRankingScore: rerank,
    sort: sortOf(params),
    // No cropping here: a document's text can be hundreds of pages, and re-reading it for every hit
    // doubled the search time. The snippet is the best passage's, or the stored summary.
    attributesToRetrieve: ['id', 'title', 'symbol', 'date', 'year', 'lang', 'doctype', 'concepts', 'summary'],
  };
  const perFacet = activeFacets.map((facet) => ({
    indexUid: search.documents.uid,
    q: params.q,
    filter: buildFilter(params.filters, facet),
    facets: [facet],
    hitsPerPage: 0,
  }));
  // Passages of the whole result set in the same round trip: the best pages of the top hits are
  // almost always among them, so a follow-up query is the exception.
  // A common phrase fills that pool with the pages of a few documents; the best page of each other
  // document (Meilisearch's search-time `distinct`) comes along too, so the per-hit follow-up round trip,
  // which made the slowest searches, is only for hits ranked below both pools.
  const passages =
    params.q && params.pageSize > 0
      ? [
          { ...passageQuery(context, params.q, filter), limit: PASSAGE_POOL },
          // when the API re-ranks, any of the window's hits may reach the page: the pool covers them all
          { ...passageQuery(context, params.q, filter), distinct: 'documentId', limit: Math.max(DISTINCT_POOL_MIN, rerank ? RERANK_WINDOW : params.page * params.pageSize * 2) },
        ]
      : [];
  return { activeFacets, queries: [main, ...perFacet, ...passages] };
}

function passageQuery(context: AppContext, q: string, filter: string[]) {
  return {
    indexUid: context.search.passages.uid,
    q,
    filter,
    attributesToRetrieve: ['documentId', 'page', 'lang'],
    attributesToCrop: TEXT_FIELDS,
    attributesToHighlight: TEXT_FIELDS,
    cropLength: 30,
    ...HIGHLIGHT_TAGS,
  };
}

/**
 * Sends a search's Meilisearch queries as parallel requests, one query each, and returns their results in
 * order. One multi-search runs its queries one after another on one Meilisearch thread; separate requests
 * run side by side on its worker threads, so a search costs about its slowest query instead of their sum.
 * Each request listens on its own child of the caller's signal, so a client going away still aborts them
 * all while the caller's signal never collects more than one listener per request.
 */
export async function sendSearchQueries<Query extends object>(context: AppContext, queries: Query[], signal?: AbortSignal) {
  return Promise.all(
    queries.map(async (query) => {
      const [result] = (await context.search.client.multiSearch({ queries: [query as never] }, { signal: signal && AbortSignal.any([signal]) })).results;
      if (!result) throw new ServiceUnavailableError('search_unavailable', 'The search service gave no answer.');
      return result;
    }),
  );
}

/**
 * Searches the documents index with disjunctive facets (each facet counted as if its own filter were
 * off, so choosing a value never hides the alternatives), and the best passages of each hit.
 */
export async function searchDocuments(context: AppContext, params: SearchDocumentsParams): Promise<Omit<SearchDocumentsResult, 'searchId'>> {
  const { activeFacets, queries } = buildSearchQueries(context, params);
  let responses;
  try {
    responses = await sendSearchQueries(context, queries, params.signal);
  } catch (error) {
    if (params.signal?.aborted) throw new ServiceUnavailableError('search_abandoned', 'The client went away before the search finished.');
    // The cause (addresses, keys' names) is for the log, not for the client.
    context.log.error('Meilisearch did not answer a search', error);
    throw new ServiceUnavailableError('search_unavailable', 'The search service did not answer; try again shortly.');
  }
  const mainResult = responses[0];
  if (!mainResult) throw new ServiceUnavailableError('search_unavailable', 'The search service gave no answer.');
  const facetResults = responses.slice(1, 1 + activeFacets.length);
  const passageResult = responses[1 + activeFacets.length];
  const distinctResult = responses[2 + activeFacets.length];

  const facets = Object.fromEntries(FACET_ATTRIBUTES.map((facet) => [facet, { ...(mainResult.facetDistribution?.[facet] ?? {}) }])) as FacetCounts;
  activeFacets.forEach((facet, i) => {
    facets[facet] = { ...(facetResults[i]?.facetDistribution?.[facet] ?? {}) };
  });

  const conceptMatches = params.q ? findConceptsInQuery(params.q) : [];
  const relatedConcepts = conceptMatches.map((match) => match.conceptId);
  let hits: SearchHit[] = mainResult.hits.map((hit) => ({
    documentId: String(hit.id),
    title: String(hit.title),
    doctype: String(hit.doctype),
    language: String(hit.lang),
    year: (hit.year as number | null) ?? null,
    date: (hit.date as string | null) ?? null,
    symbol: (hit.symbol as string | null) ?? null,
    concepts: (hit.concepts as string[]) ?? [],
    snippet: renderSnippet(String(hit.summary ?? '')),
    passages: [],
  }));
  if (reranks(params)) {
    const signals = { queryConcepts: relatedConcepts, queryLanguage: detectQueryLanguage(params.q, conceptMatches, context.taxonomy), queryWords: meaningfulWords(params.q) };
    const scores = new Map(hits.map((hit, i) => [hit, scoreHit(hit, Number(mainResult.hits[i]?._rankingScore ?? 0), signals)]));
    // a stable sort: equal scores keep Meilisearch's order
    hits = [...hits].sort((a, b) => scores.get(b)! - scores.get(a)!).slice((params.page - 1) * params.pageSize, params.page * params.pageSize);
  }
  if (passageResult) {
    const byDocument = new Map(hits.map((hit) => [hit.documentId, hit]));
    for (const passage of passageResult.hits) {
      const hit = byDocument.get(String(passage.documentId));
      if (hit && hit.passages.length < PASSAGES_PER_HIT) hit.passages.push({ page: Number(passage.page), snippet: formattedText(passage, hit.language) });
    }
    for (const passage of distinctResult?.hits ?? []) {
      const hit = byDocument.get(String(passage.documentId));
      if (hit && hit.passages.length === 0) hit.passages.push({ page: Number(passage.page), snippet: formattedText(passage, hit.language) });
    }
    // The pages where the tagger found a concept the query names come from SQLite, without a second
    // Meilisearch round trip (the search tail under load); the concept's label is highlighted there.
    let missing = hits.filter((hit) => hit.passages.length === 0);
    if (missing.length > 0 && relatedConcepts.length > 0) {
      await attachEvidencePassages(context, missing, relatedConcepts);
      missing = missing.filter((hit) => hit.passages.length === 0);
    }
    // A pool that came back short holds every matching passage: a hit missing from it has none, so
    // only full pools are worth a follow-up query.
    const distinctFull = (distinctResult?.hits.length ?? 0) >= Number(distinctResult?.limit ?? Number.POSITIVE_INFINITY);
    if (missing.length > 0 && passageResult.hits.length >= PASSAGE_POOL && distinctFull) await fetchPassagesPerHit(context, params.q, missing, params.signal);
  }

  for (const hit of hits) if (hit.passages[0]) hit.snippet = hit.passages[0].snippet;
  const total = mainResult.totalHits ?? mainResult.estimatedTotalHits ?? 0;
  return {
    query: params.q,
    total,
    page: params.page,
    pageSize: params.pageSize,
    totalPages: params.pageSize ? Math.ceil(total / params.pageSize) : 0,
    hits,
    facets,
    relatedConcepts,
  };
}

function formattedText(hit: Record<string, unknown>, language: string): string {
  const formatted = (hit._formatted ?? {}) as Record<string, unknown>;
  const value = formatted[textField(language)];
  return typeof value === 'string' ? renderSnippet(value) : '';
}

/**
 * The best page of each given hit in one query (`distinct` per document over just these documents),
 * not one query per hit: the follow-up of a common phrase was the slowest part of a search.
 */
async function fetchPassagesPerHit(context: AppContext, q: string, hits: SearchHit[], signal?: AbortSignal): Promise<void> {
  const { search } = context;
  const byDocument = new Map(hits.map((hit) => [hit.documentId, hit]));
  const [result] = (
    await search.client.multiSearch({
      queries: [
        {
          indexUid: search.passages.uid,
          q,
          filter: `documentId IN [${hits.map((hit) => JSON.stringify(hit.documentId)).join(', ')}]`,
          distinct: 'documentId',
          limit: hits.length,
          attributesToRetrieve: ['documentId', 'page'],
          attributesToCrop: TEXT_FIELDS,
          attributesToHighlight: TEXT_FIELDS,
          cropLength: 30,
          ...HIGHLIGHT_TAGS,
        },
      ],
    }, { signal })
  ).results;
  for (const passage of result?.hits ?? []) {
    const hit = byDocument.get(String(passage.documentId));
    if (hit && hit.passages.length === 0) hit.passages.push({ page: Number(passage.page), snippet: formattedText(passage, hit.language) });
  }
}

/**
 * A query in another language than the document finds no words on its pages: such hits show the pages
 * where the tagger found the concepts the query names, with the concept's label in the document's own
 * language highlighted (not the tagger's whole evidence sentence).
 */
async function attachEvidencePassages(context: AppContext, needEvidence: SearchHit[], queryConcepts: string[]): Promise<void> {
  const documentIds = needEvidence.map((h) => h.documentId);
  const evidenceRows = await context.db
    .select()
    .from(documentConcepts)
    .where(and(inArray(documentConcepts.documentId, documentIds), inArray(documentConcepts.conceptId, queryConcepts)));
  const citedPageNumbers = [...new Set(evidenceRows.flatMap((row) => row.evidence.map((e) => e.page)))];
  // One read of the cited pages for all hits, rather than one per piece of evidence.
  const citedPages = citedPageNumbers.length
    ? await context.db
        .select({ documentId: pages.documentId, page: pages.page, text: pages.text })
        .from(pages)
        .where(and(inArray(pages.documentId, documentIds), inArray(pages.page, citedPageNumbers)))
    : [];
  const pageText = new Map(citedPages.map((p) => [`${p.documentId}:${p.page}`, p.text]));
  for (const hit of needEvidence) {
    const rows = evidenceRows.filter((row) => row.documentId === hit.documentId);
    const seen = new Set<number>();
    for (const row of rows) {
      const labels = conceptLabelsIn(context.taxonomy, [row.conceptId], hit.language);
      for (const item of row.evidence) {
        // page 0 is the title: not a passage to jump to
        if (item.page < 1 || seen.has(item.page) || seen.size >= PASSAGES_PER_HIT) continue;
        seen.add(item.page);
        hit.passages.push({ page: item.page, snippet: snippetAround(pageText.get(`${hit.documentId}:${item.page}`) ?? item.text, labels.length ? labels : [item.text]) });
      }
    }
  }
}
