import type { SearchFacet } from '@mep/vocabulary';
import { SEARCH_FACETS } from '@mep/vocabulary';
import { z } from 'zod';
import { documentLanguageSchema, objectOf } from '../vocabulary.schemas';

/** A query parameter that may repeat (`?theme=a&theme=b`) or carry comma-separated values. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the item's input is a string or, coerced, anything: zod's pipe accepts both only through `any`
function repeatable<T extends z.ZodType<unknown, any>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)))
    .pipe(z.array(item).max(50, 'at most 50 values per facet'));
}

const conceptId = (scheme: string, pattern: string) =>
  z.string().regex(new RegExp(`^${scheme}:${pattern}$`), `must look like ${scheme}:<id>`);

/** What each facet parameter accepts; a facet added to @mep/vocabulary fails to compile here until it has a rule. */
const facetFilters = {
  theme: repeatable(conceptId('theme', '[a-z0-9-]{1,60}')),
  article: repeatable(z.string().regex(/^(article:([1-9]|[12][0-9]|3[0-5])|annex:[A-E])$/, 'must be article:1 … article:35 or annex:A … annex:E')),
  doctype: repeatable(conceptId('doctype', '[a-z0-9-]{1,60}')),
  party: repeatable(conceptId('party', '[A-Z]{3}')),
  region: repeatable(conceptId('region', '[0-9]{3}')),
  lang: repeatable(documentLanguageSchema),
  year: repeatable(z.coerce.number().int().min(1900).max(2100)),
} satisfies Record<SearchFacet, z.ZodType>;

export const searchQuerySchema = z.object({
  q: z.string().max(500, 'the query is limited to 500 characters').optional().default('').transform((q) => q.replace(/\s+/g, ' ').trim()),
  ...facetFilters,
  sort: z.enum(['relevance', 'date']).optional().default('relevance'),
  page: z.coerce.number().int().min(1).max(1000).optional().default(1),
  pageSize: z.coerce.number().int().min(0).max(50).optional().default(10),
});

const counts = z.record(z.string(), z.number().int());

export const searchResponseSchema = z.object({
  query: z.string(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  totalPages: z.number().int(),
  hits: z.array(
    z.object({
      documentId: z.string(),
      title: z.string(),
      doctype: z.string(),
      language: z.string(),
      year: z.number().int().nullable(),
      date: z.string().nullable(),
      symbol: z.string().nullable(),
      concepts: z.array(z.string()),
      snippet: z.string().describe('HTML-escaped text in which only <mark> elements are markup'),
      passages: z.array(z.object({ page: z.number().int(), snippet: z.string() })),
    }),
  ),
  facets: objectOf(SEARCH_FACETS, counts),
  relatedConcepts: z.array(z.string()),
  /** Analytics id of this search (first pages only, null when analytics are off): POST /api/search/clicks reports the opened result. */
  searchId: z.string().nullable(),
});

/** GET /api/search/highlight-terms: what a document page highlights for the query that led to it. */
export const highlightTermsQuerySchema = z.object({
  q: z.string().max(500, 'the query is limited to 500 characters').transform((q) => q.replace(/\s+/g, ' ').trim()),
  document: z.string().regex(/^[a-f0-9]{16,64}$/, 'is not a document id'),
});

export const highlightTermsResponseSchema = z.object({
  terms: z
    .array(z.string())
    .describe("The query's meaningful words (no stop words) and, in the document's language, the labels of the concepts the query names; longest first. Highlight whole words only."),
});
