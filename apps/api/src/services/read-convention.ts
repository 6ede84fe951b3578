import { and, asc, count, desc, eq, inArray, notInArray } from 'drizzle-orm';
import { documentConcepts, documents, pages } from '@mep/db';
import { locateConventionSections, type ConventionSection } from '@mep/taxonomy';
import type { Lang } from '@mep/vocabulary';
import type { ConventionSectionDto } from '../contracts';
import type { AppContext } from '../context';

/** A copy of the Minamata Convention: the Convention's document type and its name in the title, in any of the six languages. */
const MINAMATA_TITLE = /minamata|минамат|ميناماتا|水俣/iu;
const CONVENTION_DOCTYPE = 'doctype:convention-text';
/** The language a reader gets when the repository has no copy in theirs. */
const FALLBACK_LANGUAGE = 'en';

/** Sections per stored copy; a copy's pages change only when OCR or a re-ingest touches it (updatedAt). */
const sectionCache = new Map<string, Map<string, ConventionSection>>();
const MAX_CACHED_COPIES = 12;

async function sectionsOf(context: AppContext, documentId: string, updatedAt: string): Promise<Map<string, ConventionSection>> {
  const key = `${documentId}@${updatedAt}`;
  const cached = sectionCache.get(key);
  if (cached) return cached;
  const rows = await context.db.select({ page: pages.page, text: pages.text }).from(pages).where(eq(pages.documentId, documentId)).orderBy(asc(pages.page));
  const sections = locateConventionSections(rows);
  if (sectionCache.size >= MAX_CACHED_COPIES) sectionCache.delete(sectionCache.keys().next().value as string);
  sectionCache.set(key, sections);
  return sections;
}

/**
 * An article or annex of the Convention: its own text from the copy in the reader's language (else
 * English, else any copy that has it), the languages held, and the other documents tagged with it,
 * best first.
 */
export async function getConventionSection(context: AppContext, id: string, lang: Lang | undefined, limit: number): Promise<ConventionSectionDto> {
  const copies = (
    await context.db
      .select({ id: documents.id, title: documents.title, language: documents.language, updatedAt: documents.updatedAt })
      .from(documents)
      .where(eq(documents.doctype, CONVENTION_DOCTYPE))
  ).filter((c) => MINAMATA_TITLE.test(c.title));
  const preference = (language: string): number => (language === lang ? 0 : language === FALLBACK_LANGUAGE ? 1 : 2);
  copies.sort((a, b) => preference(a.language) - preference(b.language) || a.id.localeCompare(b.id));

  let text: ConventionSectionDto['text'] = null;
  for (const copy of copies) {
    const section = (await sectionsOf(context, copy.id, copy.updatedAt)).get(id);
    if (!section) continue;
    text = { documentId: copy.id, title: copy.title, language: copy.language, fileUrl: `/api/documents/${copy.id}/file`, fromPage: section.fromPage, toPage: section.toPage, pages: section.pages };
    break;
  }

  const copyIds = copies.map((c) => c.id);
  const referringFilter = copyIds.length > 0 ? and(eq(documentConcepts.conceptId, id), notInArray(documentConcepts.documentId, copyIds)) : eq(documentConcepts.conceptId, id);
  const tagged = await context.db
    .select({ documentId: documentConcepts.documentId, score: documentConcepts.score, evidence: documentConcepts.evidence })
    .from(documentConcepts)
    .where(referringFilter)
    .orderBy(desc(documentConcepts.score), asc(documentConcepts.documentId))
    .limit(limit);
  const referringTotal = (await context.db.select({ n: count() }).from(documentConcepts).where(referringFilter))[0]?.n ?? 0;
  const rows =
    tagged.length === 0
      ? []
      : await context.db
          .select({ id: documents.id, title: documents.title, symbol: documents.symbol, doctype: documents.doctype, language: documents.language, year: documents.year })
          .from(documents)
          .where(inArray(documents.id, tagged.map((t) => t.documentId)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const referring = tagged.flatMap((t) => {
    const row = byId.get(t.documentId);
    return row ? [{ documentId: row.id, title: row.title, symbol: row.symbol, doctype: row.doctype, language: row.language, year: row.year, score: t.score, evidence: t.evidence }] : [];
  });
  return { id, text, languages: [...new Set(copies.map((c) => c.language))].sort(), referring, referringTotal };
}
