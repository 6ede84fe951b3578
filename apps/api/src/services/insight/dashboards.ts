/**
 * Public coverage dashboards (issue 14). Every document figure is read from the same Meilisearch facet
 * counts the search page shows (searchDocuments with no words), so a bar and the search it links to
 * cannot disagree; forum activity comes from the database (public forums only).
 */
import { forums, posts, threads } from '@mep/db';
import { and, eq, isNull } from 'drizzle-orm';
import { SEARCH_FACETS, type SearchFacet } from '@mep/vocabulary';
import type { AppContext } from '../../context';
import { searchDocuments, type FacetFilters } from '../search-documents';

/** One bar: a facet value, its document count, and the search query string behind it. */
export interface CoverageBar {
  id: string;
  count: number;
  search: string;
}

export const COVERAGE_FIGURES = [...SEARCH_FACETS, 'group'] as const;
export type CoverageFigure = (typeof COVERAGE_FIGURES)[number];

export interface PartyCoverage {
  id: string;
  iso3: string;
  group: string | null;
  documents: number;
  nationalReports: number;
  actionPlans: number;
  search: string;
}

export interface Coverage {
  total: number;
  figures: Record<CoverageFigure, CoverageBar[]>;
  parties: PartyCoverage[];
}

const emptyFilters = (): FacetFilters => Object.fromEntries(SEARCH_FACETS.map((facet) => [facet, []])) as unknown as FacetFilters;

/** The search page's query string for the given facet values. */
export function searchLink(filters: Partial<Record<SearchFacet, ReadonlyArray<string | number>>>): string {
  const params = new URLSearchParams();
  for (const [facet, values] of Object.entries(filters)) for (const value of values ?? []) params.append(facet, String(value));
  return params.toString();
}

async function facetCounts(context: AppContext, filters: Partial<FacetFilters> = {}) {
  const result = await searchDocuments(context, { q: '', sort: 'relevance', page: 1, pageSize: 0, filters: { ...emptyFilters(), ...filters } });
  return result;
}

const byCount = (a: { count: number; id: string }, b: { count: number; id: string }) => b.count - a.count || a.id.localeCompare(b.id);

/** Documents by theme, article, type, party, region, group, language and year, and per-party reports and plans. */
export async function getCoverage(context: AppContext): Promise<Coverage> {
  const [all, reports, plans] = await Promise.all([
    facetCounts(context),
    facetCounts(context, { doctype: ['doctype:national-report'] }),
    facetCounts(context, { doctype: ['doctype:national-action-plan'] }),
  ]);
  const figures = {} as Record<CoverageFigure, CoverageBar[]>;
  for (const facet of SEARCH_FACETS) {
    const bars = Object.entries(all.facets[facet] ?? {}).map(([id, count]) => ({ id, count, search: searchLink({ [facet]: [id] }) }));
    figures[facet] = facet === 'year' ? bars.sort((a, b) => a.id.localeCompare(b.id)) : bars.sort(byCount);
  }
  const partyOf = (id: string) => context.taxonomy.getConcept(id);
  const groupOf = (id: string) => partyOf(id)?.related.find((r) => r.startsWith('group:')) ?? null;
  const partyIds = Object.keys(all.facets.party ?? {});
  // A document about two parties of one group counts once for the group: ask search for the group's parties.
  const groups = new Map<string, string[]>();
  for (const id of partyIds) {
    const group = groupOf(id);
    if (group) groups.set(group, [...(groups.get(group) ?? []), id]);
  }
  figures.group = (
    await Promise.all(
      [...groups].map(async ([id, members]) => {
        const filters = { party: members.sort().slice(0, 50) };
        return { id, count: (await facetCounts(context, filters)).total, search: searchLink(filters) };
      }),
    )
  ).sort(byCount);
  const parties = partyIds
    .map((id) => ({
      id,
      iso3: partyOf(id)?.notation ?? id.slice(6),
      group: groupOf(id),
      documents: all.facets.party?.[id] ?? 0,
      nationalReports: reports.facets.party?.[id] ?? 0,
      actionPlans: plans.facets.party?.[id] ?? 0,
      search: searchLink({ party: [id] }),
    }))
    .sort((a, b) => a.iso3.localeCompare(b.iso3));
  return { total: all.total, figures, parties };
}

export interface ForumActivityRow {
  theme: string;
  year: number;
  threads: number;
  posts: number;
  participants: number;
}

/** Threads, visible posts and distinct participants of public forums, by thematic area and year. */
export async function getForumActivity(context: AppContext): Promise<{ rows: ForumActivityRow[] }> {
  const rows = await context.db
    .select({ threadId: threads.id, concepts: threads.concepts, authorId: posts.authorId, createdAt: posts.createdAt })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .where(and(eq(forums.visibility, 'public'), isNull(threads.deletedAt), eq(posts.status, 'visible')))
    .all();
  const cells = new Map<string, { theme: string; year: number; threads: Set<number>; posts: number; people: Set<string> }>();
  const themesOfThread = new Map<number, string[]>();
  for (const row of rows) {
    let themes = themesOfThread.get(row.threadId);
    if (!themes) {
      themes = [...new Set(row.concepts.flatMap((id) => context.taxonomy.themesOf(id)))];
      themesOfThread.set(row.threadId, themes);
    }
    const year = Number(row.createdAt.slice(0, 4));
    for (const theme of themes) {
      const key = `${theme}|${year}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { theme, year, threads: new Set(), posts: 0, people: new Set() }));
      cell.threads.add(row.threadId);
      cell.posts += 1;
      cell.people.add(row.authorId);
    }
  }
  return {
    rows: [...cells.values()]
      .map((c) => ({ theme: c.theme, year: c.year, threads: c.threads.size, posts: c.posts, participants: c.people.size }))
      .sort((a, b) => a.theme.localeCompare(b.theme) || a.year - b.year),
  };
}
