import jsonld from 'jsonld';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { conceptIri, exportSkosJsonLd, exportSkosTurtle, LANGS, loadTaxonomy } from '../src/index';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';

/** Canonical strings of triples, for comparing two parses. */
function canon(quads: { subject: { value: string }; predicate: { value: string }; object: { termType: string; value: string; language?: string } }[]): string[] {
  return quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}@${q.object.language ?? ''}`).sort();
}

describe('SKOS export', () => {
  const tax = loadTaxonomy();
  const turtle = exportSkosTurtle();
  const turtleQuads = new Parser().parse(turtle);

  it('parses as Turtle with one concept per taxonomy concept and six prefLabels each', () => {
    const concepts = turtleQuads.filter((q) => q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' && q.object.value === `${SKOS}Concept`);
    expect(concepts).toHaveLength(tax.concepts.length);
    const schemes = turtleQuads.filter((q) => q.object.value === `${SKOS}ConceptScheme`);
    expect(schemes).toHaveLength(8);
    const prefLabels = turtleQuads.filter((q) => q.predicate.value === `${SKOS}prefLabel`);
    expect(prefLabels).toHaveLength(tax.concepts.length * LANGS.length);
  });

  it('round-trips labels and relations', () => {
    const asgm = conceptIri('theme:asgm');
    const zh = turtleQuads.find((q) => q.subject.value === asgm && q.predicate.value === `${SKOS}prefLabel` && (q.object as { language?: string }).language === 'zh');
    expect(zh?.object.value).toBe(tax.getConcept('theme:asgm')?.prefLabel.zh);
    const quote = turtleQuads.find((q) => q.subject.value === conceptIri('party:CIV') && q.predicate.value === `${SKOS}prefLabel` && (q.object as { language?: string }).language === 'en');
    expect(quote?.object.value).toBe("Côte d'Ivoire");
    const narrower = turtleQuads.filter((q) => q.predicate.value === `${SKOS}narrower`).length;
    const broader = turtleQuads.filter((q) => q.predicate.value === `${SKOS}broader`).length;
    expect(narrower).toBe(broader);
    const exact = turtleQuads.filter((q) => q.predicate.value === `${SKOS}exactMatch`);
    expect(exact.map((q) => q.object.value)).toContain('http://www.eionet.europa.eu/gemet/concept/5154');
  });

  it('gives the same triples in JSON-LD as in Turtle', async () => {
    const nquads = await jsonld.toRDF(exportSkosJsonLd(), { format: 'application/n-quads' });
    const fromJsonLd = new Parser({ format: 'N-Quads' }).parse(nquads);
    expect(fromJsonLd.length).toBe(turtleQuads.length);
    expect(canon(fromJsonLd)).toEqual(canon(turtleQuads));
  });
});
