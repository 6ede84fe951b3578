import { loadTaxonomy } from '@mep/taxonomy';
import { DOCTYPE_IDS, type DoctypeSlug } from '@mep/vocabulary';
import { describe, expect, it } from 'vitest';
import { guessDoctype } from './analyze';

interface Case {
  symbol?: string;
  title: string;
  text?: string;
}

const articles = Array.from({ length: 12 }, (_, i) => `Article ${i + 1}\nText of the article.`).join('\n');

/**
 * One case per document type. `null` marks a type ingest never guesses (it comes from curation); a
 * doctype added to @mep/vocabulary fails to compile here until it gets a case or a `null`.
 */
const CASES: Record<DoctypeSlug, Case | null> = {
  'convention-text': { title: 'Minamata Convention on Mercury', text: articles },
  'cop-decision': { symbol: 'UNEP/MC/COP.5/RES/3', title: 'Whatever the title says' },
  'meeting-document': { symbol: 'UNEP/MC/COP.6/19', title: 'Report on the budget' },
  'information-document': { symbol: 'UNEP/MC/COP.6/INF/4', title: 'Compilation of submissions' },
  'national-report': { title: 'Rapport national sur la mise en œuvre' },
  'national-action-plan': { title: 'Plan de acción nacional para la minería de oro artesanal' },
  'implementation-plan': null,
  guidance: { title: 'Guidance on the environmentally sound interim storage of mercury' },
  'scientific-publication': null,
  'technical-report': { title: 'Global mercury assessment study' },
  'training-material': null,
  legislation: null,
  strategy: { title: 'National strategy on mercury-free dentistry' },
  factsheet: null,
  other: null,
};

describe('guessDoctype', () => {
  for (const [slug, input] of Object.entries(CASES)) {
    if (!input) continue;
    it(`recognises doctype:${slug}`, () => {
      expect(guessDoctype(input.symbol, input.title, input.text ?? input.title)).toBe(`doctype:${slug}`);
    });
  }

  it('a decision title without a symbol is a COP decision', () => {
    expect(guessDoctype(undefined, 'Decision MC-4/3: Mercury waste thresholds', '')).toBe('doctype:cop-decision');
  });

  it('says nothing when neither symbol nor title tells', () => {
    expect(guessDoctype(undefined, 'Mercury in the Amazon', 'Some text.')).toBeUndefined();
  });

  it('every doctype id is a concept of the taxonomy, and the taxonomy has no other', () => {
    const taxonomy = loadTaxonomy();
    expect(taxonomy.listConcepts('doctype').map((c) => c.id).sort()).toEqual([...DOCTYPE_IDS].sort());
  });
});
