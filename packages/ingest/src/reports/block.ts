/** One question's block of lines → its answer(s): ticked boxes, written answers, quantities, tables. */
import { cellTicked, findMarkedOptions, fold, optionAtStart, type MarkedOption } from './marks';
import { findQuantity, isBareQuantity, parseLocaleNumber, unitInParentheses } from './numbers';
import type { ParsedAnswer } from './types';
import { ANSWER_LABEL, canonicalUnit, DETAIL_PROMPT, QUANTITY_LABEL } from './words';
import type { ReportLine } from './lines';

export interface QuestionBlock {
  article: string;
  question: string;
  /** The question line without its number, then the rest of the block. */
  lines: ReportLine[];
}

type Decision = Pick<ParsedAnswer, 'answer' | 'value' | 'unit' | 'confidence'>;

const UNIT_HEADER = /^(?:unit|units|unité|unidad|единица(?: измерения)?|الوحدة|单位)$/iu;
const MAX_RAW = 4000;

/** Interprets one question block; a block with a table yields one answer per table row as well. */
export function interpretBlock(block: QuestionBlock, language?: string): ParsedAnswer[] {
  const [first, ...rest] = block.lines;
  if (!first) return [];
  const questionLines = [first.text];
  let i = 0;
  // The question wraps until it ends like a question or a line starts the answer.
  while (i < rest.length && questionLines.length < 4 && !/[?:：？؟.。]$/u.test(questionLines[questionLines.length - 1]!) && isPlainLine(rest[i]!.text)) {
    questionLines.push(rest[i]!.text);
    i++;
  }
  const body = inferTableRows(rest.slice(i), language);
  const questionText = questionLines.join(' ').replace(/\s+/g, ' ').trim();
  const rawText = block.lines.map((l) => l.text).join('\n').slice(0, MAX_RAW);
  const base = { article: block.article, page: first.page, rawText };

  // Options can sit on the question line itself ("1. Has …? ☒ Yes ☐ No").
  const options: MarkedOption[] = [];
  const explanation: string[] = [];
  const table: string[][] = [];
  let written: Decision | undefined;
  const markedOnQuestion = findMarkedOptions(questionText);
  options.push(...markedOnQuestion);
  const cleanQuestion = markedOnQuestion.length ? stripOptions(questionText) : questionText;

  for (const line of body) {
    const text = line.text;
    if (text.includes('\t')) {
      table.push(text.split('\t').map((c) => c.trim()));
      continue;
    }
    const marked = findMarkedOptions(text);
    if (marked.length) {
      options.push(...marked);
      continue;
    }
    const answerLabel = ANSWER_LABEL.exec(text) ?? QUANTITY_LABEL.exec(text);
    if (answerLabel && !written) {
      const after = text.slice(answerLabel[0].length).trim();
      written = writtenAnswer(after, language, cleanQuestion);
      if (!written && after) explanation.push(after);
      continue;
    }
    if (!written && options.length === 0 && optionAtStart(text) && fold(text).replace(/[.\s]/g, '').length <= 14 && isOnlyOption(text)) {
      written = { answer: optionAtStart(text)!, value: null, unit: null, confidence: 0.8 };
      continue;
    }
    if (!written && options.length === 0 && isBareQuantity(text, language)) {
      const q = findQuantity(text, language)!;
      written = { answer: 'number', value: q.value, unit: q.unit ?? unitInParentheses(cleanQuestion), confidence: 0.8 };
      continue;
    }
    const prompt = DETAIL_PROMPT.exec(text);
    if (prompt) {
      const colon = text.search(/[:：]/u);
      const after = colon >= 0 ? text.slice(colon + 1).trim() : '';
      if (after) explanation.push(after);
      continue;
    }
    explanation.push(text);
  }

  const answers: ParsedAnswer[] = [];
  const rows = table.length ? interpretTable(table, cleanQuestion, language) : [];
  const decision = decide(options) ?? written;
  if (rows.length === 0 || decision) {
    answers.push({
      ...base,
      question: block.question,
      questionText: cleanQuestion,
      ...(decision ?? undecided(explanation)),
      explanation: explanation.length ? explanation.join(' ').replace(/\s+/g, ' ').trim() : null,
    });
  }
  rows.forEach((row, n) => {
    answers.push({ ...base, question: `${block.question}.${n + 1}`, questionText: `${cleanQuestion} — ${row.label}`, ...row.decision, explanation: null });
  });
  return answers;
}

/** Blank boxes (or no answer at all) are "cannot be told"; loose text with no answer is unsure. */
function undecided(explanation: string[]): Decision {
  return { answer: null, value: null, unit: null, confidence: explanation.length ? 0.4 : 0.9 };
}

/** One ticked option is the answer; several different ticks are a conflict; none is blank. */
function decide(options: MarkedOption[]): Decision | undefined {
  if (options.length === 0) return undefined;
  const ticked = [...new Set(options.filter((o) => o.checked).map((o) => o.option))];
  if (ticked.length === 1) {
    const loose = options.some((o) => o.checked && o.loose);
    return { answer: ticked[0]!, value: null, unit: null, confidence: loose ? 0.7 : 1 };
  }
  if (ticked.length > 1) return { answer: null, value: null, unit: null, confidence: 0.3 };
  return { answer: null, value: null, unit: null, confidence: 0.9 };
}

function writtenAnswer(text: string, language: string | undefined, question: string): Decision | undefined {
  const option = optionAtStart(text);
  if (option) return { answer: option, value: null, unit: null, confidence: 0.9 };
  const q = findQuantity(text, language);
  if (q) return { answer: 'number', value: q.value, unit: q.unit ?? unitInParentheses(question), confidence: q.unit ? 0.9 : 0.8 };
  return undefined;
}

function interpretTable(rows: string[][], question: string, language?: string): { label: string; decision: Decision }[] {
  let header: string[] | undefined;
  if (rows[0] && rows[0].slice(1).every((c) => parseLocaleNumber(c, language) === undefined && cellTicked(c) === undefined)) header = rows.shift();
  const optionColumns = header?.map((h) => (h ? optionAtStart(h) : undefined)) ?? [];
  const isCheckTable = optionColumns.some((o) => o !== undefined);
  const unitColumn = header?.findIndex((h) => UNIT_HEADER.test(h.trim())) ?? -1;
  const out: { label: string; decision: Decision }[] = [];
  for (const row of rows) {
    const label = row[0] ?? '';
    if (!label) continue;
    if (isCheckTable) {
      const ticked = [...new Set(row.map((c, i) => (cellTicked(c) && optionColumns[i] ? optionColumns[i] : undefined)).filter((o) => o !== undefined))];
      out.push({ label, decision: ticked.length === 1 ? { answer: ticked[0]!, value: null, unit: null, confidence: 1 } : { answer: null, value: null, unit: null, confidence: ticked.length ? 0.3 : 0.9 } });
      continue;
    }
    const numberAt = row.findIndex((c, i) => i > 0 && c !== '' && parseLocaleNumber(c.split(/\s+/)[0] ?? '', language) !== undefined);
    if (numberAt < 0) {
      out.push({ label, decision: { answer: null, value: null, unit: null, confidence: 0.9 } });
      continue;
    }
    const q = findQuantity(row[numberAt]!, language)!;
    const unit =
      q.unit ??
      (unitColumn >= 0 ? canonicalUnit(row[unitColumn] ?? '') : undefined) ??
      canonicalUnit(row[numberAt + 1] ?? '') ??
      (header ? unitInParentheses(header[numberAt] ?? '') : null) ??
      unitInParentheses(question);
    out.push({ label, decision: { answer: 'number', value: q.value, unit: unit ?? null, confidence: unit ? 1 : 0.8 } });
  }
  return out;
}

/** A continuation of the question: no box, no label, no table cell, no prompt. */
function isPlainLine(text: string): boolean {
  return !text.includes('\t') && findMarkedOptions(text).length === 0 && !ANSWER_LABEL.test(text) && !QUANTITY_LABEL.test(text) && !DETAIL_PROMPT.test(text);
}

function isOnlyOption(text: string): boolean {
  return /^[\p{L}/ ]{1,16}[.]?$/u.test(text.trim());
}

/** The question without the boxes and option words written after it. */
function stripOptions(text: string): string {
  const cut = text.search(/\s*(?:[☒☑■✓✔⊠▣☐□▢◻]|\[\s*[xX✓✔]?\s*\]|\(\s*[xX✓✔]?\s*\))/u);
  return (cut > 0 ? text.slice(0, cut) : text).trim();
}

const ROW = /^(\p{L}[^\t]{0,60}?)\s+(-|—|[-−]?\d[\d.,' ]*\d|\d)(?:\s+(-|—|\S{1,20}))?$/u;

/**
 * PDF text loses table borders and pdf.js joins cells with single spaces: lines ending in a number
 * (and a unit or a dash), two or more in a row, are read as table rows, the line before them as the
 * header when it has as many words as the rows have cells. One such line alone stays prose.
 */
function inferTableRows(lines: ReportLine[], language?: string): ReportLine[] {
  const cellsOf = (text: string): string[] | undefined => {
    if (text.includes('\t') || /[.:;?]$/.test(text)) return undefined;
    const m = ROW.exec(text);
    if (!m) return undefined;
    if (m[3] && !/^[-—]$/.test(m[3]) && !canonicalUnit(m[3])) return undefined;
    if (!/^[-—]$/.test(m[2]!) && parseLocaleNumber(m[2]!.replace(/\s+/g, ''), language) === undefined) return undefined;
    return [m[1]!, m[2]!, ...(m[3] ? [m[3]] : [])];
  };
  const out = [...lines];
  for (let start = 0; start < out.length; start++) {
    let end = start;
    const rows: string[][] = [];
    for (let cells = cellsOf(out[end]?.text ?? ''); cells && end < out.length; cells = cellsOf(out[++end]?.text ?? '')) rows.push(cells);
    if (rows.length < 2) continue;
    rows.forEach((cells, k) => (out[start + k] = { ...out[start + k]!, text: cells.join('\t') }));
    const header = out[start - 1];
    if (header && !header.text.includes('\t') && !/\d|[:?]$/.test(header.text)) {
      const words = header.text.split(/\s+/);
      if (words.length === rows[0]!.length) out[start - 1] = { ...header, text: words.join('\t') };
    }
    start = end;
  }
  return out;
}
