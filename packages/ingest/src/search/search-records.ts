import { asc, eq } from 'drizzle-orm';
import { documentConcepts, documents, ocrJobs, pages, type Db } from '@mep/db';
import type { Taxonomy } from '@mep/taxonomy';
import { DOCUMENT_LANGUAGES, type DocumentLanguage, type SearchFacet } from '@mep/vocabulary';
import { isCleanText } from '../extract/quality';
import { doctypeRank } from './doctype-rank';

/** Languages that get their own localized text attribute in Meilisearch: every document language. */
export const INDEXED_LANGUAGES = DOCUMENT_LANGUAGES;
export type IndexedLanguage = DocumentLanguage;

/** Per search facet, the type of its attribute: a facet added to @mep/vocabulary fails to compile until it has one. */
interface FacetFieldTypes {
  theme: string[];
  article: string[];
  doctype: string;
  party: string[];
  region: string[];
  lang: string;
  year: number | null;
}

/** Filter attributes shared by the documents and the passages index; their names match the API's facet parameters. */
export type FacetFields = { [F in SearchFacet]: FacetFieldTypes[F] } & {
  topic: string[];
  dateTs: number | null;
};

export interface DocumentSearchRecord extends FacetFields, Partial<Record<`text_${IndexedLanguage}`, string>> {
  id: string;
  title: string;
  symbol: string | null;
  date: string | null;
  fileName: string;
  pageCount: number;
  concepts: string[];
  /** The opening of the text, shown when browsing without a query. */
  summary: string;
  /** Labels of the document's concepts in all six languages: what makes a French query find an English text. */
  conceptLabels: string[];
  flags: string[];
  /** The document type's rank (DOCTYPE_RANK): browsing without a query sorts by it. */
  doctypeRank: number;
}

export interface PassageSearchRecord extends FacetFields, Partial<Record<`text_${IndexedLanguage}`, string>> {
  id: string;
  documentId: string;
  page: number;
}

/**
 * How much of a document's text goes into the documents index: Meilisearch indexes at most 65,535 word
 * positions per attribute, so more than this would be ignored anyway. Passages carry every page in full.
 */
const DOCUMENT_TEXT_LIMIT = 400_000;

const SUMMARY_LENGTH = 280;

function summarize(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SUMMARY_LENGTH) return flat;
  const cut = flat.lastIndexOf(' ', SUMMARY_LENGTH);
  return `${flat.slice(0, cut > SUMMARY_LENGTH / 2 ? cut : SUMMARY_LENGTH)}…`;
}

export function textField(language: string): `text_${IndexedLanguage}` {
  return `text_${(INDEXED_LANGUAGES as readonly string[]).includes(language) ? (language as IndexedLanguage) : 'other'}`;
}

/**
 * Builds the search records of one document from SQLite alone, so that a rebuild from the source of
 * truth gives exactly what ingestion gave.
 */
export async function buildSearchRecords(db: Db, taxonomy: Taxonomy, documentId: string): Promise<{ document: DocumentSearchRecord; passages: PassageSearchRecord[] } | undefined> {
  const row = await db.select().from(documents).where(eq(documents.id, documentId)).get();
  if (!row) return undefined;
  const conceptRows = await db.select({ conceptId: documentConcepts.conceptId }).from(documentConcepts).where(eq(documentConcepts.documentId, documentId)).all();
  const allPages = await db.select({ page: pages.page, text: pages.text, ocrConfidence: pages.ocrConfidence }).from(pages).where(eq(pages.documentId, documentId)).orderBy(asc(pages.page)).all();
  // When OCR took charge of a document, its rejected text-layer pages (glyph-id garbage, waiting for
  // recognition or past the page cap) stay out of search: they only produce false matches.
  const ocrManaged = (await db.select({ id: ocrJobs.documentId }).from(ocrJobs).where(eq(ocrJobs.documentId, documentId)).get()) !== undefined;
  const pageRows = ocrManaged ? allPages.filter((p) => p.ocrConfidence !== null || isCleanText(p.text)) : allPages;

  const conceptIds = conceptRows.map((c) => c.conceptId);
  const facets = buildFacetFields(taxonomy, conceptIds, row);
  const field = textField(row.language);
  const labels = new Set<string>();
  for (const id of conceptIds) {
    const concept = taxonomy.getConcept(id);
    if (!concept || concept.scheme === 'party' || concept.scheme === 'region' || concept.scheme === 'group') continue;
    for (const label of Object.values(concept.prefLabel)) labels.add(label);
    for (const alternatives of Object.values(concept.altLabels)) for (const label of alternatives ?? []) labels.add(label);
  }

  let fullText = '';
  for (const p of pageRows) {
    if (fullText.length >= DOCUMENT_TEXT_LIMIT) break;
    fullText += `${p.text}\n`;
  }

  const document: DocumentSearchRecord = {
    id: row.id,
    title: row.title,
    symbol: row.symbol,
    date: row.date,
    fileName: row.fileName,
    pageCount: row.pageCount,
    concepts: conceptIds,
    summary: summarize(fullText),
    conceptLabels: [...labels],
    flags: row.flags,
    doctypeRank: doctypeRank(row.doctype),
    ...facets,
    [field]: fullText.slice(0, DOCUMENT_TEXT_LIMIT),
  };
  const passages = pageRows
    .filter((p) => p.text.trim().length > 0)
    .map<PassageSearchRecord>((p) => ({ id: `${row.id}_${p.page}`, documentId: row.id, page: p.page, ...facets, [field]: p.text }));
  return { document, passages };
}

function buildFacetFields(
  taxonomy: Taxonomy,
  conceptIds: string[],
  row: { doctype: string; language: string; year: number | null; date: string | null },
): FacetFields {
  const of = (scheme: string) => conceptIds.filter((id) => id.startsWith(`${scheme}:`));
  const parties = of('party');
  const regions = new Set<string>(of('region'));
  for (const party of parties) for (const ancestor of taxonomy.ancestorsOf(party)) if (ancestor.startsWith('region:')) regions.add(ancestor);
  return {
    theme: of('theme'),
    article: [...of('article'), ...of('annex')],
    topic: of('topic'),
    doctype: row.doctype,
    party: parties,
    region: [...regions],
    lang: row.language,
    year: row.year,
    dateTs: row.date ? Math.floor(Date.parse(row.date) / 1000) : null,
  };
}
