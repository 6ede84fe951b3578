import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS, loadTaxonomy } from '../src/index';
import { REFERENCE } from './paths';

const THEME_IDS = [
  'theme:supply-trade', 'theme:products', 'theme:processes', 'theme:asgm', 'theme:emissions', 'theme:releases',
  'theme:storage-waste', 'theme:contaminated-sites', 'theme:health', 'theme:finance-capacity',
  'theme:information-awareness', 'theme:reporting-effectiveness',
];

describe('concept data', () => {
  const tax = loadTaxonomy();

  it('has exactly the 12 themes of the issue, with their articles', () => {
    expect(tax.listConcepts('theme').map((c) => c.id).sort()).toEqual([...THEME_IDS].sort());
    expect(tax.getConcept('theme:products')?.articles).toEqual(['article:4', 'article:6', 'annex:A']);
    expect(tax.getConcept('theme:reporting-effectiveness')?.articles).toEqual(['article:15', 'article:20', 'article:21', 'article:22']);
  });

  it('has articles 1–35 and annexes A–E with titles', () => {
    const articles = tax.listConcepts('article');
    expect(articles.map((a) => a.notation)).toEqual(Array.from({ length: 35 }, (_, i) => String(i + 1)));
    expect(tax.getConcept('article:14')?.prefLabel.en).toBe('Article 14: Capacity-building, technical assistance and technology transfer');
    expect(tax.getConcept('article:7')?.prefLabel.fr).toContain("Extraction minière artisanale et à petite échelle d'or");
    expect(tax.listConcepts('annex').map((a) => a.id)).toEqual(['annex:A', 'annex:B', 'annex:C', 'annex:D', 'annex:E']);
    expect(tax.getConcept('annex:C')?.prefLabel.ar).toContain('المرفق جيم');
  });

  it('has doctypes, 60+ topics, 193 UN members + EU, regions and the 5 groups', () => {
    const doctypes = tax.listConcepts('doctype').map((c) => c.id);
    for (const d of ['convention-text', 'cop-decision', 'meeting-document', 'information-document', 'national-report', 'national-action-plan', 'guidance', 'scientific-publication', 'technical-report', 'training-material']) {
      expect(doctypes).toContain(`doctype:${d}`);
    }
    expect(tax.listConcepts('topic').length).toBeGreaterThanOrEqual(60);
    const parties = tax.listConcepts('party');
    expect(parties).toHaveLength(194);
    expect(tax.getConcept('party:EUU')?.prefLabel.fr).toBe('Union européenne');
    expect(tax.getConcept('party:FRA')?.broader).toEqual(['region:155']);
    expect(tax.getConcept('party:KEN')?.related).toContain('group:african');
    expect(tax.listConcepts('group')).toHaveLength(5);
    expect(tax.getConcept('region:202')?.narrower).toContain('region:014');
  });

  it('labels every concept in all six languages, without blanks', () => {
    for (const c of tax.concepts) {
      for (const l of LANGS) {
        expect(c.prefLabel[l]?.trim(), `${c.id} ${l}`).toBeTruthy();
        for (const alt of c.altLabels[l] ?? []) expect(alt.trim(), `${c.id} alt ${l}`).toBeTruthy();
      }
    }
  });

  it('keeps narrower the exact inverse of broader and related symmetric', () => {
    for (const c of tax.concepts) {
      for (const b of c.broader) expect(tax.getConcept(b)?.narrower, `${c.id} → ${b}`).toContain(c.id);
      for (const n of c.narrower) expect(tax.getConcept(n)?.broader).toContain(c.id);
      for (const r of c.related) expect(tax.getConcept(r)?.related, `${c.id} ~ ${r}`).toContain(c.id);
    }
  });

  it('puts every topic but mercury itself under a theme, and gives it articles', () => {
    for (const t of tax.listConcepts('topic')) {
      expect(t.articles.length, t.id).toBeGreaterThan(0);
      if (t.id !== 'topic:mercury') expect(tax.themesOf(t.id).length, t.id).toBeGreaterThan(0);
    }
    expect(tax.themesOf('topic:fluorescent-lamps')).toEqual(['theme:products']);
    expect(tax.themesOf('article:6').sort()).toEqual(['theme:processes', 'theme:products']);
  });

  it('links exactMatch only to URIs that exist in GEMET or UNBIS', () => {
    const gemet = readFileSync(resolve(REFERENCE, 'gemet-en.rdf'), 'utf8');
    const gemetUris = new Set([...gemet.matchAll(/<skos:Concept rdf:about="([^"]+)"/g)].map((m) => m[1]));
    const unbis = JSON.parse(readFileSync(resolve(REFERENCE, 'unbis-topics.json'), 'utf8')) as { topics: { url: string; labels: Record<string, string> }[] };
    const unbisUris = new Map(unbis.topics.map((t) => [t.url, t]));
    const links = tax.concepts.flatMap((c) => c.exactMatch.map((u) => [c.id, u] as const));
    expect(links.length).toBeGreaterThanOrEqual(25);
    for (const [id, uri] of links) expect(gemetUris.has(uri) || unbisUris.has(uri), `${id} → ${uri}`).toBe(true);
    // UNBIS carries six-language labels: our mercury must agree with it.
    const mercury = unbisUris.get('http://metadata.un.org/thesaurus/1004049');
    expect(mercury?.labels.zh).toBe(tax.getConcept('topic:mercury')?.prefLabel.zh);
    expect(mercury?.labels.ar).toBe(tax.getConcept('topic:mercury')?.prefLabel.ar);
  });

  it('is cached: a second load is instant', () => {
    const t0 = performance.now();
    const again = loadTaxonomy();
    expect(performance.now() - t0).toBeLessThan(50);
    expect(again).toBe(tax);
  });
});
