/**
 * The document tagger. Precision first:
 * - a concept needs two distinct occurrences, or one in the title, or an article heading;
 * - its score is occurrences weighed against document length, so a passing mention in a long
 *   document stays below the cut-off;
 * - themes, articles, annexes and mercury-specific topics need a mercury context (the document
 *   talks about mercury or Minamata several times), so a treaty that cites "article 14" of itself
 *   gets no Minamata tags;
 * - a party needs evidence of the country as a subject (see `acceptParty`): its name in the title or a
 *   heading, or mentions spread over the document; a mention must be the name (party-mentions.ts), and
 *   a country after a city ("Kumamoto, Japan") does not count.
 */
import type { Concept, ConceptMatch, Evidence, TagInput } from './types';
import { findLabelMatches, getMatcher } from './matcher';
import { foldLabel, normalizeText, quoteOriginal } from './normalize';
import { isHeadingLine, isNameMention, isPlaceQualifier } from './party-mentions';
import { findReferences } from './refs';
import { isContextFree, loadTaxonomy, taxonomyGeneration } from './taxonomy';
import { tokenize } from './tokenize';

/** Weight of a title or heading hit, in occurrences. */
const TITLE_WEIGHT = 4;
/** Minimum score of a tag. */
const MIN_SCORE = 0.2;
/** Implied tags (a topic's theme) score a little below what implied them. */
const IMPLIED_FACTOR = 0.9;
const MAX_EVIDENCE = 3;
/** Mercury context: at least this many mentions, and this many per 1,000 tokens. */
const MERCURY_MIN = 3;
const MERCURY_PER_1000 = 1;
/** Guard against hostile input: text beyond this many characters per page is not read. */
const MAX_PAGE_CHARS = 2_000_000;

const MERCURY_RE = /mercur|ртут|زيبق|汞|水银|minamata|минамат|ميناماتا|水俣/giu;

interface Tally {
  count: number;
  strong: number;
  /** Parties: mentions on a heading line of their own. */
  headings: number;
  /** Articles and annexes: the evidence starts with the section's own heading. */
  headingEvidence?: boolean;
  evidence: Evidence[];
  pages: Set<number>;
}

function addEvidence(t: Tally, page: number, quote: () => string, heading = false): void {
  // One snippet per page, so evidence shows the spread of the concept; quoting is lazy because
  // most matches never become evidence.
  if (heading && !t.headingEvidence) {
    // An article's own heading is the best evidence there is: it goes first, whatever came before
    // (the definitions page cites Article 7 before Article 7 begins).
    t.headingEvidence = true;
    t.evidence = [{ page, text: quote() }, ...t.evidence.filter((e) => e.page !== page)].slice(0, MAX_EVIDENCE);
    t.pages.add(page);
    return;
  }
  if (t.pages.has(page) || t.evidence.length >= MAX_EVIDENCE) return;
  t.pages.add(page);
  t.evidence.push({ page, text: quote() });
}

function tally(map: Map<string, Tally>, id: string): Tally {
  let t = map.get(id);
  if (!t) {
    t = { count: 0, strong: 0, headings: 0, evidence: [], pages: new Set() };
    map.set(id, t);
  }
  return t;
}

/** A party whose name heads this many other parties' lines is in a list (participants), not a heading. */
const MAX_HEADED_PARTIES = 3;
/** Mentions without a title or heading: at least this many, on at least this share of the pages (and two). */
const PARTY_MIN_MENTIONS = 3;
const PARTY_MIN_PAGE_SHARE = 0.1;

let partyLabels: { generation: number; labels: Map<string, string[]> } | undefined;
/** Every label of every party, folded and lower-cased, by concept id (again after the taxonomy was swapped). */
function labelsOfParty(id: string): string[] {
  const generation = taxonomyGeneration();
  if (partyLabels?.generation !== generation) {
    const labels = new Map<string, string[]>();
    for (const c of loadTaxonomy().listConcepts('party')) {
      labels.set(c.id, [...Object.values(c.prefLabel), ...Object.values(c.altLabels).flat()].filter(Boolean).map(foldLabel));
    }
    partyLabels = { generation, labels };
  }
  return partyLabels.labels.get(id) ?? [];
}

/**
 * Evidence that a country is a subject of the document: its name in the title, on a heading line
 * (unless many countries head lines: a list of participants), or repeated mentions spread over the pages.
 */
function acceptParty(t: Tally, pageCount: number, headedParties: number): boolean {
  if (t.strong > 0) return true;
  if (t.headings > 0 && headedParties <= MAX_HEADED_PARTIES) return true;
  return t.count >= PARTY_MIN_MENTIONS && t.pages.size >= Math.max(2, Math.ceil(pageCount * PARTY_MIN_PAGE_SHARE));
}

function scoreOf(count: number, strong: number, tokens: number): number {
  const raw = count + TITLE_WEIGHT * strong;
  const expected = 2 + tokens / 4000;
  return raw / (raw + expected);
}

function needsMercuryContext(c: Concept): boolean {
  if (c.scheme === 'theme' || c.scheme === 'article' || c.scheme === 'annex') return true;
  return c.scheme === 'topic' && !isContextFree(c.id);
}

/** Tags a document: concepts with a 0..1 score, occurrence count and evidence (page, quoted text). */
export function tagDocument(input: TagInput): ConceptMatch[] {
  const tax = loadTaxonomy();
  const m = getMatcher();
  const found = new Map<string, Tally>();
  let tokenCount = 0;
  let mercury = 0;
  let mercuryInTitle = false;

  const scan = (original: string, page: number, isTitle: boolean): void => {
    const text = original.length > MAX_PAGE_CHARS ? original.slice(0, MAX_PAGE_CHARS) : original;
    const norm = normalizeText(text);
    const tokens = tokenize(norm.text);
    const mercuryHits = norm.text.match(MERCURY_RE)?.length ?? 0;
    if (isTitle) mercuryInTitle = mercuryHits > 0;
    else {
      tokenCount += tokens.length;
      mercury += mercuryHits;
    }
    for (const hit of findLabelMatches(m, norm.text, tokens)) {
      for (const id of hit.conceptIds) {
        let heading = false;
        if (id.startsWith('party:')) {
          if (!isNameMention(norm.text, hit.start, hit.end, labelsOfParty(id)) || isPlaceQualifier(text, norm, hit.start)) continue;
          heading = !isTitle && isHeadingLine(text, norm, hit.start, hit.end);
        }
        const t = tally(found, id);
        if (isTitle) t.strong++;
        else t.count++;
        if (heading) t.headings++;
        addEvidence(t, page, () => quoteOriginal(text, norm, hit.start, hit.end));
      }
    }
    for (const ref of findReferences(norm.text)) {
      const t = tally(found, ref.conceptId);
      if (isTitle || ref.heading) t.strong++;
      if (!isTitle) t.count++;
      addEvidence(t, page, () => quoteOriginal(text, norm, ref.start, ref.end), !isTitle && ref.heading);
    }
  };

  if (input.title) scan(input.title, 0, true);
  for (const p of input.pages) if (p.text) scan(p.text, p.page, false);

  const mercuryContext = mercuryInTitle || (mercury >= MERCURY_MIN && (mercury * 1000) / Math.max(tokenCount, 1) >= MERCURY_PER_1000);
  const result = new Map<string, ConceptMatch>();
  const pageCount = input.pages.filter((p) => p.text).length;
  const headedParties = [...found].filter(([id, t]) => id.startsWith('party:') && t.headings > 0).length;
  for (const [id, t] of found) {
    const c = tax.getConcept(id);
    // A deprecated concept is never attached again; documents carry its replacement when they name it.
    if (!c || c.deprecated) continue;
    if (needsMercuryContext(c) && !mercuryContext) continue;
    let strong = t.strong;
    if (c.scheme === 'party') {
      if (!acceptParty(t, pageCount, headedParties)) continue;
      // A heading names the document's subject as a title does.
      if (headedParties <= MAX_HEADED_PARTIES) strong += t.headings;
    }
    if (t.count < 2 && strong === 0) continue;
    const score = scoreOf(t.count, strong, tokenCount);
    if (score < MIN_SCORE) continue;
    result.set(id, { conceptId: id, score, count: t.count, evidence: t.evidence });
  }

  // Implications: a topic implies its broader topics and themes; an article / annex its themes.
  const direct = [...result.values()];
  for (const match of direct) {
    const c = tax.getConcept(match.conceptId);
    if (!c || (c.scheme !== 'topic' && c.scheme !== 'article' && c.scheme !== 'annex')) continue;
    const implied = c.scheme === 'topic' ? tax.ancestorsOf(c.id) : tax.themesOf(c.id);
    for (const id of implied) {
      const target = tax.getConcept(id);
      if (!target || target.deprecated || (needsMercuryContext(target) && !mercuryContext)) continue;
      const score = match.score * IMPLIED_FACTOR;
      const prev = result.get(id);
      if (!prev) {
        result.set(id, { conceptId: id, score, count: match.count, evidence: [...match.evidence] });
        continue;
      }
      if (!direct.includes(prev)) prev.count += match.count;
      prev.score = Math.max(prev.score, score);
      for (const ev of match.evidence) {
        if (prev.evidence.length < MAX_EVIDENCE && !prev.evidence.some((e) => e.page === ev.page)) prev.evidence.push(ev);
      }
    }
  }
  return [...result.values()]
    .map((r) => ({ ...r, score: Math.round(r.score * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || a.conceptId.localeCompare(b.conceptId));
}
