/**
 * Curators' overlays: a concept added or edited in the database is swapped into the one live taxonomy, so the
 * tagger, the query matcher and the SKOS export see it at once; a deprecated concept keeps resolving, names its
 * replacement and is no longer tagged.
 */
import { Parser } from 'n3';
import { afterEach, describe, expect, it } from 'vitest';
import { conceptIri, exportSkosTurtle, findConceptsInQuery, loadTaxonomy, setTaxonomyOverlays, tagDocument, type ConceptOverlay } from '../src/index';

const added: ConceptOverlay = {
  id: 'topic:mercury-cell-decommissioning',
  scheme: 'topic',
  prefLabel: { ar: 'إيقاف تشغيل خلايا الزئبق', en: 'Mercury cell decommissioning', es: 'Desmantelamiento de celdas de mercurio', fr: 'Démantèlement des cellules à mercure', ru: 'Вывод из эксплуатации ртутных электролизеров', zh: '汞电解槽退役' },
  altLabels: { en: ['MCDX'] },
  broader: ['theme:products', 'topic:no-such-topic'],
  related: [],
  articles: ['article:5'],
  exactMatch: [],
};

const mercuryText = 'Mercury use in chlor-alkali plants. The MCDX programme removes mercury cells. Mercury waste from MCDX is stored. Mercury again.';

afterEach(() => setTaxonomyOverlays([], 0));

describe('taxonomy overlays', () => {
  it('adds a concept everyone sees at once, dropping references to unknown concepts', () => {
    const taxonomy = loadTaxonomy();
    expect(taxonomy.getConcept(added.id)).toBeUndefined();
    expect(tagDocument({ pages: [{ page: 1, text: mercuryText }] }).map((m) => m.conceptId)).not.toContain(added.id);
    setTaxonomyOverlays([added], 7);
    // The same object, now with the overlay.
    expect(taxonomy.version).toBe(7);
    expect(taxonomy.getConcept(added.id)?.broader).toEqual(['theme:products']);
    expect(taxonomy.getConcept('theme:products')?.narrower).toContain(added.id);
    expect(tagDocument({ pages: [{ page: 1, text: mercuryText }] }).map((m) => m.conceptId)).toContain(added.id);
    expect(findConceptsInQuery('MCDX').map((m) => m.conceptId)).toEqual([added.id]);
    const quads = new Parser().parse(exportSkosTurtle([added.id]));
    expect(quads.some((q) => q.subject.value === conceptIri(added.id) && q.object.value === 'MCDX')).toBe(true);
  });

  it('replaces a committed concept by id, and deprecation keeps the id resolving with its replacement', () => {
    const before = loadTaxonomy().getConcept('topic:dental-amalgam')!;
    const { narrower: _narrower, ...rest } = before;
    setTaxonomyOverlays([added, { ...rest, deprecated: true, replacedBy: added.id }], 2);
    const deprecated = loadTaxonomy().getConcept('topic:dental-amalgam');
    expect(deprecated).toMatchObject({ deprecated: true, replacedBy: added.id });
    expect(findConceptsInQuery('dental amalgam').map((m) => m.conceptId)).not.toContain('topic:dental-amalgam');
    const turtle = exportSkosTurtle(['topic:dental-amalgam']);
    expect(turtle).toContain('owl:deprecated "true"^^xsd:boolean');
    expect(turtle).toContain(`dct:isReplacedBy <${conceptIri(added.id)}>`);
    expect(new Parser().parse(turtle).length).toBeGreaterThan(5);
  });

  it('survives a cycle in stored broader links without looping', () => {
    const a: ConceptOverlay = { ...added, id: 'topic:cycle-a', broader: ['topic:cycle-b'], altLabels: {} };
    const b: ConceptOverlay = { ...added, id: 'topic:cycle-b', broader: ['topic:cycle-a'], altLabels: {} };
    setTaxonomyOverlays([a, b], 3);
    expect(loadTaxonomy().ancestorsOf('topic:cycle-a').sort()).toEqual(['topic:cycle-b']);
  });
});
