import { describe, expect, it } from 'vitest';
import { analyzeDocument, parseEnglishNumber } from './analyze';

describe('treaty adoption dates', () => {
  const facts = (text: string, embeddedDate?: string) =>
    analyzeDocument({ kind: 'text', mime: 'text/plain', pageCount: 1, pages: [{ page: 1, text }], warnings: [], ...(embeddedDate ? { embeddedDate } : {}) }, 'treaty.txt');

  it('reads closing formulas written in words, even hyphenated across lines, over the PDF render date', () => {
    expect(facts('Convention text.\nDONE at Kumamoto, Japan, on this tenth day of October, two thousand and thirteen.', '2026-11-22').date).toBe('2013-10-10');
    expect(facts('DONE at Rotterdam on this tenth day of September, one thousand nine hundred and ninety-\neight.').date).toBe('1998-09-10');
    expect(facts('DONE at Basel on the 22nd day of March 1989, in a single copy').date).toBe('1989-03-22');
  });

  it('prefers the year in a UN symbol to a PDF creation date', () => {
    const result = facts('UNEP/MC/2025/4\nDigital strategy of the Minamata Convention on Mercury', '2026-11-22');
    expect(result.year).toBe(2025);
    expect(result.date).toBeUndefined();
  });

  it('parses English number words', () => {
    expect(parseEnglishNumber('two thousand and thirteen')).toBe(2013);
    expect(parseEnglishNumber('one thousand nine hundred and eighty-nine')).toBe(1989);
    expect(parseEnglishNumber('banana')).toBeUndefined();
  });
});

describe('UN symbols', () => {
  it('takes a symbol from a header line, not from the end of a sentence citing it', async () => {
    const { findUnSymbol } = await import('./analyze');
    expect(findUnSymbol('UNEP/MC/COP.6/19\nDistr.: General')).toBe('UNEP/MC/COP.6/19');
    expect(findUnSymbol('K2500001\tUNEP/MC/COP.6/19')).toBe('UNEP/MC/COP.6/19');
    expect(findUnSymbol('The Agreement in all six languages, plus General Assembly resolution A/RES/78/272.')).toBeUndefined();
  });
});

describe('hostile text (security finding 7)', () => {
  const analyze = (text: string, title = 'Minamata Convention on Mercury') =>
    analyzeDocument({ kind: 'text', mime: 'text/plain', pageCount: 1, pages: [{ page: 1, text }], warnings: [], embeddedTitle: title }, 'x.txt');

  // The article-heading pattern used `^\s*` in multiline mode: quadratic in a run of blank lines
  // (6.6 s for 120 kB); ten times that took ~11 minutes. Linear now: both finish at once.
  it.each([
    ['120 kB of whitespace', ' \n'.repeat(60_000)],
    ['1.2 MB of blank lines and spaces', '\n \t\r\n'.repeat(300_000)],
  ])('analyzes %s without stalling', (_label, text) => {
    expect(analyze(`Article 1\n${text}Article 2`).doctypeHint).not.toBe('doctype:convention-text');
  }, 30_000);

  it('still counts indented article headings of a convention, in any case', () => {
    const text = Array.from({ length: 12 }, (_, i) => `${i % 2 ? '   ' : '\t'}${i % 3 ? 'Article' : 'ARTICLE'} ${i + 1}\nText of the article.`).join('\n\n');
    expect(analyze(text).doctypeHint).toBe('doctype:convention-text');
  });
});
