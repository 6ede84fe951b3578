import { loadTaxonomy } from '@mep/taxonomy';
import { describe, expect, it } from 'vitest';
import { detectQueryLanguage, meaningfulWords, scoreHit } from './search-ranking';
import { HIGHLIGHT_TAGS, renderSnippet, snippetAround, toProse } from './snippets';

const { highlightPreTag: PRE, highlightPostTag: POST } = HIGHLIGHT_TAGS;

describe('snippets are clean prose', () => {
  it('drops Markdown table pipes and rules, bold markers, headings and <sup> tags, and joins lines', () => {
    const page = '## Annex A\n| Y28 | Tellurium |\n| --- | --- |\n| Y29 | **Mercury**; mercury<sup>1</sup> compounds |\nthe Parties\nshall';
    expect(toProse(page)).toBe('Annex A · Y28 · Tellurium · Y29 · Mercury; mercury compounds · the Parties shall');
  });

  it('escapes everything but the highlight', () => {
    expect(renderSnippet(`a <script> & ${PRE}mercury${POST}`)).toBe('a &lt;script&gt; &amp; <mark>mercury</mark>');
  });
});

describe('highlights are whole words of meaning', () => {
  it('unwraps a mark inside a word and a mark on a stop word', () => {
    expect(renderSnippet(`cath${PRE}ode${POST} ${PRE}de${POST}vices ${PRE}de${POST} ${PRE}mercurio${POST}`)).toBe('cathode devices de <mark>mercurio</mark>');
  });

  it('keeps marks in Chinese, which has no spaces between words', () => {
    expect(renderSnippet(`含${PRE}汞${POST}产品`)).toBe('含<mark>汞</mark>产品');
  });

  it('marks a concept label as a whole word around its first occurrence', () => {
    expect(snippetAround('Mercury-free devices. The mercury trade', ['mercury trade', 'mercury'])).toContain('<mark>Mercury</mark>-free');
    expect(snippetAround('Hydrargyrum', ['mercury'])).toBe('Hydrargyrum');
  });
});

describe('query language and ranking signals', () => {
  const taxonomy = loadTaxonomy();

  it('tells the language from the script, then from the words', () => {
    expect(detectQueryLanguage('زئبق', [], taxonomy)).toBe('ar');
    expect(detectQueryLanguage('ртуть', [], taxonomy)).toBe('ru');
    expect(detectQueryLanguage('汞', [], taxonomy)).toBe('zh');
    expect(detectQueryLanguage('plan de acción nacional y mercurio', [], taxonomy)).toBe('es');
    expect(detectQueryLanguage('mercury', [], taxonomy)).toBeUndefined();
  });

  it('drops stop words from the words that carry the query', () => {
    expect(meaningfulWords('conference of the parties')).toEqual(['conference', 'parties']);
  });

  it('ranks a README (doctype:other) below any real document', () => {
    const signals = { queryConcepts: [], queryLanguage: undefined, queryWords: ['mercury'] };
    const readme = scoreHit({ doctype: 'doctype:other', language: 'en', title: 'Mercury', symbol: null, concepts: [] }, 1, signals);
    const factsheet = scoreHit({ doctype: 'doctype:factsheet', language: 'en', title: 'Notes', symbol: null, concepts: [] }, 0.1, signals);
    expect(factsheet).toBeGreaterThan(readme);
  });
});
