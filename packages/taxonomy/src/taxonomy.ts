import type { AltLabels, Concept, ConceptOverlay, Labels, Scheme, Taxonomy } from './types';
import { DOCTYPE_SLUGS } from '@mep/vocabulary';
import { LANGS } from './types';
import { ANNEX_TITLES, ANNEX_WORD, ARABIC_ANNEX_LETTERS, ARTICLE_TITLES, THEMES } from './data/convention';
import { DOCTYPES } from './data/doctypes';
import { TOPICS } from './data/topics';
import reference from './data/reference.json';

interface ReferenceData {
  parties: { iso3: string; labels: Labels; alt: AltLabels; subRegion: string; intermediateRegion?: string; groups: string[] }[];
  eu: { code: string; labels: Labels; alt: AltLabels };
  regions: { code: string; labels: Labels; broader?: string }[];
  groups: { slug: string; labels: Labels; alt: string[] }[];
}

/** Annex → the article that governs it. */
const ANNEX_ARTICLE: Record<string, string> = { A: 'article:4', B: 'article:5', C: 'article:7', D: 'article:8', E: 'article:25' };

type Draft = Omit<Concept, 'narrower'>;

function draft(id: string, scheme: Scheme, prefLabel: Labels, extra: Partial<Draft> = {}): Draft {
  return { id, scheme, prefLabel, altLabels: {}, broader: [], related: [], articles: [], exactMatch: [], ...extra };
}

function articleDrafts(): Draft[] {
  return ARTICLE_TITLES.map((title, i) => {
    const n = i + 1;
    const id = `article:${n}`;
    const prefLabel: Labels = {
      en: `Article ${n}: ${title.en}`,
      fr: `Article ${n} : ${title.fr}`,
      es: `Artículo ${n}: ${title.es}`,
      ru: `Статья ${n}. ${title.ru}`,
      ar: `المادة ${n}: ${title.ar}`,
      zh: `第${n}条：${title.zh}`,
    };
    const altLabels: AltLabels = Object.fromEntries(LANGS.map((l) => [l, [title[l]]]));
    return draft(id, 'article', prefLabel, { altLabels, articles: [id], notation: String(n) });
  });
}

function annexDrafts(): Draft[] {
  return (Object.keys(ANNEX_TITLES) as (keyof typeof ANNEX_TITLES)[]).map((letter) => {
    const title = ANNEX_TITLES[letter];
    const id = `annex:${letter}`;
    const prefLabel: Labels = {
      en: `${ANNEX_WORD.en} ${letter}: ${title.en}`,
      fr: `${ANNEX_WORD.fr} ${letter} : ${title.fr}`,
      es: `${ANNEX_WORD.es} ${letter}: ${title.es}`,
      ru: `${ANNEX_WORD.ru} ${letter}. ${title.ru}`,
      ar: `${ANNEX_WORD.ar} ${ARABIC_ANNEX_LETTERS[letter] ?? letter}: ${title.ar}`,
      zh: `${ANNEX_WORD.zh}${letter}：${title.zh}`,
    };
    const altLabels: AltLabels = Object.fromEntries(LANGS.map((l) => [l, [title[l]]]));
    const governing = ANNEX_ARTICLE[letter];
    return draft(id, 'annex', prefLabel, { altLabels, articles: [id], notation: letter, related: governing ? [governing] : [] });
  });
}

function referenceDrafts(): Draft[] {
  const ref = reference as ReferenceData;
  const out: Draft[] = [];
  for (const g of ref.groups) out.push(draft(`group:${g.slug}`, 'group', g.labels, { altLabels: g.alt.length ? { en: g.alt } : {} }));
  for (const r of ref.regions) {
    out.push(draft(`region:${r.code}`, 'region', r.labels, { notation: r.code, broader: r.broader ? [`region:${r.broader}`] : [] }));
  }
  for (const p of ref.parties) {
    const broader = [`region:${p.subRegion}`];
    if (p.intermediateRegion) broader.push(`region:${p.intermediateRegion}`);
    out.push(draft(`party:${p.iso3}`, 'party', p.labels, { altLabels: p.alt, notation: p.iso3, broader, related: [...p.groups] }));
  }
  out.push(draft(`party:${ref.eu.code}`, 'party', ref.eu.labels, { altLabels: ref.eu.alt, notation: ref.eu.code, related: ['region:150'] }));
  return out;
}

function topicArticleId(code: string): string {
  return /^\d+$/.test(code) ? `article:${code}` : `annex:${code}`;
}

/**
 * Builds every concept, computes narrower from broader and makes related symmetric. `overlays` (curators'
 * edits and additions, from the database) replace or add concepts by id; the committed data must be
 * consistent (an unknown reference there throws), an overlay's reference to a concept that does not exist is
 * dropped (edits are validated when they are made; this keeps a server starting whatever the table holds).
 */
export function buildConcepts(overlays: readonly ConceptOverlay[] = []): Concept[] {
  const drafts: Draft[] = [
    ...THEMES.map((t) => draft(`theme:${t.slug}`, 'theme', t.labels, { altLabels: t.alt, articles: [...t.articles] })),
    ...articleDrafts(),
    ...annexDrafts(),
    ...DOCTYPE_SLUGS.map((slug) => draft(`doctype:${slug}`, 'doctype', DOCTYPES[slug].labels, { altLabels: DOCTYPES[slug].alt })),
    ...TOPICS.map((t) =>
      draft(`topic:${t.slug}`, 'topic', t.labels, {
        altLabels: t.alt,
        broader: [...t.themes.map((s) => `theme:${s}`), ...(t.broader ?? []).map((s) => `topic:${s}`)],
        related: [...(t.related ?? [])],
        articles: t.articles.map(topicArticleId),
        exactMatch: [...(t.exactMatch ?? [])],
      }),
    ),
    ...referenceDrafts(),
  ];
  const byId = new Map<string, Concept>();
  for (const d of drafts) {
    if (byId.has(d.id)) throw new Error(`duplicate concept id ${d.id}`);
    byId.set(d.id, { ...d, narrower: [] });
  }
  for (const c of byId.values()) {
    for (const ref of [...c.broader, ...c.related, ...c.articles]) {
      if (!byId.has(ref)) throw new Error(`${c.id} refers to unknown concept ${ref}`);
    }
  }
  const overlaid = new Set<string>();
  for (const o of overlays) {
    byId.set(o.id, { ...o, altLabels: { ...o.altLabels }, broader: [...o.broader], related: [...o.related], articles: [...o.articles], exactMatch: [...o.exactMatch], narrower: [] });
    overlaid.add(o.id);
  }
  for (const id of overlaid) {
    const c = byId.get(id)!;
    const known = (ref: string) => ref !== id && byId.has(ref);
    c.broader = c.broader.filter(known);
    c.related = c.related.filter(known);
    c.articles = c.articles.filter((a) => byId.has(a));
    if (c.replacedBy && !byId.has(c.replacedBy)) delete c.replacedBy;
  }
  for (const c of byId.values()) for (const b of c.broader) byId.get(b)?.narrower.push(c.id);
  // skos:related is symmetric; an article is related to the themes that cover it.
  for (const c of byId.values()) {
    if (c.scheme === 'theme') for (const a of c.articles) c.related.push(a);
  }
  for (const c of [...byId.values()]) {
    for (const r of c.related) {
      const other = byId.get(r);
      if (other && !other.related.includes(c.id)) other.related.push(c.id);
    }
  }
  for (const c of byId.values()) c.related = [...new Set(c.related)];
  return [...byId.values()];
}

interface State {
  version: number;
  concepts: Concept[];
  byId: Map<string, Concept>;
  byScheme: Map<Scheme, Concept[]>;
  themesByArticle: Map<string, string[]>;
}

function buildState(overlays: readonly ConceptOverlay[], version: number): State {
  const concepts = buildConcepts(overlays);
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const byScheme = new Map<Scheme, Concept[]>();
  for (const c of concepts) {
    const list = byScheme.get(c.scheme);
    if (list) list.push(c);
    else byScheme.set(c.scheme, [c]);
  }
  const themesByArticle = new Map<string, string[]>();
  for (const t of byScheme.get('theme') ?? []) {
    for (const a of t.articles) themesByArticle.set(a, [...(themesByArticle.get(a) ?? []), t.id]);
  }
  return { version, concepts, byId, byScheme, themesByArticle };
}

let state: State | undefined;
/** Bumped on every swap, so caches derived from the concepts (the label matcher) know to rebuild. */
let generation = 0;
const current = (): State => (state ??= buildState([], 0));

function ancestorsOf(id: string): string[] {
  const { byId } = current();
  const seen = new Set<string>();
  const stack = [...(byId.get(id)?.broader ?? [])];
  while (stack.length) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(byId.get(next)?.broader ?? []));
  }
  seen.delete(id);
  return [...seen];
}

/**
 * One object for the life of the process, whose every read goes to the current state: whoever was handed
 * the taxonomy (the search worker, the OCR queue, the context) sees a curator's edit as soon as it is swapped in.
 */
const live: Taxonomy = {
  get concepts() {
    return current().concepts;
  },
  get version() {
    return current().version;
  },
  getConcept: (id) => current().byId.get(id),
  listConcepts: (scheme) => (scheme ? [...(current().byScheme.get(scheme) ?? [])] : [...current().concepts]),
  themesOf: (id) => {
    const { byId, themesByArticle } = current();
    const c = byId.get(id);
    if (!c) return [];
    if (c.scheme === 'theme') return [id];
    if (c.scheme === 'article' || c.scheme === 'annex') return [...(themesByArticle.get(id) ?? [])];
    return ancestorsOf(id).filter((a) => a.startsWith('theme:'));
  },
  ancestorsOf,
};

/** The taxonomy of this process: built once (the committed data) on first use, then swapped by `setTaxonomyOverlays`. */
export function loadTaxonomy(): Taxonomy {
  return live;
}

/**
 * Rebuilds the taxonomy from the committed data and `overlays` (curators' concepts, from the database) and
 * swaps it in for everyone at once: tagger, matcher, SKOS export, synonyms. `version` identifies the overlays
 * (an API node compares it with the database's to know it is behind).
 */
export function setTaxonomyOverlays(overlays: readonly ConceptOverlay[], version: number): void {
  state = buildState(overlays, version);
  generation += 1;
}

/** Changes whenever the taxonomy was swapped; caches built from the concepts compare it. */
export function taxonomyGeneration(): number {
  return generation;
}

/** Topics that may tag a document without a mercury context (see TopicDef.anyContext). */
export function isContextFree(id: string): boolean {
  return contextFree.has(id);
}
const contextFree = new Set(TOPICS.filter((t) => t.anyContext).map((t) => `topic:${t.slug}`));
