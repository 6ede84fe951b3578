/**
 * Read-only export shaped like InforMEA's entities (field names of its OData provider toolkit):
 * Treaty, Document, CountryReport, NationalPlan. Multilingual fields are `[{ language, value }]`;
 * countries are ISO 3166-1 alpha-3 (the taxonomy's party notation). See the API README for the mapping.
 */
import { and, asc, count, desc, eq, gte, inArray, type SQL } from 'drizzle-orm';
import { documentConcepts, documents, nationalReports } from '@mep/db';
import { conceptIri, LANGS, type Concept } from '@mep/taxonomy';
import type { AppContext } from '../context';
import { NotFoundError } from '../errors';

export const TREATY_ID = 'minamata';
const KEYWORD_SCHEMES = new Set(['theme', 'topic', 'article', 'annex']);

export interface MultilingualValue {
  language: string;
  value: string;
}

export interface ExportPage<T> {
  page: number;
  pageSize: number;
  total: number;
  pages: number;
  results: T[];
}

export interface ExportQuery {
  page: number;
  pageSize: number;
  /** Only records updated at or after this ISO instant. */
  updated?: string;
}

/** The Convention as InforMEA's Treaty entity. */
export function exportTreaty(siteUrl: string) {
  const titles: Record<(typeof LANGS)[number], string> = {
    ar: 'اتفاقية ميناماتا بشأن الزئبق',
    en: 'Minamata Convention on Mercury',
    es: 'Convenio de Minamata sobre el Mercurio',
    fr: 'Convention de Minamata sur le mercure',
    ru: 'Минаматская конвенция о ртути',
    zh: '关于汞的水俣公约',
  };
  return {
    id: TREATY_ID,
    url: 'https://www.mercuryconvention.org',
    titleEnglish: titles.en,
    officialNameEnglish: titles.en,
    treatyWebsiteURL: 'https://www.mercuryconvention.org',
    titles: LANGS.map((language) => ({ language, value: titles[language] })),
    descriptions: [{ language: 'en', value: `Global treaty to protect human health and the environment from the adverse effects of mercury. Documents of the exchange platform: ${siteUrl}/search` }],
  };
}

type DocRow = typeof documents.$inferSelect & { reportParty: string | null };

function kindCondition(kind: 'documents' | 'country-reports' | 'national-plans'): SQL | undefined {
  if (kind === 'country-reports') return eq(documents.doctype, 'doctype:national-report');
  if (kind === 'national-plans') return eq(documents.doctype, 'doctype:national-action-plan');
  return undefined;
}

/** One page of rows of a kind, oldest update first (a stable order for incremental harvests). */
async function pageOf(context: AppContext, kind: 'documents' | 'country-reports' | 'national-plans', query: ExportQuery): Promise<{ total: number; rows: DocRow[]; concepts: Map<string, { conceptId: string; score: number }[]> }> {
  const where = and(kindCondition(kind), query.updated ? gte(documents.updatedAt, new Date(query.updated).toISOString()) : undefined);
  const total = (await context.db.select({ n: count() }).from(documents).where(where).get())?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  if (query.page > pages) throw new NotFoundError(`Page ${query.page} (there ${pages === 1 ? 'is 1 page' : `are ${pages} pages`} of ${query.pageSize})`);
  const rows = (await context.db
    .select({ doc: documents, reportParty: nationalReports.party })
    .from(documents)
    .leftJoin(nationalReports, eq(nationalReports.documentId, documents.id))
    .where(where)
    .orderBy(asc(documents.updatedAt), asc(documents.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .all())
    .map((r) => ({ ...r.doc, reportParty: r.reportParty }));
  const concepts = new Map<string, { conceptId: string; score: number }[]>();
  if (rows.length) {
    for (const c of (await context.db.select({ documentId: documentConcepts.documentId, conceptId: documentConcepts.conceptId, score: documentConcepts.score }).from(documentConcepts).where(inArray(documentConcepts.documentId, rows.map((r) => r.id))).orderBy(desc(documentConcepts.score)).all())) {
      concepts.set(c.documentId, [...(concepts.get(c.documentId) ?? []), c]);
    }
  }
  return { total, rows, concepts };
}

const iso3 = (partyId: string | null | undefined) => (partyId ? partyId.slice('party:'.length) : null);
const instant = (value: string) => new Date(value).toISOString();
const languageOf = (language: string) => (language === 'other' ? 'und' : language);

/** The country a document is about: the reporting party, else its strongest party tag. */
function countryOf(row: DocRow, concepts: readonly { conceptId: string }[]): string | null {
  return iso3(row.reportParty ?? concepts.find((c) => c.conceptId.startsWith('party:'))?.conceptId);
}

function filesOf(row: DocRow, siteUrl: string) {
  return [{ url: `${siteUrl}/api/documents/${row.id}/file`, mimeType: row.mime, language: languageOf(row.language), filename: row.fileName }];
}

function keyword(concept: Concept, siteUrl: string) {
  return {
    termURI: conceptIri(concept.id),
    scope: concept.scheme,
    literalForm: concept.prefLabel.en,
    sourceURL: `${siteUrl}/api/taxonomy/concepts/${concept.id}`,
    labels: LANGS.map((language) => ({ language, value: concept.prefLabel[language] })),
    exactMatch: concept.exactMatch,
  };
}

/** Documents as InforMEA Document entities. */
export async function exportDocuments(context: AppContext, siteUrl: string, query: ExportQuery): Promise<ExportPage<unknown>> {
  const { total, rows, concepts } = await pageOf(context, 'documents', query);
  const results = rows.map((row) => {
    const tags = concepts.get(row.id) ?? [];
    const country = countryOf(row, tags);
    const references = row.doctype === 'doctype:national-report' ? [{ type: 'CountryReports', refId: row.id }] : row.doctype === 'doctype:national-action-plan' ? [{ type: 'NationalPlans', refId: row.id }] : [];
    return {
      id: row.id,
      schemaVersion: '1.0',
      published: instant(row.date ?? row.createdAt),
      updated: instant(row.updatedAt),
      treaty: TREATY_ID,
      treaties: [TREATY_ID],
      ...(country ? { country } : {}),
      titles: [{ language: languageOf(row.language), value: row.title }],
      descriptions: [],
      identifiers: [{ name: 'mep', value: row.id }, ...(row.symbol ? [{ name: 'symbol', value: row.symbol }] : [])],
      keywords: tags.map((t) => context.taxonomy.getConcept(t.conceptId)).filter((c): c is Concept => Boolean(c && KEYWORD_SCHEMES.has(c.scheme))).map((c) => keyword(c, siteUrl)),
      types: [{ value: context.taxonomy.getConcept(row.doctype)?.prefLabel.en ?? row.doctype }],
      references,
      files: filesOf(row, siteUrl),
      url: `${siteUrl}/documents/${row.id}`,
    };
  });
  return { page: query.page, pageSize: query.pageSize, total, pages: Math.max(1, Math.ceil(total / query.pageSize)), results };
}

/**
 * National reports as CountryReport entities, national action plans as NationalPlan entities. A
 * record whose country cannot be told is left out of these lists (InforMEA requires the country);
 * it is still exported as a Document.
 */
export async function exportCountryRecords(context: AppContext, siteUrl: string, kind: 'country-reports' | 'national-plans', query: ExportQuery): Promise<ExportPage<unknown>> {
  const { total, rows, concepts } = await pageOf(context, kind, query);
  const results = rows.flatMap((row) => {
    const country = countryOf(row, concepts.get(row.id) ?? []);
    if (!country) return [];
    const common = {
      id: row.id,
      treaty: TREATY_ID,
      country,
      url: `${siteUrl}/documents/${row.id}`,
      ...(row.date ? { submission: instant(row.date) } : {}),
      updated: instant(row.updatedAt),
      titles: [{ language: languageOf(row.language), value: row.title }],
      files: filesOf(row, siteUrl),
    };
    return kind === 'national-plans' ? [{ ...common, type: 'National action plan' }] : [common];
  });
  return { page: query.page, pageSize: query.pageSize, total, pages: Math.max(1, Math.ceil(total / query.pageSize)), results };
}
