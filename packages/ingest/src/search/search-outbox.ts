/**
 * The search index outbox. Every change the index must reflect is a `search_outbox` row written in the
 * same transaction as the change ({@link enqueueSearchUpdates}); a worker applies rows to Meilisearch
 * and deletes them, retrying failures with exponential backoff. The database stays the source of
 * truth: with Meilisearch stopped, writes still succeed and the rows wait; when it is back, the index
 * catches up without a reindex.
 *
 * Several processes (API nodes, a `mep ingest` beside `mep serve`) may run a worker on one database.
 * A row is claimed by one UPDATE that sets a lease (`claimed_by`, `claimed_until`) only where no live
 * lease is set: SQLite runs it alone, PostgreSQL re-checks the condition on a row another transaction
 * just claimed and skips it, so no row is applied by two workers at once. A worker that dies leaves
 * its lease to expire and another one takes the row.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, lte, min, or, sql } from 'drizzle-orm';
import { searchOutbox, type Db, type SearchOutboxKind } from '@mep/db';

/** Applies the current state of the given targets to the index (idempotent: it re-reads the database). */
export type SearchOutboxHandler = (targetIds: string[]) => Promise<void>;

/** Anything with the insert builder of a Db or a transaction handle. */
type Writer = Pick<Db, 'insert'>;

/**
 * Records that the index must reflect these targets. Call it with the transaction handle of the change
 * so that both commit together.
 */
export async function enqueueSearchUpdates(tx: Writer, kind: SearchOutboxKind, targetIds: readonly (string | number)[], now = new Date()): Promise<void> {
  const unique = [...new Set(targetIds.map(String))];
  if (unique.length === 0) return;
  const at = now.toISOString();
  await tx.insert(searchOutbox).values(unique.map((targetId) => ({ kind, targetId, createdAt: at, nextAttemptAt: at }))).run();
}

export interface SearchOutboxOptions {
  /** Rows claimed at once. */
  batchSize?: number;
  /**
   * How long a claim lasts unless renewed; the worker renews it every third of it while it applies the
   * rows, so a worker that died (kill -9) holds its rows at most this long.
   */
  leaseMs?: number;
  /** First retry delay; doubled per attempt up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often an idle worker looks for rows written by other processes. */
  pollMs?: number;
  onError?: (message: string, error: unknown) => void;
}

export interface SearchOutboxWorker {
  /** Adds (or replaces) the handler of a kind; the worker claims only kinds it can apply. */
  handle(kind: SearchOutboxKind, handler: SearchOutboxHandler): void;
  /** Starts the background loop (idempotent). */
  start(): void;
  /** Wakes the loop now (call after committing a change). */
  notify(): void;
  /**
   * Applies every due row now, in this call. Resolves true when nothing claimable is left, false when a
   * row failed (it waits for its backoff) — a CLI run can then say the index is behind.
   */
  drain(): Promise<boolean>;
  /**
   * Applies now, in this call, the due rows of these targets only: for a request that must answer with its own
   * change searchable, without taking on a backlog. Resolves false when one failed (it waits for its backoff);
   * rows another worker holds are left to it.
   */
  apply(kind: SearchOutboxKind, targetIds: readonly (string | number)[]): Promise<boolean>;
  /** Resolves once every row this worker can apply is gone (retrying with backoff); for tests and shutdown. */
  idle(timeoutMs?: number): Promise<void>;
  /** Rows waiting (all kinds). */
  pending(): Promise<number>;
  /** Age in seconds of the oldest waiting row (0 when none): the index's lag behind the database. */
  lagSeconds(): Promise<number>;
  /** Stops the loop; resolves once the batch in progress has finished. */
  stop(): Promise<void>;
}

/** Creates a worker for one process; call `start()` to run it in the background. */
export function createSearchOutboxWorker(db: Db, options: SearchOutboxOptions = {}): SearchOutboxWorker {
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 30_000;
  const baseBackoffMs = options.baseBackoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const pollMs = options.pollMs ?? 5000;
  const handlers = new Map<SearchOutboxKind, SearchOutboxHandler>();
  let running = false;
  let stopped = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let woken = false;
  let timer: NodeJS.Timeout | undefined;
  /** One batch at a time per process: the loop and drain() never claim side by side. */
  let batchChain: Promise<unknown> = Promise.resolve();

  const backoff = (attempts: number) => Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.max(0, attempts - 1));

  /** Claims and applies one batch (of the given targets only, if named). Returns the number claimed and whether any failed. */
  const runBatch = (only?: { kind: SearchOutboxKind; targetIds: readonly string[] }): Promise<{ claimed: number; failed: boolean }> => {
    const run = batchChain.then(async () => {
      const kinds = only ? [only.kind].filter((kind) => handlers.has(kind)) : [...handlers.keys()];
      if (kinds.length === 0) return { claimed: 0, failed: false };
      const now = new Date();
      const nowIso = now.toISOString();
      const token = randomUUID();
      const free = or(isNull(searchOutbox.claimedUntil), lt(searchOutbox.claimedUntil, nowIso));
      const due = db
        .select({ id: searchOutbox.id })
        .from(searchOutbox)
        .where(and(inArray(searchOutbox.kind, kinds), lte(searchOutbox.nextAttemptAt, nowIso), free, only ? inArray(searchOutbox.targetId, [...only.targetIds]) : undefined))
        .orderBy(asc(searchOutbox.id))
        .limit(batchSize);
      const rows = await db
        .update(searchOutbox)
        .set({ claimedBy: token, claimedUntil: new Date(now.getTime() + leaseMs).toISOString() })
        .where(and(inArray(searchOutbox.id, due), free))
        .returning()
        .all();
      if (rows.length === 0) return { claimed: 0, failed: false };
      const renew = setInterval(() => {
        void db
          .update(searchOutbox)
          .set({ claimedUntil: new Date(Date.now() + leaseMs).toISOString() })
          .where(eq(searchOutbox.claimedBy, token))
          .run()
          .catch(() => undefined);
      }, Math.max(100, Math.floor(leaseMs / 3)));
      renew.unref();
      try {
        return { claimed: rows.length, failed: await applyClaimed(rows, kinds, token) };
      } finally {
        clearInterval(renew);
      }
    });
    batchChain = run.catch(() => undefined);
    return run;
  };

  /** Applies claimed rows kind by kind; deletes the applied ones, schedules a retry for the others. Returns true if any failed. */
  const applyClaimed = async (rows: (typeof searchOutbox.$inferSelect)[], kinds: SearchOutboxKind[], token: string): Promise<boolean> => {
    let failed = false;
    for (const kind of kinds) {
      const mine = rows.filter((row) => row.kind === kind);
      if (mine.length === 0) continue;
      const ids = mine.map((row) => row.id);
      try {
        await handlers.get(kind)!([...new Set(mine.map((row) => row.targetId))]);
        await db.delete(searchOutbox).where(and(inArray(searchOutbox.id, ids), eq(searchOutbox.claimedBy, token))).run();
      } catch (error) {
        failed = true;
        const message = String((error as Error)?.message ?? error).slice(0, 500);
        const attempts = Math.max(...mine.map((row) => row.attempts)) + 1;
        await db
          .update(searchOutbox)
          .set({ attempts: sql`${searchOutbox.attempts} + 1`, lastError: message, claimedBy: null, claimedUntil: null, nextAttemptAt: new Date(Date.now() + backoff(attempts)).toISOString() })
          .where(and(inArray(searchOutbox.id, ids), eq(searchOutbox.claimedBy, token)))
          .run();
        options.onError?.(`Search index update failed (${mine.length} ${kind} row(s), attempt ${attempts}); retrying in ${Math.round(backoff(attempts) / 1000)} s`, error);
      }
    }
    return failed;
  };

  /** Milliseconds until the next row becomes due (capped at pollMs). */
  const nextDueIn = async (): Promise<number> => {
    const kinds = [...handlers.keys()];
    if (kinds.length === 0) return pollMs;
    const row = await db.select({ at: min(searchOutbox.nextAttemptAt) }).from(searchOutbox).where(inArray(searchOutbox.kind, kinds)).get();
    if (!row?.at) return pollMs;
    return Math.max(50, Math.min(pollMs, new Date(row.at).getTime() - Date.now()));
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) {
        woken = false;
        resolve();
        return;
      }
      wake = () => {
        wake = undefined;
        if (timer) clearTimeout(timer);
        woken = false;
        resolve();
      };
      timer = setTimeout(() => wake?.(), ms);
      timer.unref();
    });

  const runLoop = async () => {
    while (!stopped) {
      let delay = pollMs;
      try {
        const { claimed, failed } = await runBatch();
        if (claimed > 0 && !failed) continue;
        delay = await nextDueIn();
      } catch (error) {
        if (stopped) break;
        options.onError?.('The search outbox worker could not read its table', error);
      }
      await sleep(delay);
    }
  };

  const worker: SearchOutboxWorker = {
    handle(kind, handler) {
      handlers.set(kind, handler);
      worker.notify();
    },
    start() {
      if (running || stopped) return;
      running = true;
      loop = runLoop();
    },
    notify() {
      if (wake) wake();
      else woken = true;
    },
    async apply(kind, targetIds) {
      if (targetIds.length === 0) return true;
      const { failed } = await runBatch({ kind, targetIds: targetIds.map(String) });
      return !failed;
    },
    async drain() {
      for (;;) {
        const { claimed, failed } = await runBatch();
        if (failed) return false;
        if (claimed === 0) return true;
      }
    },
    async idle(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const kinds = [...handlers.keys()];
        const left = kinds.length === 0 ? 0 : ((await db.select({ n: sql<number>`count(*)` }).from(searchOutbox).where(inArray(searchOutbox.kind, kinds)).get())?.n ?? 0);
        if (Number(left) === 0) return;
        if (Date.now() > deadline) throw new Error(`The search outbox still holds ${left} row(s) after ${timeoutMs} ms`);
        if (!running) await worker.drain();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async pending() {
      return Number((await db.select({ n: sql<number>`count(*)` }).from(searchOutbox).get())?.n ?? 0);
    },
    async lagSeconds() {
      const row = await db.select({ at: min(searchOutbox.createdAt) }).from(searchOutbox).get();
      return row?.at ? Math.max(0, (Date.now() - new Date(row.at).getTime()) / 1000) : 0;
    },
    async stop() {
      stopped = true;
      worker.notify();
      await loop;
      await batchChain;
    },
  };
  return worker;
}
