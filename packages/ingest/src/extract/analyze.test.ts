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
