/** Party profiles: who a party is in the vocabulary, and what the repository holds about it. */
import { and, count, desc, eq, inArray, isNull, like, or } from 'drizzle-orm';
import { documentConcepts, documents, nationalReports, reportAnswers, threads } from '@mep/db';
import type { Concept } from '@mep/taxonomy';
import type { PartyProfileDto, PartySummaryDto } from '../contracts';
import type { AppContext } from '../context';
import { NotFoundError } from '../errors';

const WORLD = 'region:001';

/** A party in lists. */
export type PartySummary = PartySummaryDto;

/** The top-level M49 region of a party: the ancestor directly under the world. */
function summarize(context: AppContext, concept: Concept): PartySummary {
  const regions = context.taxonomy.ancestorsOf(concept.id).filter((id) => id.startsWith('region:') && id !== WORLD);
  const region = regions.find((id) => context.taxonomy.getConcept(id)?.broader.includes(WORLD)) ?? null;
  const subRegion = concept.broader.find((id) => id.startsWith('region:')) ?? null;
  return { id: concept.id, iso3: concept.notation ?? concept.id.slice(6), labels: concept.prefLabel, region, subRegion, group: concept.related.find((id) => id.startsWith('group:')) ?? null };
}

/** Parties, optionally of one region (any level of M49) or one UN regional group. */
export function listParties(context: AppContext, filters: { region?: string; group?: string }): { parties: PartySummary[] } {
  const parties = context.taxonomy
    .listConcepts('party')
    .filter((c) => !filters.region || context.taxonomy.ancestorsOf(c.id).includes(filters.region) || c.related.includes(filters.region))
    .filter((c) => !filters.group || c.related.includes(filters.group))
    .map((c) => summarize(context, c))
    .sort((a, b) => a.labels.en.localeCompare(b.labels.en));
  return { parties };
}

/** Documents about a party: tagged with it, or a national report it submitted. */
async function documentIdsOf(context: AppContext, partyId: string): Promise<string[]> {
  const tagged = await context.db.select({ id: documentConcepts.documentId }).from(documentConcepts).where(eq(documentConcepts.conceptId, partyId)).all();
  const reports = await context.db.select({ id: nationalReports.documentId }).from(nationalReports).where(eq(nationalReports.party, partyId)).all();
  return [...new Set([...tagged, ...reports].map((r) => r.id))];
}

/**
 * One party's profile: labels, region and group, counts, its documents, national reports and action
 * plans, its answers article by article with its region's answers beside them, and forum threads
 * tagged with it.
 */
export async function getParty(context: AppContext, iso3: string): Promise<PartyProfileDto> {
  const concept = context.taxonomy.getConcept(`party:${iso3.toUpperCase()}`);
  if (!concept || concept.scheme !== 'party') throw new NotFoundError(`Party ${iso3}`);
  const summary = summarize(context, concept);
  const { db } = context;
  const ids = await documentIdsOf(context, concept.id);
  const docs = ids.length
    ? (await db
        .select({ documentId: documents.id, title: documents.title, doctype: documents.doctype, year: documents.year, language: documents.language })
        .from(documents)
        .where(inArray(documents.id, ids))
        .orderBy(desc(documents.year), documents.title)
        .all())
    : [];
  const reports = await db
    .select({ documentId: nationalReports.documentId, kind: nationalReports.cycleKind, period: nationalReports.cyclePeriod, year: nationalReports.cycleYear, language: documents.language, title: documents.title })
    .from(nationalReports)
    .innerJoin(documents, eq(documents.id, nationalReports.documentId))
    .where(eq(nationalReports.party, concept.id))
    .orderBy(desc(nationalReports.cycleYear))
    .all();
  const answers = (await db
    .select({ article: reportAnswers.article, question: reportAnswers.question, questionText: reportAnswers.questionText, answer: reportAnswers.answer, value: reportAnswers.value, unit: reportAnswers.unit, text: reportAnswers.explanation, documentId: reportAnswers.documentId, page: reportAnswers.page, confidence: reportAnswers.confidence, source: reportAnswers.source })
    .from(reportAnswers)
    .innerJoin(nationalReports, eq(nationalReports.documentId, reportAnswers.documentId))
    .where(eq(nationalReports.party, concept.id))
    .all())
    .sort((a, b) => Number(a.article.slice(8)) - Number(b.article.slice(8)) || a.question.localeCompare(b.question, 'en', { numeric: true }));
  const threadRows = await db
    .select({ id: threads.id, forumId: threads.forumId, title: threads.title, lastPostAt: threads.lastPostAt })
    .from(threads)
    .where(and(isNull(threads.deletedAt), like(threads.concepts, `%"${concept.id}"%`)))
    .orderBy(desc(threads.lastPostAt))
    .limit(50)
    .all();
  return {
    ...summary,
    counts: {
      documents: docs.length,
      nationalReports: reports.length,
      actionPlans: docs.filter((d) => d.doctype === 'doctype:national-action-plan').length,
      threads: threadRows.length,
    },
    documents: docs.slice(0, 100),
    nationalReports: reports.map((r) => ({ documentId: r.documentId, title: r.title, cycle: r.kind, period: r.period, year: r.year, language: r.language })),
    actionPlans: docs.filter((d) => d.doctype === 'doctype:national-action-plan'),
    answers,
    regionAnswers: summary.region ? (await regionAnswerCounts(context, summary.region, answers)) : [],
    threads: threadRows,
  };
}

/** For each question the party answered: how the parties of its region answered it. */
async function regionAnswerCounts(context: AppContext, region: string, own: readonly { article: string; question: string }[]) {
  if (own.length === 0) return [];
  const members = listParties(context, { region }).parties.map((p) => p.id);
  const rows = await context.db
    .select({ article: reportAnswers.article, question: reportAnswers.question, answer: reportAnswers.answer, n: count() })
    .from(reportAnswers)
    .innerJoin(nationalReports, eq(nationalReports.documentId, reportAnswers.documentId))
    .where(and(inArray(nationalReports.party, members), or(...own.map((a) => and(eq(reportAnswers.article, a.article), eq(reportAnswers.question, a.question))))))
    .groupBy(reportAnswers.article, reportAnswers.question, reportAnswers.answer)
    .all();
  const out = new Map<string, { article: string; question: string; counts: Record<string, number> }>();
  for (const r of rows) {
    const key = `${r.article}/${r.question}`;
    const entry = out.get(key) ?? { article: r.article, question: r.question, counts: {} };
    entry.counts[r.answer ?? 'none'] = (entry.counts[r.answer ?? 'none'] ?? 0) + r.n;
    out.set(key, entry);
  }
  return [...out.values()];
}

