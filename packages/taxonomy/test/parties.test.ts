/** Party tags need evidence of the country as a subject; look-alike words and places never count. */
import { describe, expect, it } from 'vitest';
import { tagDocument } from '../src/index';

const parties = (pages: string[], title?: string): string[] =>
  tagDocument({ pages: pages.map((text, i) => ({ page: i + 1, text })), title })
    .filter((t) => t.conceptId.startsWith('party:'))
    .map((t) => t.conceptId);

const filler = (n: number): string => Array.from({ length: n }, (_, i) => `Paragraph ${i} about national implementation and reporting.`).join(' ');

describe('party tags', () => {
  it('ignores Russian words that look like country names (того, мали, перу, Дания/данные, Самоа/сами)', () => {
    const ru = 'В связи с этим, для того чтобы обеспечить доступ к данным и данные о малых островных государствах, '
      + 'первый доклад и перуанский опыт органы сами рассматривают. Того же мнения придерживаются малые государства.';
    expect(parties([ru, ru, ru, ru])).toEqual([]);
  });

  it('keeps a declined Russian name used as a subject across pages', () => {
    const page = 'Правительство Дании представило доклад. В Дании действует национальный план.';
    expect(parties([page, page, page])).toEqual(['party:DNK']);
  });

  it('does not read 中国 inside 发展中国家 (developing countries) or India in 印度洋', () => {
    const zh = '发展中国家缔约方应当报告。向发展中国家提供技术援助。印度洋沿岸的发展中国家。';
    expect(parties([zh, zh, zh, zh])).toEqual([]);
    expect(parties(['中国\n国家报告', zh])).toEqual(['party:CHN']);
  });

  it('does not make a city\'s country a subject (Kumamoto, Japan)', () => {
    const pages = ['This Convention shall be opened for signature at Kumamoto, Japan, by all States.', filler(20), 'DONE at Kumamoto, Japan, on this tenth day of October.'];
    expect(parties(pages)).toEqual([]);
    expect(parties(['Produced by:\nInternational Environment House\nCH-1219 Châtelaine Geneva\nSwitzerland\nE-mail: info@example.org', filler(5)])).toEqual([]);
  });

  it('does not read an all-capital heading word as an acronym (A%US DE DROIT is not the US)', () => {
    expect(parties(['PARTIE XI\nBONNE FOI ET A%US DE DROIT\nArticle 63', filler(5)])).toEqual([]);
  });

  it('takes the country of the title, of a heading line, or of repeated mentions across the document', () => {
    expect(parties([filler(10)], 'National report of Brazil under Article 21')).toEqual(['party:BRA']);
    expect(parties(['KENYA\nNational action plan on artisanal and small-scale gold mining\n' + filler(5)])).toEqual(['party:KEN']);
    const mentions = ['In Ghana, gold mining employs many.', filler(5), 'Ghana has phased out mercury use in two regions.', 'The Government of Ghana will report.'];
    expect(parties(mentions)).toEqual(['party:GHA']);
  });

  it('does not take one passing mention, nor every country of a participants list', () => {
    expect(parties(['Experts from Peru attended.', filler(10), filler(10)])).toEqual([]);
    const list = ['Participants\nArgentina\nBrazil\nChile\nColombia\nEcuador\nMexico\nPanama\n' + filler(3)];
    expect(parties(list)).toEqual([]);
  });
});
