/**
 * Search analytics, written off the request path: the search handler queues an event in memory and a timer
 * writes the queue in one batch insert per second (or sooner, at BATCH_SIZE). Nothing personal is stored —
 * no user id, no address, no session id — and a daily job deletes events older than the retention setting.
 */
import { randomUUID } from 'node:crypto';
import { searchClicks, searchEvents } from '@mep/db';
import { lt } from 'drizzle-orm';
import type { AppContext } from '../../context';

const FLUSH_MS = 1000;
const BATCH_SIZE = 200;
const DAY_MS = 24 * 60 * 60_000;

type EventRow = typeof searchEvents.$inferInsert;
type ClickRow = typeof searchClicks.$inferInsert;

interface Recorder {
  events: EventRow[];
  clicks: ClickRow[];
  timer: NodeJS.Timeout | null;
  flushing: Promise<void>;
}

const recorders = new WeakMap<AppContext, Recorder>();

function recorderOf(context: AppContext): Recorder {
  let recorder = recorders.get(context);
  if (!recorder) {
    recorder = { events: [], clicks: [], timer: null, flushing: Promise.resolve() };
    recorders.set(context, recorder);
  }
  return recorder;
}

/** How a query is stored and counted: Unicode NFKC, lower case, single spaces, at most 500 characters. */
export function normaliseQuery(q: string): string {
  return q.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 500);
}

export interface SearchEventInput {
  query: string;
  uiLang: string;
  filters: Record<string, ReadonlyArray<string | number>>;
  resultCount: number;
}

/** Queues one search; returns its id for the client's later click report, or null when analytics are off. */
export function recordSearch(context: AppContext, input: SearchEventInput): string | null {
  if (!context.config.searchAnalytics.enabled) return null;
  const filters = Object.fromEntries(Object.entries(input.filters).filter(([, values]) => values.length).map(([facet, values]) => [facet, [...values]]));
  const id = randomUUID();
  const recorder = recorderOf(context);
  recorder.events.push({ id, createdAt: new Date().toISOString(), query: normaliseQuery(input.query), uiLang: input.uiLang, filters, resultCount: input.resultCount });
  schedule(context, recorder);
  return id;
}

/** Queues "the reader opened result `rank` (1-based) of search `searchId`". */
export function recordClick(context: AppContext, input: { searchId: string; documentId: string; rank: number }): void {
  if (!context.config.searchAnalytics.enabled) return;
  const recorder = recorderOf(context);
  recorder.clicks.push({ ...input, createdAt: new Date().toISOString() });
  schedule(context, recorder);
}

function schedule(context: AppContext, recorder: Recorder): void {
  if (recorder.events.length + recorder.clicks.length >= BATCH_SIZE) {
    void flushSearchAnalytics(context);
    return;
  }
  if (recorder.timer) return;
  recorder.timer = setTimeout(() => void flushSearchAnalytics(context), FLUSH_MS);
  recorder.timer.unref();
}

/** Writes whatever is queued (tests and shutdown call it; the timer does otherwise). Failures are logged, never thrown. */
export function flushSearchAnalytics(context: AppContext): Promise<void> {
  const recorder = recorderOf(context);
  if (recorder.timer) clearTimeout(recorder.timer);
  recorder.timer = null;
  const events = recorder.events.splice(0);
  const clicks = recorder.clicks.splice(0);
  recorder.flushing = recorder.flushing.then(async () => {
    try {
      for (let i = 0; i < events.length; i += BATCH_SIZE) await context.db.insert(searchEvents).values(events.slice(i, i + BATCH_SIZE)).run();
      for (let i = 0; i < clicks.length; i += BATCH_SIZE) await context.db.insert(searchClicks).values(clicks.slice(i, i + BATCH_SIZE)).run();
    } catch (error) {
      context.log.error('Search analytics: a batch could not be written', error);
    }
  });
  return recorder.flushing;
}

/** Deletes search events and clicks older than the retention period; returns how many events went. */
export async function deleteExpiredSearchEvents(context: Pick<AppContext, 'db' | 'config'>, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - context.config.searchAnalytics.retentionDays * DAY_MS).toISOString();
  await context.db.delete(searchClicks).where(lt(searchClicks.createdAt, cutoff)).run();
  const { changes } = await context.db.delete(searchEvents).where(lt(searchEvents.createdAt, cutoff)).run();
  return changes;
}

/** Starts the daily retention job (first run a minute after start); `stop` ends it and writes the queue. */
export function startSearchAnalytics(context: AppContext): { stop(): Promise<void> } {
  const run = () =>
    void deleteExpiredSearchEvents(context).then(
      (deleted) => deleted && context.log.info(`Search analytics: deleted ${deleted} events past retention`),
      (error: unknown) => context.log.error('Search analytics: retention job failed', error),
    );
  const first = setTimeout(run, 60_000);
  const daily = setInterval(run, DAY_MS);
  first.unref();
  daily.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(daily);
      await flushSearchAnalytics(context);
    },
  };
}
