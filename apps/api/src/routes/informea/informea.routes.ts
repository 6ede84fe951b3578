import { z } from 'zod';
import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { siteUrlOf } from '../../http/site-url';
import { exportCountryRecords, exportDocuments, exportTreaty } from '../../informea/export';

const exportQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  pageSize: z.coerce.number().int().min(1).max(500).optional().default(50),
  updated: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/, 'must be an ISO 8601 date or date-time, e.g. 2025-01-31 or 2025-01-31T12:00:00Z')
    // Date.parse rolls 2024-02-31 over to March: the date must read back as written.
    .refine((s) => !Number.isNaN(new Date(s).getTime()) && (!/^\d{4}-\d{2}-\d{2}(?:$|T.*Z$)/.test(s) || new Date(s).toISOString().slice(0, 10) === s.slice(0, 10)), 'is not a real date')
    .refine((s) => new Date(s).getTime() <= Date.now() + 60_000, 'is in the future: nothing can have been updated since then')
    .optional(),
});
const multilingual = z.object({ language: z.string(), value: z.string() });
const page = z.object({ page: z.number(), pageSize: z.number(), total: z.number(), pages: z.number(), results: z.array(z.unknown()) });

/** InforMEA-compatible read-only JSON: the treaty, documents, country reports, national plans. */
export function informeaRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/informea/treaty',
      tag: 'informea',
      summary: 'The Convention as an InforMEA Treaty entity.',
      response: z.object({ id: z.string(), url: z.string(), titleEnglish: z.string(), officialNameEnglish: z.string(), treatyWebsiteURL: z.string(), titles: z.array(multilingual), descriptions: z.array(multilingual) }),
      handler: ({ req }) => exportTreaty(siteUrlOf(req)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/informea/documents',
      tag: 'informea',
      summary: 'Documents as InforMEA Document entities; `updated` (ISO date-time) for incremental harvests; paged.',
      query: exportQuery,
      response: page,
      errors: [400, 404],
      handler: async ({ req, query }) => exportDocuments(context, siteUrlOf(req), query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/informea/country-reports',
      tag: 'informea',
      summary: 'National reports as InforMEA CountryReport entities (country = ISO 3166-1 alpha-3).',
      query: exportQuery,
      response: page,
      errors: [400, 404],
      handler: async ({ req, query }) => exportCountryRecords(context, siteUrlOf(req), 'country-reports', query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/informea/national-plans',
      tag: 'informea',
      summary: 'National action plans as InforMEA NationalPlan entities.',
      query: exportQuery,
      response: page,
      errors: [400, 404],
      handler: async ({ req, query }) => exportCountryRecords(context, siteUrlOf(req), 'national-plans', query),
    }),
  ];
}
