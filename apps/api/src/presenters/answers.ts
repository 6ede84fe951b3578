import type { AnswerDto } from '../contracts';
import type { ReportAnswerRow } from '../services/report-answers';

/** One answer as clients see it (the contract's AnswerDto). */
export type AnswerView = AnswerDto;

export function presentAnswer(row: ReportAnswerRow): AnswerView {
  return {
    documentId: row.documentId,
    documentTitle: row.documentTitle,
    language: row.language,
    party: row.party,
    cycle: { kind: row.cycleKind, period: row.cyclePeriod, year: row.cycleYear },
    article: row.article,
    question: row.question,
    questionText: row.questionText,
    answer: row.answer,
    value: row.value,
    unit: row.unit,
    explanation: row.explanation,
    page: row.page,
    confidence: row.confidence,
    source: row.source,
    rawText: row.rawText,
    reportUrl: `/documents/${row.documentId}#page-${row.page}`,
  };
}

const CSV_COLUMNS = ['party', 'cycle', 'year', 'article', 'question', 'questionText', 'answer', 'value', 'unit', 'explanation', 'confidence', 'source', 'documentId', 'page', 'reportUrl'] as const;

/**
 * One CSV cell: quoted, quotes doubled, and a leading = + - @ (or tab / CR) prefixed with an
 * apostrophe so a spreadsheet shows a report's words instead of running them as a formula.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** Answers as CSV (RFC 4180, CRLF), one row per answer. */
export function answersToCsv(answers: readonly AnswerView[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const a of answers) {
    const row: Record<(typeof CSV_COLUMNS)[number], unknown> = { ...a, cycle: a.cycle.kind, year: a.cycle.year };
    lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
