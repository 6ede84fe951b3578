/** Checkbox marks next to option words: "☒ Yes ☐ No", "[X] Oui [ ] Non", "Да ☑", "X Sí   No". */
import { CHECKED_MARKS, OPTION_WORDS, UNCHECKED_MARKS, type OptionWord } from './words';

export interface MarkedOption {
  option: OptionWord;
  checked: boolean;
  /** A bare "X" before the word rather than a drawn box: less certain. */
  loose: boolean;
}

const BOX = `[${CHECKED_MARKS.join('')}${UNCHECKED_MARKS.join('')}]|\\[\\s*[xX✓✔]?\\s*\\]|\\(\\s*[xX✓✔]?\\s*\\)`;
const BOX_RE = new RegExp(BOX, 'gu');
const LOOSE_X = /(?:^|\s)[xX×](?=\s+\S)/gu;

/** Lower case without diacritics, for comparing option words. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function isChecked(box: string): boolean {
  if (CHECKED_MARKS.includes(box)) return true;
  if (UNCHECKED_MARKS.includes(box)) return false;
  return /[xX✓✔]/.test(box);
}

/** The option word at the start of `text` (after spaces), if any. */
export function optionAtStart(text: string): OptionWord | undefined {
  const t = fold(text.trimStart());
  for (const [word, option] of OPTION_WORDS) {
    if (!t.startsWith(word)) continue;
    const next = t.charAt(word.length);
    if (next === '' || !/[\p{L}\p{N}]/u.test(next)) return option;
  }
  return undefined;
}

/** The option word at the end of `text` (before spaces), if any. */
function optionAtEnd(text: string): OptionWord | undefined {
  const t = fold(text.trimEnd());
  for (const [word, option] of OPTION_WORDS) {
    if (!t.endsWith(word)) continue;
    const prev = t.charAt(t.length - word.length - 1);
    if (prev === '' || !/[\p{L}\p{N}]/u.test(prev)) return option;
  }
  return undefined;
}

/**
 * The options a line offers and which are ticked. A box belongs to the word after it, or — when the
 * line ends with a box ("Yes ☒ No ☐") — to the word before it.
 */
export function findMarkedOptions(line: string): MarkedOption[] {
  const boxes = [...line.matchAll(BOX_RE)];
  if (boxes.length > 0) {
    const last = boxes[boxes.length - 1]!;
    const wordFirst = line.slice(last.index + last[0].length).trim() === '' && line.slice(0, boxes[0]!.index).trim() !== '';
    const out: MarkedOption[] = [];
    boxes.forEach((box, i) => {
      const option = wordFirst
        ? optionAtEnd(line.slice(i === 0 ? 0 : boxes[i - 1]!.index + boxes[i - 1]![0].length, box.index))
        : optionAtStart(line.slice(box.index + box[0].length, boxes[i + 1]?.index ?? line.length));
      if (option) out.push({ option, checked: isChecked(box[0]), loose: false });
    });
    return out;
  }
  // No boxes: "X Yes   No" — an X standing before one of several option words.
  const out: MarkedOption[] = [];
  for (const x of line.matchAll(LOOSE_X)) {
    const option = optionAtStart(line.slice(x.index + x[0].length));
    if (option) out.push({ option, checked: true, loose: true });
  }
  if (out.length === 0) return out;
  // The other option words on the line are the unticked ones.
  const ticked = new Set(out.map((o) => o.option));
  for (const piece of line.split(/\s{2,}|\t/)) {
    const option = optionAtStart(piece.replace(/^[xX×]\s+/, ''));
    if (option && !ticked.has(option)) out.push({ option, checked: false, loose: true });
  }
  return out;
}

/** Whether the line carries a checkbox at all (used to tell table checkbox columns). */
export function hasBox(text: string): boolean {
  BOX_RE.lastIndex = 0;
  return new RegExp(BOX, 'u').test(text);
}

/** A table cell's tick: a box, or a bare X / ✓. */
export function cellTicked(cell: string): boolean | undefined {
  const c = cell.trim();
  if (c === '') return false;
  const box = new RegExp(`^(?:${BOX})$`, 'u').exec(c);
  if (box) return isChecked(box[0]);
  if (/^[xX×✓✔]$/.test(c)) return true;
  return undefined;
}
