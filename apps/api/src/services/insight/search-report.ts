/** The curators' search analytics over a period: top and zero-result queries, languages, click-through, filters. */
import { searchClicks, searchEvents } from '@mep/db';
import { and, avg, count, countDistinct, desc, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';

/** A period as ISO instants: `from` inclusive, `to` exclusive. */
export interface Period {
  from: string;
  to: string;
}

export interface QueryRow {
  query: string;
  searches: number;
  /** Searches of this query after which a result was opened. */
  clicks: number;
  /** Mean 1-based rank of the results opened after this query, null without clicks. */
  meanRank: number | null;
}

export interface SearchReport {
  period: Period;
  searches: number;
  searchesWithClick: number;
  /** Share of searches after which a result was opened (0 … 1). */
  clickThroughRate: number;
  /** Mean 1-based rank of the opened results, null without clicks. */
  meanRank: number | null;
  topQueries: QueryRow[];
  zeroResultQueries: QueryRow[];
  languages: Array<{ uiLang: string; searches: number }>;
  filters: Array<{ facet: string; value: string; searches: number }>;
}

const LIMIT = 100;

/** AVG comes back as a string or a number depending on the engine; two decimals are plenty. */
const roundRank = (value: string | number | null | undefined): number | null => (value == null ? null : Math.round(Number(value) * 100) / 100);

/** Builds the report; queries are grouped by their normalised text. */
export async function getSearchReport(context: Pick<AppContext, 'db'>, period: Period): Promise<SearchReport> {
  const { db } = context;
  const inPeriod = and(gte(searchEvents.createdAt, period.from), lt(searchEvents.createdAt, period.to));
  const searches = (await db.select({ n: count() }).from(searchEvents).where(inPeriod).get())?.n ?? 0;
  const clicked = await db
    .select({ searches: countDistinct(searchClicks.searchId), meanRank: avg(searchClicks.rank) })
    .from(searchClicks)
    .innerJoin(searchEvents, eq(searchEvents.id, searchClicks.searchId))
    .where(inPeriod)
    .get();
  const clicksPerQuery = new Map(
    (
      await db
        .select({ query: searchEvents.query, clicks: countDistinct(searchClicks.searchId), meanRank: avg(searchClicks.rank) })
        .from(searchClicks)
        .innerJoin(searchEvents, eq(searchEvents.id, searchClicks.searchId))
        .where(inPeriod)
        .groupBy(searchEvents.query)
        .all()
    ).map((r) => [r.query, { clicks: Number(r.clicks), meanRank: roundRank(r.meanRank) }]),
  );
  const grouped = async (zeroOnly: boolean) =>
    (
      await db
        .select({ query: searchEvents.query, searches: count() })
        .from(searchEvents)
        .where(and(inPeriod, ne(searchEvents.query, ''), zeroOnly ? eq(searchEvents.resultCount, 0) : undefined))
        .groupBy(searchEvents.query)
        .orderBy(desc(count()), searchEvents.query)
        .limit(LIMIT)
        .all()
    ).map((r) => ({ query: r.query, searches: Number(r.searches), ...(clicksPerQuery.get(r.query) ?? { clicks: 0, meanRank: null }) }));
  const languages = (
    await db.select({ uiLang: searchEvents.uiLang, searches: count() }).from(searchEvents).where(inPeriod).groupBy(searchEvents.uiLang).orderBy(desc(count()), searchEvents.uiLang).all()
  ).map((r) => ({ uiLang: r.uiLang, searches: Number(r.searches) }));
  // Filters are a small JSON object per event; counted here rather than with engine-specific JSON functions.
  const filterCounts = new Map<string, number>();
  for (const { filters } of await db.select({ filters: searchEvents.filters }).from(searchEvents).where(and(inPeriod, ne(searchEvents.filters, sql`'{}'`))).all()) {
    for (const [facet, values] of Object.entries(filters)) for (const value of values) filterCounts.set(`${facet}\u0000${value}`, (filterCounts.get(`${facet}\u0000${value}`) ?? 0) + 1);
  }
  const withClick = Number(clicked?.searches ?? 0);
  return {
    period,
    searches: Number(searches),
    searchesWithClick: withClick,
    clickThroughRate: searches ? withClick / Number(searches) : 0,
    meanRank: roundRank(clicked?.meanRank),
    topQueries: await grouped(false),
    zeroResultQueries: await grouped(true),
    languages,
    filters: [...filterCounts]
      .map(([key, n]) => {
        const [facet = '', value = ''] = key.split('\u0000');
        return { facet, value, searches: n };
      })
      .sort((a, b) => b.searches - a.searches || a.facet.localeCompare(b.facet) || a.value.localeCompare(b.value))
      .slice(0, LIMIT),
  };
}
