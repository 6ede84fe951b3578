import { and, eq, inArray } from 'drizzle-orm';
import { documentConcepts, pages } from '@mep/db';
import { FACET_ATTRIBUTES, textField, type FacetName } from '@mep/ingest';
import { findConceptsInQuery } from '@mep/taxonomy';
import type { AppContext } from '../context';
import { ServiceUnavailableError } from '../errors';
import { HIGHLIGHT_TAGS, renderSnippet, snippetAround } from './snippets';

export type FacetFilters = Record<FacetName, Array<string | number>>;

export interface SearchDocumentsParams {
  q: string;
  filters: FacetFilters;
  sort: 'relevance' | 'date';
  page: number;
  pageSize: number;
}

export interface SearchPassage {
  page: number;
  snippet: string;
}

export interface SearchHit {
  documentId: string;
  title: string;
  doctype: string;
  language: string;
  year: number | null;
  date: string | null;
  symbol: string | null;
  concepts: string[];
  snippet: string;
  passages: SearchPassage[];
}

export interface SearchDocumentsResult {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
  hits: SearchHit[];
  facets: Record<FacetName, Record<string, number>>;
  relatedConcepts: string[];
}

const TEXT_FIELDS = ['text_ar', 'text_en', 'text_es', 'text_fr', 'text_ru', 'text_zh', 'text_other'];
const PASSAGES_PER_HIT = 3;

/** Meilisearch filter for the given facets; values are JSON-quoted so no value can change the expression. */
export function buildFilter(filters: FacetFilters, except?: FacetName): string[] {
  const clauses: string[] = [];
  for (const facet of FACET_ATTRIBUTES) {
    const values = filters[facet];
    if (facet === except || !values?.length) continue;
    clauses.push(`${facet} IN [${values.map((v) => JSON.stringify(v)).join(', ')}]`);
  }
  return clauses;
}

/**
 * Searches the documents index with disjunctive facets (each facet counted as if its own filter were
 * off, so choosing a value never hides the alternatives), then finds the best passages of each hit.
 */
export async function searchDocuments(context: AppContext, params: SearchDocumentsParams): Promise<SearchDocumentsResult> {
  const { search } = context;
  const filter = buildFilter(params.filters);
  const activeFacets = FACET_ATTRIBUTES.filter((facet) => params.filters[facet]?.length);
  const main = {
    indexUid: search.documents.uid,
    q: params.q,
    filter,
    facets: [...FACET_ATTRIBUTES],
    page: params.pageSize === 0 ? 1 : params.page,
    hitsPerPage: params.pageSize,
    sort: params.sort === 'date' ? ['dateTs:desc'] : undefined,
    attributesToRetrieve: ['id', 'title', 'symbol', 'date', 'year', 'lang', 'doctype', 'concepts'],
    attributesToCrop: TEXT_FIELDS,
    attributesToHighlight: TEXT_FIELDS,
    cropLength: 36,
    ...HIGHLIGHT_TAGS,
  };
  const perFacet = activeFacets.map((facet) => ({
    indexUid: search.documents.uid,
    q: params.q,
    filter: buildFilter(params.filters, facet),
    facets: [facet],
    hitsPerPage: 0,
  }));

  let responses;
  try {
    responses = (await search.client.multiSearch({ queries: [main, ...perFacet] })).results;
  } catch (error) {
    throw new ServiceUnavailableError('search_unavailable', `The search service did not answer: ${(error as Error).message}`);
  }
  const [mainResult, ...facetResults] = responses;
  if (!mainResult) throw new ServiceUnavailableError('search_unavailable', 'The search service gave no answer.');

  const facets = Object.fromEntries(FACET_ATTRIBUTES.map((facet) => [facet, { ...(mainResult.facetDistribution?.[facet] ?? {}) }])) as Record<FacetName, Record<string, number>>;
  activeFacets.forEach((facet, i) => {
    facets[facet] = { ...(facetResults[i]?.facetDistribution?.[facet] ?? {}) };
  });

  const relatedConcepts = params.q ? findConceptsInQuery(params.q).map((match) => match.conceptId) : [];
  const hits: SearchHit[] = mainResult.hits.map((hit) => {
    const field = textField(String(hit.lang));
    const formatted = (hit._formatted ?? {}) as Record<string, unknown>;
    const text = typeof formatted[field] === 'string' ? (formatted[field] as string) : '';
    return {
      documentId: String(hit.id),
      title: String(hit.title),
      doctype: String(hit.doctype),
      language: String(hit.lang),
      year: (hit.year as number | null) ?? null,
      date: (hit.date as string | null) ?? null,
      symbol: (hit.symbol as string | null) ?? null,
      concepts: (hit.concepts as string[]) ?? [],
      snippet: renderSnippet(text),
      passages: [],
    };
  });
  if (params.q && hits.length > 0) await attachPassages(context, params.q, hits, relatedConcepts);

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

/**
 * Best pages of each hit, in one round trip. A query in another language than the document finds no
 * words on its pages, so those hits fall back to the tagger's evidence for the concepts the query names.
 */
async function attachPassages(context: AppContext, q: string, hits: SearchHit[], queryConcepts: string[]): Promise<void> {
  const { search } = context;
  const queries = hits.map((hit) => ({
    indexUid: search.passages.uid,
    q,
    filter: `documentId = ${JSON.stringify(hit.documentId)}`,
    limit: PASSAGES_PER_HIT,
    attributesToRetrieve: ['page'],
    attributesToCrop: [textField(hit.language)],
    attributesToHighlight: [textField(hit.language)],
    cropLength: 30,
    matchingStrategy: 'all' as const,
    ...HIGHLIGHT_TAGS,
  }));
  const results = (await search.client.multiSearch({ queries })).results;
  const needEvidence: SearchHit[] = [];
  hits.forEach((hit, i) => {
    const field = textField(hit.language);
    hit.passages = (results[i]?.hits ?? []).map((passage) => ({
      page: Number(passage.page),
      snippet: renderSnippet(String((passage._formatted as Record<string, unknown> | undefined)?.[field] ?? '')),
    }));
    if (hit.passages.length === 0) needEvidence.push(hit);
  });
  if (needEvidence.length === 0 || queryConcepts.length === 0) return;

  const evidenceRows = context.db
    .select()
    .from(documentConcepts)
    .where(and(inArray(documentConcepts.documentId, needEvidence.map((h) => h.documentId)), inArray(documentConcepts.conceptId, queryConcepts)))
    .all();
  for (const hit of needEvidence) {
    const evidence = evidenceRows.filter((row) => row.documentId === hit.documentId).flatMap((row) => row.evidence);
    const seen = new Set<number>();
    for (const item of evidence) {
      if (seen.has(item.page) || seen.size >= PASSAGES_PER_HIT) continue;
      seen.add(item.page);
      const pageRow = context.db.select({ text: pages.text }).from(pages).where(and(eq(pages.documentId, hit.documentId), eq(pages.page, item.page))).get();
      hit.passages.push({ page: item.page, snippet: snippetAround(pageRow?.text ?? item.text, item.text) });
    }
  }
}
