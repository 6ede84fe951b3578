/**
 * Label matcher: every label of every matchable concept, in all six languages, compiled once into
 * a hash index keyed by the (stemmed) first token, plus a first-character index for Chinese.
 * Matching is leftmost-longest and non-overlapping, one pass over the tokens.
 */
import type { Concept, Scheme } from './types';
import type { Script, Token } from './tokenize';
import { tokenize } from './tokenize';
import { normalizeText } from './normalize';
import { loadTaxonomy, taxonomyGeneration } from './taxonomy';

type RuleKind = 'acro' | 'exact' | 'latin' | 'cyr' | 'ar';
interface Rule {
  kind: RuleKind;
  stem: string;
  maxSuffix: number;
}
interface Entry {
  conceptIds: string[];
  rules: Rule[];
}
interface HanEntry {
  text: string;
  conceptIds: string[];
}
export interface Matcher {
  byKey: Map<string, Entry[]>;
  han: Map<string, HanEntry[]>;
}
export interface LabelMatch {
  conceptIds: string[];
  /** Range in the normalized text. */
  start: number;
  end: number;
}

/** Schemes whose labels are looked for in text. Articles/annexes come from references, doctypes from ingest. */
export const MATCHED_SCHEMES: ReadonlySet<Scheme> = new Set<Scheme>(['theme', 'topic', 'party', 'region', 'group']);

/** "World" is in every other sentence; it names no useful region. */
const UNMATCHED: ReadonlySet<string> = new Set(['region:001']);

/** Clitics that attach to Arabic words: conjunctions, prepositions, the article. */
const AR_PREFIXES = ['', 'ال', 'و', 'وال', 'ف', 'فال', 'ب', 'بال', 'وب', 'وبال', 'ل', 'لل', 'ول', 'ولل', 'ك', 'كال', 'فب', 'فل'];
const RU_ENDING = /[аеиоуыэюяь]$/;
const CAP = /[A-Z\u0410-\u042f]/g;

/** Acronyms ("ASGM", "BAT/BEP", "NAPs", "Hg") are matched case-sensitively: "nap" or "pic" are words. */
function isCaseSensitive(label: string): boolean {
  if (/\s/.test(label) || label.length > 10) return false;
  const caps = label.match(CAP)?.length ?? 0;
  return caps >= 2 || (label.length <= 3 && caps === 1 && /^[A-Z\u0410-\u042f]/.test(label));
}

function ruleFor(tok: Token, acronym: boolean): Rule {
  if (acronym) return { kind: 'acro', stem: tok.raw, maxSuffix: 0 };
  const w = tok.lower;
  if (tok.script === 'cyr') {
    if (w.length < 4) return { kind: 'cyr', stem: w, maxSuffix: 1 };
    let stem = w;
    for (let i = 0; i < 2 && stem.length > 3 && RU_ENDING.test(stem); i++) stem = stem.slice(0, -1);
    return { kind: 'cyr', stem, maxSuffix: 3 };
  }
  if (tok.script === 'ar') {
    let stem = w.startsWith('ال') && w.length >= 5 ? w.slice(2) : w;
    // ة (folded to ه) becomes ات in plurals and takes suffixes, so it is not part of the stem.
    const feminine = stem.endsWith('ه') && stem.length >= 4;
    if (feminine) stem = stem.slice(0, -1);
    return { kind: 'ar', stem, maxSuffix: stem.length > 3 ? 3 : feminine ? 2 : 0 };
  }
  if (w.length <= 3 || /\d/.test(w)) return { kind: 'exact', stem: w, maxSuffix: 0 };
  return { kind: 'latin', stem: w, maxSuffix: 0 };
}

function latinForms(stem: string): boolean[] {
  return [stem.endsWith('y'), stem.endsWith('al'), stem.endsWith('s') && !/(ss|us|is)$/.test(stem), stem.endsWith('ies')];
}

function matchesRule(rule: Rule, tok: Token): boolean {
  const { stem } = rule;
  switch (rule.kind) {
    case 'acro':
      return tok.raw === stem || tok.raw === `${stem}s`;
    case 'exact':
      return tok.lower === stem;
    case 'latin': {
      const t = tok.lower;
      if (t === stem || t === `${stem}s` || t === `${stem}es` || t === `${stem}x`) return true;
      const [y, al, plural, ies] = latinForms(stem);
      return (
        (y === true && t === `${stem.slice(0, -1)}ies`) ||
        (al === true && t === `${stem.slice(0, -2)}aux`) ||
        (plural === true && t === stem.slice(0, -1)) ||
        (ies === true && t === `${stem.slice(0, -3)}y`)
      );
    }
    case 'cyr':
      return tok.lower.startsWith(stem) && tok.lower.length - stem.length <= rule.maxSuffix;
    case 'ar':
      for (const p of AR_PREFIXES) {
        if (!tok.lower.startsWith(p)) continue;
        const rest = tok.lower.slice(p.length);
        if (rest.startsWith(stem) && rest.length - stem.length <= rule.maxSuffix) return true;
      }
      return false;
  }
}

/** Every index key under which a rule whose stem could match `tok` is filed. */
function keysFor(tok: Token, out: string[]): void {
  out.length = 0;
  out.push(`A|${tok.raw}`);
  if (tok.raw.endsWith('s')) out.push(`A|${tok.raw.slice(0, -1)}`);
  const t = tok.lower;
  const script: Script = tok.script;
  if (script === 'cyr') {
    for (let k = 0; k <= 3 && t.length - k >= 2; k++) out.push(t.slice(0, t.length - k));
  } else if (script === 'ar') {
    for (const p of AR_PREFIXES) {
      if (!t.startsWith(p)) continue;
      const rest = t.slice(p.length);
      for (let k = 0; k <= 3 && rest.length - k >= 2; k++) out.push(rest.slice(0, rest.length - k));
    }
  } else {
    out.push(t, `${t}s`);
    if (t.endsWith('s')) out.push(t.slice(0, -1));
    if (t.endsWith('es')) out.push(t.slice(0, -2));
    if (t.endsWith('x')) out.push(t.slice(0, -1));
    if (t.endsWith('ies')) out.push(`${t.slice(0, -3)}y`);
    if (t.endsWith('aux')) out.push(`${t.slice(0, -3)}al`);
    if (t.endsWith('y')) out.push(`${t.slice(0, -1)}ies`);
  }
}

function keyOf(rule: Rule): string {
  return rule.kind === 'acro' ? `A|${rule.stem}` : rule.stem;
}

/** Compiles the labels of `concepts` in MATCHED_SCHEMES. */
export function compileMatcher(concepts: readonly Concept[]): Matcher {
  const byKey = new Map<string, Entry[]>();
  const han = new Map<string, HanEntry[]>();
  const seen = new Map<string, Entry | HanEntry>();
  for (const c of concepts) {
    if (!MATCHED_SCHEMES.has(c.scheme) || UNMATCHED.has(c.id) || c.deprecated) continue;
    const labels = [...Object.values(c.prefLabel), ...Object.values(c.altLabels).flat()];
    for (const label of labels) {
      if (!label) continue;
      const norm = normalizeText(label).text;
      const tokens = tokenize(norm);
      if (tokens.length === 0) continue;
      if (tokens.every((t) => t.script === 'han')) {
        const text = tokens.map((t) => t.raw).join('');
        const key = `H|${text}`;
        const prev = seen.get(key);
        if (prev) { if (!prev.conceptIds.includes(c.id)) prev.conceptIds.push(c.id); continue; }
        const entry: HanEntry = { text, conceptIds: [c.id] };
        seen.set(key, entry);
        const first = text[0] as string;
        const list = han.get(first);
        if (list) list.push(entry);
        else han.set(first, [entry]);
        continue;
      }
      if (tokens.some((t) => t.script === 'han')) continue; // mixed scripts: not worth the ambiguity
      const acronym = isCaseSensitive(label.trim());
      const rules = tokens.map((t) => ruleFor(t, acronym));
      // A lone short lowercase word ("or", "de") would match everywhere.
      if (rules.length === 1 && rules[0]?.kind === 'exact' && (rules[0].stem.length < 3)) continue;
      const key = `T|${rules.map((r) => `${r.kind}:${r.stem}:${r.maxSuffix}`).join(' ')}`;
      const prev = seen.get(key);
      if (prev) { if (!prev.conceptIds.includes(c.id)) prev.conceptIds.push(c.id); continue; }
      const entry: Entry = { conceptIds: [c.id], rules };
      seen.set(key, entry);
      const k = keyOf(rules[0] as Rule);
      const list = byKey.get(k);
      if (list) list.push(entry);
      else byKey.set(k, [entry]);
    }
  }
  for (const list of han.values()) list.sort((a, b) => b.text.length - a.text.length);
  return { byKey, han };
}

let shared: { generation: number; matcher: Matcher } | undefined;

/**
 * The matcher of the taxonomy's labels, compiled on first use and shared by the tagger and the query matcher;
 * compiled again once after the taxonomy was swapped (a curator's edit).
 */
export function getMatcher(): Matcher {
  const generation = taxonomyGeneration();
  if (shared?.generation !== generation) shared = { generation, matcher: compileMatcher(loadTaxonomy().concepts) };
  return shared.matcher;
}

/**
 * Whether a text names one of `concepts` by any of its labels (the tagger's matching, without its
 * thresholds): which documents an edit of these concepts may change.
 */
export function createLabelProbe(concepts: readonly Concept[]): (text: string) => boolean {
  const matcher = compileMatcher(concepts);
  return (text) => findLabelMatches(matcher, normalizeText(text).text).length > 0;
}

/** Characters allowed between two tokens of one label: spaces, hyphens, apostrophes, slashes, brackets. */
const GAP_RE = /^[\s\-'/,()]{0,4}$/;

/** Leftmost-longest, non-overlapping label matches in normalized text. */
export function findLabelMatches(matcher: Matcher, text: string, tokens: Token[] = tokenize(text)): LabelMatch[] {
  const out: LabelMatch[] = [];
  const keys: string[] = [];
  const candidates = new Set<Entry>();
  for (let i = 0; i < tokens.length; ) {
    const tok = tokens[i] as Token;
    if (tok.script === 'han') {
      matchHan(matcher, tok, out);
      i++;
      continue;
    }
    keysFor(tok, keys);
    candidates.clear();
    for (const k of keys) for (const e of matcher.byKey.get(k) ?? []) candidates.add(e);
    let best: Entry | undefined;
    let bestEnd = -1;
    let bestLen = 0;
    for (const e of candidates) {
      if (e.rules.length < bestLen) continue;
      let ok = true;
      for (let j = 0; j < e.rules.length; j++) {
        const t = tokens[i + j];
        if (!t || t.script === 'han' || !matchesRule(e.rules[j] as Rule, t)) { ok = false; break; }
        if (j > 0 && !GAP_RE.test(text.slice((tokens[i + j - 1] as Token).end, t.start))) { ok = false; break; }
      }
      if (!ok) continue;
      const end = (tokens[i + e.rules.length - 1] as Token).end;
      if (e.rules.length > bestLen || end > bestEnd) { best = e; bestLen = e.rules.length; bestEnd = end; }
    }
    if (best) {
      out.push({ conceptIds: best.conceptIds, start: tok.start, end: bestEnd });
      i += bestLen;
    } else i++;
  }
  return out;
}

function matchHan(matcher: Matcher, tok: Token, out: LabelMatch[]): void {
  const run = tok.raw;
  for (let p = 0; p < run.length; ) {
    const list = matcher.han.get(run[p] as string);
    const hit = list?.find((e) => run.startsWith(e.text, p));
    if (hit) {
      out.push({ conceptIds: hit.conceptIds, start: tok.start + p, end: tok.start + p + hit.text.length });
      p += hit.text.length;
    } else p++;
  }
}
