import { describe, expect, it } from 'vitest';
import { buildSearchSynonyms, findConceptsInQuery } from '../src/index';

describe('search helpers', () => {
  it('finds concepts in cross-lingual queries, with the matched text', () => {
    expect(findConceptsInQuery('amalgame dentaire')).toEqual([{ conceptId: 'topic:dental-amalgam', matched: 'amalgame dentaire' }]);
    expect(findConceptsInQuery('mercurio dental')[0]?.conceptId).toBe('topic:dental-amalgam');
    expect(findConceptsInQuery('汞')[0]?.conceptId).toBe('topic:mercury');
    expect(findConceptsInQuery('ASGM in Ghana').map((m) => m.conceptId)).toEqual(['theme:asgm', 'party:GHA']);
  });

  it('builds bounded, lower-case Meilisearch synonyms that bridge languages', () => {
    const syn = buildSearchSynonyms();
    const keys = Object.keys(syn);
    expect(keys.length).toBeGreaterThan(500);
    expect(keys.length).toBeLessThan(10_000);
    for (const k of keys) {
      expect(k).toBe(k.toLowerCase());
      expect(syn[k]?.length).toBeLessThanOrEqual(16);
    }
    expect(syn['amalgame dentaire']).toContain('dental amalgam');
    expect(syn['asgm']).toContain('artisanal and small-scale gold mining');
    expect(syn['france']).toContain('francia');
  });
});

describe('acronym synonyms for search', () => {
  it('maps acronyms to the labels they stand for, in both directions, and nothing else', () => {
    const synonyms = buildSearchSynonyms({ acronymsOnly: true });
    expect(synonyms.asgm).toContain('artisanal and small-scale gold mining');
    expect(synonyms['artisanal and small-scale gold mining']).toContain('asgm');
    for (const values of Object.values(synonyms)) expect(values.length).toBeLessThanOrEqual(4);
    expect(Object.keys(synonyms).length).toBeLessThan(Object.keys(buildSearchSynonyms()).length / 5);
  });
});
