/** Post-processing of Tesseract output. */

const HAN = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
/** A single line break between two Han characters (or CJK punctuation) is layout, not a word boundary. */
const HAN_LINE_BREAK = new RegExp(`(?<=[${HAN}])[ \\t]*\\n[ \\t]*(?=[${HAN}])`, 'gu');
/** Tesseract sometimes puts spaces between Han characters; Chinese does not use them. */
const HAN_SPACE = new RegExp(`(?<=[${HAN}]) +(?=[${HAN}])`, 'gu');

/** Tidies recognised text: unified line ends, no form feeds, CJK lines re-joined, at most one blank line. */
export function normaliseOcrText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(HAN_LINE_BREAK, '')
    .replace(HAN_SPACE, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Mean confidence of the words in Tesseract's TSV output (level 5 rows), weighted by word length so
 * that a stray one-letter word does not weigh as much as a long one. 0 when there are no words.
 */
export function parseTsvConfidence(tsv: string): number {
  let sum = 0;
  let weight = 0;
  for (const line of tsv.split('\n')) {
    const cols = line.split('\t');
    if (cols[0] !== '5' || cols.length < 12) continue;
    const conf = Number(cols[10]);
    const word = cols.slice(11).join('\t').trim();
    if (!Number.isFinite(conf) || conf < 0 || word.length === 0) continue;
    const w = [...word].length;
    sum += conf * w;
    weight += w;
  }
  return weight === 0 ? 0 : Math.round((sum / weight) * 10) / 10;
}
