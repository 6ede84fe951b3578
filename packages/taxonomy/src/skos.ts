/**
 * SKOS export. Both serialisations describe the same triples: one skos:ConceptScheme per scheme,
 * and per concept prefLabel / altLabel (language-tagged), broader, narrower, related, exactMatch,
 * inScheme, notation and dct:identifier (the MEP id); a deprecated concept owl:deprecated and dct:isReplacedBy.
 */
import type { Concept, Scheme } from './types';
import { LANGS, SCHEMES } from './types';
import { loadTaxonomy } from './taxonomy';

export const BASE_IRI = 'https://www.mercuryconvention.org/mep/taxonomy/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const DCT = 'http://purl.org/dc/terms/';
const OWL = 'http://www.w3.org/2002/07/owl#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

const SCHEME_TITLES: Record<Scheme, string> = {
  theme: 'MEP thematic areas',
  article: 'Articles of the Minamata Convention on Mercury',
  annex: 'Annexes of the Minamata Convention on Mercury',
  doctype: 'MEP document types',
  topic: 'MEP topics',
  party: 'Parties and States (UN Member States and the European Union)',
  region: 'UN M49 regions',
  group: 'UN regional groups',
};

/** IRI of a concept id: "theme:asgm" → BASE_IRI + "theme/asgm". */
export function conceptIri(id: string): string {
  const i = id.indexOf(':');
  return `${BASE_IRI}${id.slice(0, i)}/${encodeURIComponent(id.slice(i + 1))}`;
}
function schemeIri(s: Scheme): string {
  return `${BASE_IRI}${s}`;
}

/** The concepts to export: all, or only those named (then without the scheme descriptions). */
function selectConcepts(only?: readonly string[]): { concepts: readonly Concept[]; schemes: readonly Scheme[] } {
  const all = loadTaxonomy().concepts;
  if (!only) return { concepts: all, schemes: SCHEMES };
  const wanted = new Set(only);
  return { concepts: all.filter((c) => wanted.has(c.id)), schemes: [] };
}

/**
 * The taxonomy as SKOS JSON-LD (compacted with an inline @context); `only` limits it to some
 * concepts (one concept's description, for dereferencing its IRI).
 */
export function exportSkosJsonLd(only?: readonly string[]): object {
  const { concepts: selected, schemes } = selectConcepts(only);
  const concepts = loadTaxonomy().concepts;
  const ids = (list: string[]): string[] => list.map(conceptIri);
  const langMap = (c: Concept): Record<string, string[]> =>
    Object.fromEntries(LANGS.filter((l) => c.altLabels[l]?.length).map((l) => [l, c.altLabels[l] as string[]]));
  return {
    '@context': {
      skos: SKOS,
      dct: DCT,
      prefLabel: { '@id': 'skos:prefLabel', '@container': '@language' },
      altLabel: { '@id': 'skos:altLabel', '@container': '@language' },
      broader: { '@id': 'skos:broader', '@type': '@id' },
      narrower: { '@id': 'skos:narrower', '@type': '@id' },
      related: { '@id': 'skos:related', '@type': '@id' },
      exactMatch: { '@id': 'skos:exactMatch', '@type': '@id' },
      inScheme: { '@id': 'skos:inScheme', '@type': '@id' },
      hasTopConcept: { '@id': 'skos:hasTopConcept', '@type': '@id' },
      notation: 'skos:notation',
      identifier: 'dct:identifier',
      title: 'dct:title',
      owl: OWL,
      deprecated: { '@id': 'owl:deprecated', '@type': `${XSD}boolean` },
      isReplacedBy: { '@id': 'dct:isReplacedBy', '@type': '@id' },
    },
    '@graph': [
      ...schemes.map((s) => ({
        '@id': schemeIri(s),
        '@type': 'skos:ConceptScheme',
        title: SCHEME_TITLES[s],
        hasTopConcept: concepts.filter((c) => c.scheme === s && !c.broader.some((b) => b.startsWith(`${s}:`))).map((c) => conceptIri(c.id)),
      })),
      ...selected.map((c) => ({
        '@id': conceptIri(c.id),
        '@type': 'skos:Concept',
        identifier: c.id,
        inScheme: schemeIri(c.scheme),
        prefLabel: { ...c.prefLabel },
        ...(Object.keys(langMap(c)).length ? { altLabel: langMap(c) } : {}),
        ...(c.notation ? { notation: c.notation } : {}),
        ...(c.broader.length ? { broader: ids(c.broader) } : {}),
        ...(c.narrower.length ? { narrower: ids(c.narrower) } : {}),
        ...(c.related.length ? { related: ids(c.related) } : {}),
        ...(c.exactMatch.length ? { exactMatch: [...c.exactMatch] } : {}),
        ...(c.deprecated ? { deprecated: 'true' } : {}),
        ...(c.replacedBy ? { isReplacedBy: conceptIri(c.replacedBy) } : {}),
      })),
    ],
  };
}

function literal(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

/** The taxonomy as SKOS Turtle; `only` limits it to some concepts (see {@link exportSkosJsonLd}). */
export function exportSkosTurtle(only?: readonly string[]): string {
  const { concepts: selected, schemes } = selectConcepts(only);
  const concepts = loadTaxonomy().concepts;
  const lines: string[] = [`@prefix skos: <${SKOS}> .`, `@prefix dct: <${DCT}> .`, `@prefix owl: <${OWL}> .`, `@prefix xsd: <${XSD}> .`, ''];
  const iri = (s: string): string => `<${s}>`;
  for (const s of schemes) {
    const tops = concepts.filter((c) => c.scheme === s && !c.broader.some((b) => b.startsWith(`${s}:`)));
    lines.push(`${iri(schemeIri(s))} a skos:ConceptScheme ;`);
    lines.push(`  dct:title ${literal(SCHEME_TITLES[s])}${tops.length ? ' ;' : ' .'}`);
    if (tops.length) lines.push(`  skos:hasTopConcept ${tops.map((c) => iri(conceptIri(c.id))).join(', ')} .`);
    lines.push('');
  }
  for (const c of selected) {
    const props: string[] = [`a skos:Concept`, `dct:identifier ${literal(c.id)}`, `skos:inScheme ${iri(schemeIri(c.scheme))}`];
    props.push(`skos:prefLabel ${LANGS.map((l) => `${literal(c.prefLabel[l])}@${l}`).join(', ')}`);
    const alts = LANGS.flatMap((l) => (c.altLabels[l] ?? []).map((a) => `${literal(a)}@${l}`));
    if (alts.length) props.push(`skos:altLabel ${alts.join(', ')}`);
    if (c.notation) props.push(`skos:notation ${literal(c.notation)}`);
    for (const [p, list] of [['broader', c.broader], ['narrower', c.narrower], ['related', c.related]] as const) {
      if (list.length) props.push(`skos:${p} ${list.map((x) => iri(conceptIri(x))).join(', ')}`);
    }
    if (c.exactMatch.length) props.push(`skos:exactMatch ${c.exactMatch.map(iri).join(', ')}`);
    // Deprecated concepts stay in the export (their IRIs keep resolving) and name their replacement.
    if (c.deprecated) props.push(`owl:deprecated "true"^^xsd:boolean`);
    if (c.replacedBy) props.push(`dct:isReplacedBy ${iri(conceptIri(c.replacedBy))}`);
    lines.push(`${iri(conceptIri(c.id))} ${props.join(' ;\n  ')} .`, '');
  }
  return lines.join('\n');
}
