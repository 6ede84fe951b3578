/** National reports in the database: the parse result stored beside its document, curators' corrections kept. */
import { and, asc, eq } from 'drizzle-orm';
import { documents, nationalReports, pages, reportAnswers, type Db } from '@mep/db';
import type { Taxonomy } from '@mep/taxonomy';
import { parseNationalReport } from './parse-report';
import type { ParsedReport } from './types';

/** The doctype whose documents are parsed into answers. */
export const NATIONAL_REPORT_DOCTYPE = 'doctype:national-report';

type Tx = Pick<Db, 'select' | 'insert' | 'delete' | 'update'>;

/** Flags a report parse adds to its document (the rest stay on the report row). */
export function documentFlagsOf(report: ParsedReport): string[] {
  return report.flags.filter((f) => f === 'no-structured-answers' || f.startsWith('unknown-party') || f.startsWith('unknown-article'));
}

/**
 * Stores a parse result: the report row is replaced, parser answers are replaced, and an answer a
 * curator corrected stays exactly as the curator left it.
 */
export async function storeNationalReport(tx: Tx, documentId: string, report: ParsedReport, now = new Date().toISOString()): Promise<void> {
  await tx.insert(nationalReports)
    .values({ documentId, party: report.party, partyClaimed: report.partyClaimed, cycleKind: report.cycle.kind, cyclePeriod: report.cycle.period, cycleYear: report.cycle.year, flags: report.flags, parsedAt: now })
    .onConflictDoUpdate({
      target: nationalReports.documentId,
      set: { party: report.party, partyClaimed: report.partyClaimed, cycleKind: report.cycle.kind, cyclePeriod: report.cycle.period, cycleYear: report.cycle.year, flags: report.flags, parsedAt: now },
    })
    .run();
  await tx.delete(reportAnswers).where(and(eq(reportAnswers.documentId, documentId), eq(reportAnswers.source, 'parser'))).run();
  const curated = new Set(
    (await tx
      .select({ article: reportAnswers.article, question: reportAnswers.question })
      .from(reportAnswers)
      .where(eq(reportAnswers.documentId, documentId))
      .all())
      .map((r) => `${r.article}/${r.question}`),
  );
  for (const a of report.answers) {
    if (curated.has(`${a.article}/${a.question}`)) continue;
    await tx.insert(reportAnswers)
      .values({ documentId, article: a.article, question: a.question, questionText: a.questionText, answer: a.answer, value: a.value, unit: a.unit, explanation: a.explanation, page: a.page, confidence: a.confidence, rawText: a.rawText, source: 'parser', updatedAt: now })
      .run();
  }
}

/**
 * Parses a stored document again (after a parser change, or when a curator set its type to national
 * report) and stores the result; returns undefined when the document does not exist.
 */
export async function reparseNationalReport(db: Db, taxonomy: Taxonomy, documentId: string): Promise<ParsedReport | undefined> {
  const doc = await db.select({ language: documents.language, flags: documents.flags }).from(documents).where(eq(documents.id, documentId)).get();
  if (!doc) return undefined;
  const texts = await db.select({ page: pages.page, text: pages.text }).from(pages).where(eq(pages.documentId, documentId)).orderBy(asc(pages.page)).all();
  const report = parseNationalReport({ pages: texts, language: doc.language }, taxonomy);
  const now = new Date().toISOString();
  await db.transaction(async (tx) => {
    await storeNationalReport(tx, documentId, report, now);
    const kept = doc.flags.filter((f) => !(f === 'no-structured-answers' || f.startsWith('unknown-party') || f.startsWith('unknown-article')));
    await tx.update(documents).set({ flags: [...kept, ...documentFlagsOf(report)], updatedAt: now }).where(eq(documents.id, documentId)).run();
  });
  return report;
}
