import type { AltLabels, Concept, Labels, Scheme, Taxonomy } from './types';
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

/** Builds every concept, computes narrower from broader and makes related symmetric. */
export function buildConcepts(): Concept[] {
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
    for (const b of c.broader) byId.get(b)?.narrower.push(c.id);
  }
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

let cached: Taxonomy | undefined;

/** The taxonomy, built once per process and cached (later calls are free). */
export function loadTaxonomy(): Taxonomy {
  if (cached) return cached;
  const concepts = buildConcepts();
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

  const ancestorsOf = (id: string): string[] => {
    const seen = new Set<string>();
    const stack = [...(byId.get(id)?.broader ?? [])];
    while (stack.length) {
      const next = stack.pop() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(byId.get(next)?.broader ?? []));
    }
    return [...seen];
  };

  const themesOf = (id: string): string[] => {
    const c = byId.get(id);
    if (!c) return [];
    if (c.scheme === 'theme') return [id];
    if (c.scheme === 'article' || c.scheme === 'annex') return [...(themesByArticle.get(id) ?? [])];
    return ancestorsOf(id).filter((a) => a.startsWith('theme:'));
  };

  cached = {
    concepts,
    getConcept: (id) => byId.get(id),
    listConcepts: (scheme) => (scheme ? [...(byScheme.get(scheme) ?? [])] : [...concepts]),
    themesOf,
    ancestorsOf,
  };
  return cached;
}

/** Topics that may tag a document without a mercury context (see TopicDef.anyContext). */
export function isContextFree(id: string): boolean {
  return contextFree.has(id);
}
const contextFree = new Set(TOPICS.filter((t) => t.anyContext).map((t) => `topic:${t.slug}`));
