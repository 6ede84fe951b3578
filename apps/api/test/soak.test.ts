/**
 * Soak: thousands of searches and a few hundred ingests in one process (server and client alike),
 * asserting that abort listeners, heap and open handles stay flat. Guards against the leak that printed
 * `MaxListenersExceededWarning: … 11 abort listeners added to [AbortSignal]` (meilisearch-js added one
 * listener per poll of a task to the task's signal and never removed it: patches/meilisearch@*.patch).
 * Node 24 no longer prints that warning for AbortSignal, so the test counts listeners itself.
 */
import { getEventListeners } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ingestFiles } from '@mep/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './platform';

const SEARCHES = Number(process.env.MEP_SOAK_SEARCHES ?? 3000);
const INGESTS = Number(process.env.MEP_SOAK_INGESTS ?? 300);
const CONCURRENCY = 8;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Every AbortSignal that got an abort listener, and the most listeners one signal held at once. */
const signals = new Set<WeakRef<AbortSignal>>();
let mostOnOneSignal = 0;
const originalAdd = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
  (originalAdd as (...args: unknown[]) => void).call(this, type, ...rest);
  if (type === 'abort' && this instanceof AbortSignal) {
    signals.add(new WeakRef(this));
    mostOnOneSignal = Math.max(mostOnOneSignal, getEventListeners(this, 'abort').length);
  }
} as typeof EventTarget.prototype.addEventListener;

/** Abort listeners still attached to signals that are alive and not aborted. */
function liveAbortListeners(): number {
  let count = 0;
  for (const ref of signals) {
    const signal = ref.deref();
    if (!signal) signals.delete(ref);
    else if (!signal.aborted) count += getEventListeners(signal, 'abort').length;
  }
  return count;
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  return process.memoryUsage().heapUsed;
}

const temp = mkdtempSync(join(tmpdir(), 'mep-soak-'));
let platform: TestPlatform;
let nextFile = 0;

const topics = ['dental amalgam', 'artisanal gold mining', 'coal combustion emissions', 'mercury waste storage', 'chlor-alkali plants', 'mercury-added products'];

/** Ingests `count` new small documents (distinct bytes, so none is a duplicate). */
async function ingestBatch(count: number): Promise<void> {
  const dir = join(temp, `batch-${nextFile}`);
  mkdirSync(dir);
  for (let i = 0; i < count; i++, nextFile++) {
    const topic = topics[nextFile % topics.length]!;
    writeFileSync(join(dir, `note-${nextFile}.md`), `# National note ${nextFile} on ${topic}\n\nMercury and ${topic}: measures, inventory ${nextFile}. Mercury.\n`);
  }
  const outcomes = await ingestFiles([dir], platform.context);
  expect(outcomes.filter((o) => o.status !== 'ingested')).toEqual([]);
}

/** `count` GET requests (searches with facets, document pages, discussion searches), CONCURRENCY at a time. */
async function searchRounds(count: number, documentIds: string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const path =
        i % 10 === 9
          ? `/api/documents/${documentIds[i % documentIds.length]}`
          : i % 10 === 8
            ? `/api/discussions/search?q=${encodeURIComponent(topics[i % topics.length]!)}`
            : `/api/search?q=${encodeURIComponent(`${topics[i % topics.length]} ${i % 7}`)}${i % 3 === 0 ? '&lang=en' : ''}`;
      const response = await fetch(platform.url + path);
      await response.arrayBuffer();
      expect(response.status, path).toBe(200);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

beforeAll(async () => {
  // Thousands of searches from one address: the per-network search limit (rate-limits.ts) raised out of the way.
  platform = await startTestPlatform({ env: { MEP_RATE_LIMIT_SCALE: '1000' } });
}, 180_000);
afterAll(async () => {
  EventTarget.prototype.addEventListener = originalAdd;
  await platform?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('soak: one process, thousands of searches, hundreds of ingests', () => {
  it('keeps abort listeners, heap and open handles flat', async () => {
    // Warm-up: caches, pools, JIT and kept-alive connections reach their working size.
    await ingestBatch(Math.ceil(INGESTS / 6));
    const found = (await (await fetch(`${platform.url}/api/search?q=mercury&pageSize=50`)).json()) as { hits: Array<{ documentId: string }> };
    const ids = found.hits.map((hit) => hit.documentId);
    expect(ids.length).toBeGreaterThan(0);
    await searchRounds(Math.ceil(SEARCHES / 6), ids);
    const before = { heap: await settledHeap(), listeners: liveAbortListeners(), handles: process.getActiveResourcesInfo().length };

    const started = Date.now();
    for (let round = 0; round < 5; round++) {
      await ingestBatch(Math.ceil(INGESTS / 6));
      await searchRounds(Math.ceil(SEARCHES / 6), ids);
    }
    const after = { heap: await settledHeap(), listeners: liveAbortListeners(), handles: process.getActiveResourcesInfo().length };
    console.log(
      `soak: ${SEARCHES} requests and ${INGESTS} ingests in ${((Date.now() - started) / 1000).toFixed(0)} s after warm-up; ` +
        `heap ${(before.heap / 2 ** 20).toFixed(1)} → ${(after.heap / 2 ** 20).toFixed(1)} MB, live abort listeners ${before.listeners} → ${after.listeners}, ` +
        `most on one signal ${mostOnOneSignal}, active handles ${before.handles} → ${after.handles}`,
    );

    // A polled Meilisearch task holds its own listener, the request's and our HTTP client's: never more.
    expect(mostOnOneSignal).toBeLessThanOrEqual(3);
    expect(after.listeners).toBeLessThanOrEqual(before.listeners + 3);
    expect(after.handles).toBeLessThanOrEqual(before.handles + 5);
    // Five times the warm-up's work; a per-request or per-file leak of even 4 KB would show as ~60 MB.
    expect(after.heap - before.heap).toBeLessThan(24 * 2 ** 20);
  }, 900_000);
});
