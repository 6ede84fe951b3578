import { describe, expect, it } from 'vitest';
import { parseInline, parsePageBlocks } from './pageBlocks';

describe('page text as blocks', () => {
  it('joins the lines of a sentence and keeps paragraphs, headings and list items apart', () => {
    const blocks = parsePageBlocks('Article 7\nArtisanal and small-scale gold mining\n1. The measures in this Article and in Annex C shall apply to artisanal and\nsmall-scale gold mining and processing in which mercury amalgamation is used.\n2. Each Party that has artisanal and small-scale gold mining shall take steps to reduce, and where\nfeasible eliminate, the use of mercury.');
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Article 7' },
      { kind: 'paragraph', text: 'Artisanal and small-scale gold mining' },
      { kind: 'paragraph', text: '1. The measures in this Article and in Annex C shall apply to artisanal and small-scale gold mining and processing in which mercury amalgamation is used.' },
      { kind: 'paragraph', text: '2. Each Party that has artisanal and small-scale gold mining shall take steps to reduce, and where feasible eliminate, the use of mercury.' },
    ]);
  });

  it('renders pipe rows as a table: header, wrapped cells, a row begun on the previous page, no separator row', () => {
    const text = 'batteries with a mercury content < 2% | 2020 |\n| Switches and relays, except very high accuracy\nbridges | 2020 |\n| Products | Date |\n| --- | --- |\n| Lamps | 2020 |\nAfter the table.';
    const blocks = parsePageBlocks(text);
    expect(blocks[0]).toEqual({ kind: 'table', header: null, rows: [['batteries with a mercury content < 2%', '2020'], ['Switches and relays, except very high accuracy bridges', '2020'], ['Products', 'Date'], ['Lamps', '2020']] });
    expect(blocks[1]).toEqual({ kind: 'paragraph', text: 'After the table.' });
    expect(parsePageBlocks('| Products | Date |\n| --- | --- |\n| Lamps | 2020 |')).toEqual([{ kind: 'table', header: ['Products', 'Date'], rows: [['Lamps', '2020']] }]);
    expect(JSON.stringify(parsePageBlocks('|\n\n|\n\n| Y46 | Wastes |'))).not.toContain('---');
  });

  it('does not put spaces between Chinese lines', () => {
    expect(parsePageBlocks('各缔约方应当采取措施，减少并在可行时消除手工和小规模采金中\n汞的使用。')).toEqual([{ kind: 'paragraph', text: '各缔约方应当采取措施，减少并在可行时消除手工和小规模采金中汞的使用。' }]);
  });

  it('keeps superscripts and bold as such, and any other markup as plain text', () => {
    expect(parseInline('available<sup>1)</sup> and **bold**')).toEqual([
      { kind: 'text', text: 'available' },
      { kind: 'sup', text: '1)' },
      { kind: 'text', text: ' and ' },
      { kind: 'strong', text: 'bold' },
    ]);
    expect(parseInline('<script>alert(1)</script> **stray')).toEqual([{ kind: 'text', text: '<script>alert(1)</script> stray' }]);
  });
});
