import { describe, expect, it } from 'vitest';
import { findConceptsInQuery, normalizeText, tagDocument } from '../src/index';

const ids = (q: string): string[] => findConceptsInQuery(q).map((m) => m.conceptId);
/** A short mercury document around `body`, so Minamata-specific tags are allowed. */
const mercuryDoc = (body: string, title = 'Mercury') => tagDocument({ title, pages: [{ page: 1, text: `Mercury. Mercury. Mercury. ${body} ${body}` }] });

describe('article and annex references in six languages', () => {
  it.each([
    ['article 14', ['article:14']],
    ['Article 14', ['article:14']],
    ['ARTICLE 14', ['article:14']],
    ['paragraph 4 of article 14', ['article:14']],
    ['articles 3 and 4', ['article:3', 'article:4']],
    ['Articles 3, 4 and 5', ['article:3', 'article:4', 'article:5']],
    ['articles 20 to 22', ['article:20', 'article:21', 'article:22']],
    ["l'article 14", ['article:14']],
    ['l’article 14', ['article:14']],
    ['artículo 14', ['article:14']],
    ['los artículos 3 y 4', ['article:3', 'article:4']],
    ['статья 14', ['article:14']],
    ['статьи 14', ['article:14']],
    ['статьей 14', ['article:14']],
    ['в соответствии со статьёй 14', ['article:14']],
    ['المادة 14', ['article:14']],
    ['المادة ١٤', ['article:14']],
    ['وفقاً للمادة 14', ['article:14']],
    ['第十四条', ['article:14']],
    ['第14条', ['article:14']],
    ['第三十五条', ['article:35']],
    ['第十条', ['article:10']],
    ['Annex A', ['annex:A']],
    ['annexe A', ['annex:A']],
    ['anexo A', ['annex:A']],
    ['приложение A', ['annex:A']],
    ['приложении В', ['annex:B']],
    ['المرفق ألف', ['annex:A']],
    ['المرفق جيم', ['annex:C']],
    ['附件A', ['annex:A']],
    ['Annexes A and B', ['annex:A', 'annex:B']],
  ])('%s', (q, expected) => {
    expect(ids(q).filter((i) => i.startsWith('article:') || i.startsWith('annex:'))).toEqual(expected);
  });

  it('ignores article numbers the Convention does not have, lowercase "annex a" and other conventions', () => {
    expect(ids('article 99')).toEqual([]);
    expect(ids('under annex a of the form')).toEqual([]);
    expect(ids('Article 5 of the Stockholm Convention')).toEqual(['topic:stockholm-convention']);
  });

  it('tags articles only in a mercury context', () => {
    const bbnj = tagDocument({ pages: [{ page: 1, text: 'Article 14. Capacity-building and the transfer of marine technology. See article 14 and article 14 again.' }] });
    expect(bbnj.filter((m) => m.conceptId.startsWith('article:'))).toEqual([]);
    const minamata = mercuryDoc('Under article 14 and Article 14, paragraph 2.');
    expect(minamata.map((m) => m.conceptId)).toContain('article:14');
    expect(minamata.map((m) => m.conceptId)).toContain('theme:finance-capacity');
  });
});

describe('label matching across languages', () => {
  it.each([
    ['dental amalgam', 'topic:dental-amalgam'],
    ['Dental Amalgams', 'topic:dental-amalgam'],
    ['amalgame dentaire', 'topic:dental-amalgam'],
    ['amalgames dentaires', 'topic:dental-amalgam'],
    ['amalgama dental', 'topic:dental-amalgam'],
    ['mercurio dental', 'topic:dental-amalgam'],
    ['зубной амальгамы', 'topic:dental-amalgam'],
    ['зубная амальгама', 'topic:dental-amalgam'],
    ['ملغم الأسنان', 'topic:dental-amalgam'],
    ['牙科汞合金', 'topic:dental-amalgam'],
    ['汞', 'topic:mercury'],
    ['含汞废物的管理', 'topic:mercury-waste'],
    ['الزئبق', 'topic:mercury'],
    ['بالزئبق', 'topic:mercury'],
    ['الزِّئْبَق', 'topic:mercury'],
    ['ртути', 'topic:mercury'],
    ['ртутью', 'topic:mercury'],
    ['métaux non ferreux', 'topic:non-ferrous-metals'],
    ['METAUX NON FERREUX', 'topic:non-ferrous-metals'],
    ['lámparas fluorescentes compactas', 'topic:fluorescent-lamps'],
    ['emisiones de mercurio', 'theme:emissions'],
    ['ASGM', 'theme:asgm'],
    ['the BAT/BEP guidance', 'topic:bat-bep'],
    ['Global Environment Facility', 'topic:gef'],
    ['Fondo para el Medio Ambiente Mundial', 'topic:gef'],
    ['Глобальный экологический фонд', 'topic:gef'],
    ['全球环境基金', 'topic:gef'],
    ['مرفق البيئة العالمية', 'topic:gef'],
    ['batteries', 'topic:batteries'],
    ['battery', 'topic:batteries'],
    ['contaminated site', 'theme:contaminated-sites'],
  ])('%s → %s', (q, id) => {
    expect(ids(q)).toContain(id);
  });

  it('matches acronyms case-sensitively (nap and pic are words)', () => {
    expect(ids('NAP')).toContain('topic:national-action-plans');
    expect(ids('NAPs')).toContain('topic:national-action-plans');
    expect(ids('a short nap')).toEqual([]);
    expect(ids('le pic de pollution')).toEqual([]);
  });

  it('prefers the longest label: Indonesia is not India, Equatorial Guinea is not Guinea', () => {
    expect(ids('Indonesia')).toEqual(['party:IDN']);
    expect(ids('印度尼西亚')).toEqual(['party:IDN']);
    expect(ids('Equatorial Guinea')).toEqual(['party:GNQ']);
  });

  it('names parties in six languages', () => {
    for (const q of ['Brazil', 'Brésil', 'Brasil', 'Бразилия', 'البرازيل', '巴西']) expect(ids(q), q).toEqual(['party:BRA']);
    expect(ids('European Union')).toEqual(['party:EUU']);
  });
});

describe('tagger precision', () => {
  it('does not tag a word met once in passing', () => {
    const once = mercuryDoc('').filter((m) => m.conceptId === 'topic:dental-amalgam');
    expect(once).toEqual([]);
    const single = tagDocument({ pages: [{ page: 1, text: 'Mercury mercury mercury. One mention of dental amalgam here.' }] });
    expect(single.map((m) => m.conceptId)).not.toContain('topic:dental-amalgam');
  });

  it('does not tag a theme from a generic word alone', () => {
    const tags = mercuryDoc('waste waste waste health health health').map((m) => m.conceptId);
    expect(tags).not.toContain('theme:storage-waste');
    expect(tags).not.toContain('theme:health');
  });

  it('lets a topic imply its theme, with evidence', () => {
    const tags = mercuryDoc('Phase down of dental amalgam use.');
    const theme = tags.find((m) => m.conceptId === 'theme:products');
    expect(theme?.score).toBeGreaterThan(0);
    expect(theme?.evidence[0]?.text).toContain('dental amalgam');
    for (const m of tags) {
      expect(m.score).toBeGreaterThan(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
  });

  it('counts a title mention strongly', () => {
    const tags = tagDocument({ title: 'Guidance on dental amalgam and mercury', pages: [{ page: 1, text: 'Mercury. Mercury. Mercury. Dental amalgam.' }] });
    expect(tags.map((m) => m.conceptId)).toContain('topic:dental-amalgam');
  });
});

describe('hostile input', () => {
  it('handles empty input', () => {
    expect(tagDocument({ pages: [] })).toEqual([]);
    expect(tagDocument({ pages: [{ page: 1, text: '' }], title: '' })).toEqual([]);
    expect(findConceptsInQuery('')).toEqual([]);
    expect(findConceptsInQuery('   \n\t ')).toEqual([]);
  });

  it('handles weird unicode without throwing', () => {
    const weird = '\u0000\uFEFF\u200B𝔪𝔢𝔯𝔠𝔲𝔯𝔶 😀 \uD800 lone surrogate ﻻ ｍｅｒｃｕｒｙ ＡＳＧＭ Z̸̢͉a̴l̷g̶o ‮reversed‬ 第１４条';
    expect(() => tagDocument({ pages: [{ page: 1, text: weird }] })).not.toThrow();
    expect(ids('ｍｅｒｃｕｒｙ')).toEqual(['topic:mercury']);
    expect(ids('第１４条')).toEqual(['article:14']);
    expect(ids('＂ＡＳＧＭ＂')).toEqual(['theme:asgm']);
  });

  it('maps normalized text back to the original', () => {
    const n = normalizeText('Ｍercúrio  dental');
    expect(n.text).toBe('Mercurio dental');
    expect(n.offsets[n.text.indexOf('dental')]).toBe('Ｍercúrio  dental'.indexOf('dental'));
  });

  it('tags a huge page quickly', () => {
    const page = 'Mercury-added products such as dental amalgam and lamps. '.repeat(40_000); // ~2.3 MB
    const t0 = performance.now();
    const tags = tagDocument({ pages: [{ page: 1, text: page }] });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(tags.map((m) => m.conceptId)).toContain('topic:dental-amalgam');
  });

  it('survives many distinct tokens and a label-shaped flood', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
    expect(tagDocument({ pages: [{ page: 1, text }] })).toEqual([]);
    expect(() => findConceptsInQuery('dental '.repeat(10_000))).not.toThrow();
  });
});
