/** The cover page of a report: which party reports, for which cycle. */
import { findConceptsInQuery, normalizeText, type Taxonomy } from '@mep/taxonomy';
import type { ReportLine } from './lines';
import type { ReportCycle } from './types';
import { FULL_CYCLE, PARTY_LABEL, PERIOD_LABEL, SHORT_CYCLE, westernDigits, YEAR_LABEL } from './words';

export interface PartyFinding {
  party: string | null;
  claimed: string | null;
  confidence: number;
}

const partyIndexes = new WeakMap<Taxonomy, Map<string, string>>();

function foldName(name: string): string {
  return normalizeText(name)
    .text.toLowerCase()
    .replace(/^(?:the|la|le|les|l'|el|los|las)\s+/u, '')
    .replace(/[.,;:()"'«»“”]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every label of every party in six languages (and the short forms "(the)", "(la)" removed) → id. */
function partyIndex(taxonomy: Taxonomy): Map<string, string> {
  let index = partyIndexes.get(taxonomy);
  if (index) return index;
  index = new Map();
  for (const concept of taxonomy.listConcepts('party')) {
    const labels = [...Object.values(concept.prefLabel), ...Object.values(concept.altLabels).flat()];
    if (concept.notation) labels.push(concept.notation);
    for (const label of labels) {
      index.set(foldName(label), concept.id);
      index.set(foldName(label.replace(/\s*\([^)]*\)\s*$/u, '')), concept.id);
    }
  }
  partyIndexes.set(taxonomy, index);
  return index;
}

/** Resolves a party name in any of the six languages (or an ISO3 code) to `party:XXX`. */
export function resolveParty(name: string, taxonomy: Taxonomy): string | undefined {
  const exact = partyIndex(taxonomy).get(foldName(name));
  if (exact) return exact;
  const named = [...new Set(findConceptsInQuery(name).map((m) => m.conceptId).filter((id) => id.startsWith('party:')))];
  return named.length === 1 ? named[0] : undefined;
}

/** The party the cover page names ("Party: France", "Сторона: …"), resolved against the taxonomy. */
export function findParty(lines: readonly ReportLine[], taxonomy: Taxonomy): PartyFinding {
  for (const line of lines) {
    const match = PARTY_LABEL.exec(line.text);
    if (!match) continue;
    const claimed = match[1]!.trim();
    const party = resolveParty(claimed, taxonomy);
    return { party: party ?? null, claimed, confidence: party ? 1 : 0 };
  }
  // No label: a party named in the title lines ("National report of Chile").
  const named = new Set<string>();
  for (const line of lines.slice(0, 6)) for (const m of findConceptsInQuery(line.text)) if (m.conceptId.startsWith('party:')) named.add(m.conceptId);
  if (named.size === 1) return { party: [...named][0]!, claimed: null, confidence: 0.7 };
  return { party: null, claimed: null, confidence: 0 };
}

/** Full or short report, its period and year, from the cover page lines. */
export function findCycle(lines: readonly ReportLine[]): ReportCycle {
  const cycle: ReportCycle = { kind: null, period: null, year: null };
  for (const line of lines) {
    const text = westernDigits(line.text);
    if (!cycle.kind) {
      if (FULL_CYCLE.test(text)) cycle.kind = 'full';
      else if (SHORT_CYCLE.test(text)) cycle.kind = 'short';
    }
    const period = PERIOD_LABEL.exec(text);
    if (period && !cycle.period) {
      cycle.period = period[1]!.trim().replace(/\s*[-–—]\s*/g, '–');
      const years = [...cycle.period.matchAll(/(?<!\d)(19|20)\d{2}(?!\d)/g)].map((m) => Number(m[0]));
      if (years.length) cycle.year = Math.max(...years);
    }
    const year = YEAR_LABEL.exec(text);
    if (year && cycle.year === null) {
      const y = /(?<!\d)(?:19|20)\d{2}(?!\d)/.exec(year[1]!);
      if (y) cycle.year = Number(y[0]);
    }
  }
  return cycle;
}
