/**
 * A page's extracted text as blocks a reader can follow: paragraphs (a PDF's line breaks inside a
 * sentence undone) and tables (the extractor writes them as Markdown pipe rows, a row's cell text
 * sometimes wrapped over several lines, the first row of a page sometimes begun on the page before).
 * Pure: the text stays text, rendering (PageText.tsx) never treats it as HTML.
 */

export type PageBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; header: string[] | null; rows: string[][] };

const SEPARATOR_ROW = /^\|(?:\s*:?-{3,}:?\s*\|)+$/u;
const EMPTY_ROW = /^\|(?:\s*\|)*$/u;
/** A line that ends a sentence, a clause or a heading's list item: the next line starts a new paragraph. */
const ENDS_SENTENCE = /[.!?:;。！？；：]["'”’»)]?$/u;
/** A line that starts a list item or a numbered paragraph: "1.", "a)", "(b)", "•", "–". */
const STARTS_ITEM = /^(?:\d{1,3}[.)]|[a-z]\)|\([a-z0-9ivx]{1,4}\)|[•▪–-]\s)/u;
/** Shorter than this, a line without final punctuation is a heading ("Article 7", "Objective"). */
const HEADING_MAX = 48;
const HAN_END = /[\p{sc=Han}\u3000-\u303f\uff00-\uffef]$/u;
const HAN_START = /^[\p{sc=Han}\u3000-\u303f\uff00-\uffef]/u;

function splitRow(row: string): string[] {
  return row
    .replace(/^\|/u, '')
    .replace(/\|$/u, '')
    .split('|')
    .map((cell) => joinLines(cell.split('\n').map((l) => l.trim()).filter(Boolean)))
    // "---" stands for an empty cell in the extractor's rows.
    .map((cell) => (/^-{3,}$/u.test(cell) ? '' : cell));
}

/** Lines of one paragraph joined: a space between words, none between Chinese characters, a broken "non-\nprofit" rejoined. */
function joinLines(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    if (!out) out = line;
    else if (/\p{L}-$/u.test(out) && /^\p{Ll}/u.test(line)) out += line;
    else if (HAN_END.test(out) && HAN_START.test(line)) out += line;
    else out += ` ${line}`;
  }
  return out;
}

function startsNewParagraph(previous: string, line: string): boolean {
  // Chinese lines carry about twice the words per character.
  const headingMax = HAN_END.test(previous) ? HEADING_MAX / 3 : HEADING_MAX;
  return ENDS_SENTENCE.test(previous) || STARTS_ITEM.test(line) || (previous.length < headingMax && !/[,\p{Ll}-]$/u.test(previous));
}

/** Splits a page's text into paragraphs and tables. */
export function parsePageBlocks(text: string): PageBlock[] {
  const lines = text.replace(/\r\n?/gu, '\n').split('\n').map((l) => l.trim());
  const blocks: PageBlock[] = [];
  let paragraph: string[] = [];
  let table: { header: string[] | null; rows: string[][] } | null = null;

  const flushParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: joinLines(paragraph) });
    paragraph = [];
  };
  const flushTable = () => {
    if (table && (table.rows.length || table.header)) blocks.push({ kind: 'table', header: table.header, rows: table.rows });
    table = null;
  };
  const addRow = (raw: string) => {
    if (EMPTY_ROW.test(raw.replace(/\n/gu, ' '))) return;
    if (SEPARATOR_ROW.test(raw.replace(/\s+/gu, ''))) {
      // The row above a separator is the header.
      if (table && !table.header && table.rows.length === 1) table.header = table.rows.pop() ?? null;
      return;
    }
    table ??= { header: null, rows: [] };
    table.rows.push(splitRow(raw));
  };

  let i = 0;
  // A row begun on the previous page: text up to the first line ending in "|", when a row follows.
  const firstRowEnd = lines.findIndex((l) => l.endsWith('|'));
  if (firstRowEnd >= 0 && !lines[0]?.startsWith('|') && lines[firstRowEnd + 1]?.startsWith('|') && !lines.slice(0, firstRowEnd).some((l) => l === '')) {
    addRow(`|${lines.slice(0, firstRowEnd + 1).join('\n')}`);
    i = firstRowEnd + 1;
  }
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('|')) {
      flushParagraph();
      // A row runs until a line that closes it with "|" (cell text may wrap).
      const row = [line];
      while (!(row[row.length - 1]!.endsWith('|') && row.join('').length > 1) && i + 1 < lines.length && lines[i + 1] !== '') row.push(lines[++i] as string);
      addRow(row.join('\n'));
      continue;
    }
    if (line === '') {
      flushParagraph();
      continue;
    }
    const lastRow = (table as { rows: string[][] } | null)?.rows.at(-1);
    if (lastRow && paragraph.length === 0 && line.endsWith('|')) {
      // The rest of a row whose first cell closed early ("|name |\n534-52-1 |Pesticide |").
      lastRow.push(...splitRow(`|${line}`));
      continue;
    }
    flushTable();
    const previous = paragraph[paragraph.length - 1];
    if (previous !== undefined && startsNewParagraph(previous, line)) flushParagraph();
    paragraph.push(line);
  }
  flushParagraph();
  flushTable();
  return blocks;
}

/** Inline pieces of a block's text: plain text, superscripts (`<sup>1)</sup>`) and bold (`**…**`); nothing else is markup. */
export type InlinePiece = { kind: 'text' | 'sup' | 'strong'; text: string };

const INLINE = /<sup>([\s\S]*?)<\/sup>|\*\*([\s\S]+?)\*\*/giu;

export function parseInline(text: string): InlinePiece[] {
  const out: InlinePiece[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    if (m[1] !== undefined) out.push({ kind: 'sup', text: m[1] });
    else out.push({ kind: 'strong', text: m[2] ?? '' });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  // A stray "**" or "<sup>" without its pair is debris of the conversion, not text to read.
  return out.map((p) => (p.kind === 'text' ? { ...p, text: p.text.replace(/\*\*|<\/?sup>/giu, '') } : p)).filter((p) => p.text !== '');
}
