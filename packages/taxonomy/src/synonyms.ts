import type { Concept } from './types';
import { loadTaxonomy } from './taxonomy';

/** Per-key cap, so one concept with many labels cannot blow up query expansion. */
const MAX_PER_KEY = 16;

function isAcronym(label: string): boolean {
  return !/\s/.test(label) && /[A-ZА-Я].*[A-ZА-Я]/u.test(label) && label.length <= 10;
}

function synonymLabels(c: Concept): string[] {
  const pref = Object.values(c.prefLabel);
  const alt = Object.values(c.altLabels).flat();
  // Multi-word labels, acronyms and the six preferred labels (the cross-lingual bridge); single
  // generic alt words ("lamps", "piles") would drag unrelated hits into every query.
  const keep = [...pref, ...alt.filter((l) => /\s/.test(l.trim()) || isAcronym(l) || /\p{sc=Han}|\p{sc=Arabic}/u.test(l))];
  return [...new Set(keep.map((l) => l.toLowerCase().replace(/\s+/g, ' ').trim()).filter((l) => l.length >= 2))];
}

/**
 * Meilisearch synonyms (`index.updateSynonyms`) from theme, topic and group labels and party names:
 * every label maps to the concept's other labels, lower-cased, at most 16 per key.
 *
 * With `acronymsOnly`, only acronyms and the labels they stand for in the same language ("asgm" ↔
 * "artisanal and small-scale gold mining"): multi-word, six-language expansion multiplies the work
 * of every query several times over, and an index that stores each record's concept labels in all
 * six languages already bridges languages without it.
 */
export function buildSearchSynonyms(options: { acronymsOnly?: boolean } = {}): Record<string, string[]> {
  if (options.acronymsOnly) return buildAcronymSynonyms();
  const out: Record<string, string[]> = {};
  for (const c of loadTaxonomy().concepts) {
    if ((c.scheme !== 'theme' && c.scheme !== 'topic' && c.scheme !== 'group' && c.scheme !== 'party') || c.deprecated) continue;
    const labels = c.scheme === 'party' ? [...new Set(Object.values(c.prefLabel).map((l) => l.toLowerCase()))] : synonymLabels(c);
    if (labels.length < 2) continue;
    for (const key of labels) {
      const others = labels.filter((l) => l !== key);
      const merged = [...new Set([...(out[key] ?? []), ...others])];
      out[key] = merged.slice(0, MAX_PER_KEY);
    }
  }
  return out;
}

function buildAcronymSynonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (key: string, value: string) => {
    const k = key.toLowerCase();
    const v = value.toLowerCase().replace(/\s+/g, ' ').trim();
    if (k === v) return;
    const list = (out[k] ??= []);
    if (!list.includes(v) && list.length < 4) list.push(v);
  };
  for (const c of loadTaxonomy().concepts) {
    if ((c.scheme !== 'theme' && c.scheme !== 'topic' && c.scheme !== 'group') || c.deprecated) continue;
    for (const [language, alternatives] of Object.entries(c.altLabels)) {
      const pref = c.prefLabel[language as keyof typeof c.prefLabel];
      for (const acronym of (alternatives ?? []).filter(isAcronym)) {
        add(acronym, pref);
        add(pref, acronym);
      }
    }
  }
  return out;
}
