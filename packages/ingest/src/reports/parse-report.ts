/**
 * National reports → structured answers. Pure: pages of text in, a {@link ParsedReport} out. Reports
 * follow the Convention's reporting format — sections by article, numbered questions, boxes ticked
 * next to Yes / No, "if yes, please provide details" blocks, tables — in any of the six languages.
 */
import type { Taxonomy } from '@mep/taxonomy';
import { interpretBlock, type QuestionBlock } from './block';
import { findCycle, findParty } from './header';
import { reportLines, type ReportLine } from './lines';
import { ARTICLE_COUNT, type ParsedReport } from './types';
import { AFTER_ARTICLE_NUMBER, ARTICLE_HEADING, ARTICLE_HEADING_ZH, chineseNumber, westernDigits } from './words';

export interface ParseReportInput {
  pages: readonly { page: number; text: string }[];
  /** The document's language (decides "1,5" vs "1,500"). */
  language?: string;
}

/** "1. Has …", "3.2) …", "Question 4: …" — a number, then words. */
const QUESTION =
  /^(?:(?:(?:q|question|pregunta|вопрос|سؤال|问题)\s*)?(\d{1,2}(?:\.\d{1,2}){0,2})\s*[.):：]\s*|(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\s+|(?:q|question|pregunta|вопрос|سؤال|问题)\s*(\d{1,2})\s+)(?=[\p{L}(«"“¿¡])/iu;

/** The article number a heading line names, or undefined when the line is no article heading. */
export function articleHeading(line: string): number | undefined {
  const text = westernDigits(line);
  const latin = ARTICLE_HEADING.exec(text);
  if (latin && AFTER_ARTICLE_NUMBER.test(text.slice(latin[0].length))) return Number(latin[1]);
  const zh = ARTICLE_HEADING_ZH.exec(text);
  if (zh) return chineseNumber(zh[1]!);
  return undefined;
}

/** Compares question numbers part by part ("3.2" > "3" > "2.10"? no: 2.10 > 2.9). */
function follows(next: string, previous: string | undefined): boolean {
  if (!previous) return true;
  const a = next.split('.').map(Number);
  const b = previous.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? -1;
    const y = b[i] ?? -1;
    if (x !== y) return x > y;
  }
  return false;
}

/**
 * Parses a national report. Never guesses silently: every answer carries a confidence and its raw
 * text; a report without article sections and numbered questions gets `no-structured-answers`; a
 * party the taxonomy does not know gets `unknown-party: <name>`; an article number the Convention
 * does not have gets `unknown-article: N` and its section is kept in `rejected`, not in the answers.
 */
export function parseNationalReport(input: ParseReportInput, taxonomy: Taxonomy): ParsedReport {
  const lines = reportLines(input.pages);
  const flags: string[] = [];
  const firstArticle = lines.findIndex((l) => articleHeading(l.text) !== undefined);
  const cover = firstArticle < 0 ? lines.slice(0, 40) : lines.slice(0, Math.max(firstArticle, 1));
  const party = findParty(cover, taxonomy);
  if (!party.party && party.claimed) flags.push(`unknown-party: ${party.claimed.slice(0, 100)}`);
  const cycle = findCycle(cover);

  const blocks: QuestionBlock[] = [];
  const rejected: ParsedReport['rejected'] = [];
  let article: string | undefined;
  let rejecting: { heading: string; page: number; lines: string[] } | undefined;
  let block: QuestionBlock | undefined;
  let lastQuestion: string | undefined;
  let listCounter: number | undefined;

  const closeRejected = () => {
    if (rejecting) rejected.push({ heading: rejecting.heading, page: rejecting.page, rawText: rejecting.lines.join('\n').slice(0, 4000) });
    rejecting = undefined;
  };
  for (const line of lines.slice(Math.max(firstArticle, 0))) {
    const n = articleHeading(line.text);
    if (n !== undefined) {
      closeRejected();
      block = undefined;
      lastQuestion = undefined;
      listCounter = undefined;
      if (n >= 1 && n <= ARTICLE_COUNT) {
        article = `article:${n}`;
      } else {
        article = undefined;
        flags.push(`unknown-article: ${n}`);
        rejecting = { heading: line.text, page: line.page, lines: [] };
      }
      continue;
    }
    if (rejecting) {
      rejecting.lines.push(line.text);
      continue;
    }
    if (!article) continue;
    const question = QUESTION.exec(westernDigits(line.text));
    const number = question ? (question[1] ?? question[2] ?? question[3])! : undefined;
    if (question && number && line.text.length - question[0].length >= 8) {
      // A numbered list inside an answer ("1. Formalisation … 2. Retorts …") restarts its count:
      // its items are text, not questions, even when an item's number would follow the last question.
      if (listCounter !== undefined && Number(number) === listCounter + 1) {
        listCounter += 1;
      } else if (follows(number, lastQuestion)) {
        listCounter = undefined;
        lastQuestion = number;
        block = { article, question: number, lines: [{ page: line.page, text: line.text.slice(question[0].length).trim() }] };
        blocks.push(block);
        continue;
      } else {
        listCounter = Number(number);
      }
    }
    block?.lines.push(line as ReportLine);
  }
  closeRejected();

  const answers = blocks.flatMap((b) => interpretBlock(b, input.language));
  if (answers.length === 0) flags.push('no-structured-answers');
  return { party: party.party, partyClaimed: party.claimed, partyConfidence: party.confidence, cycle, answers, rejected, flags: [...new Set(flags)] };
}
