/** What the national-report parser makes of a report. Pure data: no database, no taxonomy objects. */

/** `number` answers carry `value` and `unit`; `null` is "cannot be told" (blank, conflicting or unreadable). */
export type AnswerKind = 'yes' | 'no' | 'not-applicable' | 'number';

export interface ParsedAnswer {
  /** `article:N`, an article the Convention has. */
  article: string;
  /** Question number within the article: `1`, `3.2`; table rows add their row (`4.1`, `4.2`). */
  question: string;
  questionText: string;
  answer: AnswerKind | null;
  value: number | null;
  unit: string | null;
  /** The party's own words ("if yes, please provide details"), prompts removed. */
  explanation: string | null;
  /** Page the question starts on (1-based). */
  page: number;
  /** 0..1: 1 for one clearly ticked box or a blank set of boxes, lower for guesses. */
  confidence: number;
  /** The question's block as written, so a reader can check what the parser decided. */
  rawText: string;
}

export type ReportCycleKind = 'full' | 'short';

export interface ReportCycle {
  kind: ReportCycleKind | null;
  /** As written, digits normalised: `2018–2020`. */
  period: string | null;
  /** The last year of the period, or the year of submission. */
  year: number | null;
}

export interface ParsedReport {
  /** `party:XXX` when the named party is one the taxonomy knows. */
  party: string | null;
  /** The party as the report names it, when it names one. */
  partyClaimed: string | null;
  partyConfidence: number;
  cycle: ReportCycle;
  answers: ParsedAnswer[];
  /** Sections the parser would not turn into answers (an article the Convention does not have). */
  rejected: { heading: string; page: number; rawText: string }[];
  /** `no-structured-answers`, `unknown-party: …`, `unknown-article: 40`. */
  flags: string[];
}

/** Articles of the Minamata Convention. */
export const ARTICLE_COUNT = 35;
