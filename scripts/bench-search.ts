/**
 * Search latency: the same queries through the API (HTTP, validation, presenters, passage follow-ups)
 * and straight to Meilisearch (the multi-search the API sends), interleaved in one run, over at least
 * 10,000 passages. BENCH_ROUNDS (default 5) repeats the query list. BENCH_DATA_DIR keeps the ingested
 * data between runs (the 100,000-passage set takes a while to build). Every figure is printed beside
 * /proc/loadavg: the machine is shared.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeSandboxPools, extractInSandbox, ingestFiles, type ExtractedDocument } from '@mep/ingest';
import { buildSearchQueries, closeContext, createContext, readConfig, sendSearchQueries, startServer, type SearchDocumentsParams } from '@mep/api';
import { copyCorpusPdfs, percentile } from './bench-corpus';

// BENCH_MIN_PASSAGES=100000 runs the same bench at 10× the passages, to show how the cost grows.
const MIN_PASSAGES = Number(process.env.BENCH_MIN_PASSAGES ?? 10_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'mep-bench-search-'));
const dataDir = process.env.BENCH_DATA_DIR ?? join(work, 'data');

/** The machine's load beside a figure (2 cores shared with other work). */
function load(): string {
  try {
    return `load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`;
  } catch {
    return 'load n/a';
  }
}

/**
 * Extraction of a bench copy is the extraction of its original (copies differ only in a trailing PDF
 * comment): memoised, so building 100,000 passages costs tagging and indexing, not 10× the parsing.
 */
const extracted = new Map<string, Promise<ExtractedDocument>>();
function extractOnce(bytes: Uint8Array): Promise<ExtractedDocument> {
  const buffer = Buffer.from(bytes);
  const cut = buffer.lastIndexOf('\n% bench copy');
  const key = buffer.subarray(0, cut > 0 ? cut : buffer.length).toString('latin1');
  let result = extracted.get(key);
  if (!result) extracted.set(key, (result = extractInSandbox(bytes, { allowImageOnly: false })));
  return result;
}

const queries: Array<Partial<SearchDocumentsParams['filters']> & { q: string }> = [
  { q: 'dental amalgam' }, { q: 'mercury' }, { q: 'artisanal and small-scale gold mining' }, { q: 'emissions from coal-fired power plants' },
  { q: 'national action plan' }, { q: 'hazardous wastes' }, { q: 'marine biological diversity' }, { q: 'prior informed consent' },
  { q: 'amalgame dentaire' }, { q: 'mercurio dental' }, { q: 'financial mechanism' }, { q: 'capacity-building and technical assistance' },
  { q: 'knowledge management' }, { q: 'persistent organic pollutants' }, { q: 'conference of the parties' }, { q: 'environmental impact assessment' },
  { q: 'Article 14' }, { q: 'cement clinker' }, { q: 'chlor-alkali' }, { q: 'skin lightening' }, { q: 'digital strategy' }, { q: 'reporting' },
  { q: 'mercury', theme: ['theme:asgm'] }, { q: 'waste', lang: ['en'] }, { q: 'convention', lang: ['en', 'fr', 'es'] }, { q: '' },
  { q: '', theme: ['theme:products', 'theme:emissions'] }, { q: 'marine', year: [2023] }, { q: 'agreement', doctype: ['doctype:convention-text'] },
  { q: 'mercurio' }, { q: 'ртуть' }, { q: '汞' }, { q: 'الزئبق' }, { q: 'secretariat', article: ['article:17'] },
];

function toUrl(query: (typeof queries)[number]): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== '') params.append(key, String(v));
  }
  return `/api/search?${params}`;
}

function toParams(query: (typeof queries)[number]): SearchDocumentsParams {
  const { q, ...rest } = query;
  const filters = { theme: [], article: [], doctype: [], party: [], region: [], lang: [], year: [], ...rest } as SearchDocumentsParams['filters'];
  return { q, filters, sort: 'relevance', page: 1, pageSize: 10 };
}

try {
  // OCR off: background recognition would share the cores with the queries being measured.
  const context = await createContext(readConfig({ MEP_DATA_DIR: dataDir, PORT: '0', MEP_OCR: 'off', MEP_RATE_LIMIT_SCALE: '1000' }), { info() {}, error: console.error });
  let passages = (await context.search.passages.getStats()).numberOfDocuments;
  const firstBatch = Math.ceil(passages / 1_000) + 1;
  for (let batch = firstBatch; passages < MIN_PASSAGES; batch++) {
    const files = copyCorpusPdfs(join(work, `files-${batch}`), 4, `batch ${batch} `);
    const outcomes = await ingestFiles(files, { ...context, extract: extractOnce }, { indexBatchSize: 50 });
    passages = (await context.search.passages.getStats()).numberOfDocuments;
    process.stdout.write(`\ringested ${outcomes.filter((o) => o.status === 'ingested').length} new documents; ${passages} passages indexed`);
    if (outcomes.every((o) => o.status !== 'ingested')) throw new Error('no new documents: copies are not distinct');
  }
  const documents = (await context.search.documents.getStats()).numberOfDocuments;
  console.log(`\nbench:search — ${documents} documents, ${passages} passages; ${queries.length} queries × ${rounds} rounds  (${load()})`);
  const server = await startServer(context, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${server.port}`;

  // Profile: how much of an API search is its Meilisearch round trips, and how many it makes. The API sends
  // a round trip's queries as parallel requests: overlapping requests count once, as one round trip.
  const client = context.search.client;
  const multiSearch = client.multiSearch.bind(client);
  let inApi = false;
  let apiMeiliMs = 0;
  let apiRoundTrips = 0;
  let inFlight = 0;
  let waveStarted = 0;
  client.multiSearch = (async (...args: Parameters<typeof multiSearch>) => {
    if (inApi && inFlight++ === 0) {
      waveStarted = performance.now();
      apiRoundTrips++;
    }
    try {
      return await multiSearch(...args);
    } finally {
      if (inApi && --inFlight === 0) apiMeiliMs += performance.now() - waveStarted;
    }
  }) as typeof client.multiSearch;
  const apiInside: number[] = [];
  const extraTrips = new Map<string, number>();
  const api: number[] = [];
  const meili: number[] = [];
  const meiliOneRequest: number[] = [];
  const apiByQuery = new Map<string, number[]>();
  const runApi = async (query: (typeof queries)[number]) => {
    apiMeiliMs = 0;
    apiRoundTrips = 0;
    inApi = true;
    const started = performance.now();
    const response = await fetch(base + toUrl(query));
    await response.json();
    const elapsed = performance.now() - started;
    inApi = false;
    if (!response.ok) throw new Error(`${toUrl(query)} → ${response.status}`);
    apiInside.push(apiMeiliMs);
    if (apiRoundTrips > 1) extraTrips.set(toUrl(query), apiRoundTrips - 1);
    return elapsed;
  };
  // The baseline sends the API's very queries the way the API does (parallel requests); the second row sends
  // them as one multi-search, which is what the API did before.
  const runMeili = async (query: (typeof queries)[number]) => {
    const started = performance.now();
    await sendSearchQueries(context, buildSearchQueries(context, toParams(query)).queries);
    return performance.now() - started;
  };
  const runMeiliOneRequest = async (query: (typeof queries)[number]) => {
    const started = performance.now();
    await multiSearch({ queries: buildSearchQueries(context, toParams(query)).queries });
    return performance.now() - started;
  };
  for (const query of queries) {
    await runApi(query);
    await runMeili(query);
  }
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      // alternate which goes first so neither side always gets the warmer cache
      let apiMs: number;
      if (round % 2 === 0) {
        apiMs = await runApi(query);
        meili.push(await runMeili(query));
        meiliOneRequest.push(await runMeiliOneRequest(query));
      } else {
        meiliOneRequest.push(await runMeiliOneRequest(query));
        meili.push(await runMeili(query));
        apiMs = await runApi(query);
      }
      api.push(apiMs);
      const key = toUrl(query);
      apiByQuery.set(key, [...(apiByQuery.get(key) ?? []), apiMs]);
    }
  }
  const row = (name: string, values: number[]) => `${name.padEnd(34)} p50 ${percentile(values, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(values, 95).toFixed(2).padStart(7)} ms`;
  console.log(`${row('Meilisearch directly (parallel)', meili)}  (${load()})`);
  console.log(`${row('Meilisearch, one multi-search', meiliOneRequest)}  (${load()})`);
  console.log(`${row('MEP API /api/search', api)}  (${load()})`);
  console.log(`${row('  of which its Meilisearch calls', apiInside)}  (${load()})`);
  console.log(`ratio API / Meilisearch: p50 ${(percentile(api, 50) / percentile(meili, 50)).toFixed(2)}×, p95 ${(percentile(api, 95) / percentile(meili, 95)).toFixed(2)}×  (aim: p95 ≤ 1.3×, API p95 < 50 ms)  (${load()})`);
  console.log(`queries needing a second round trip (passage follow-up): ${extraTrips.size ? [...extraTrips.keys()].map((url) => decodeURIComponent(url.replace('/api/search?', ''))).join('; ') : 'none'}`);
  const slowest = [...apiByQuery].map(([url, times]) => [url, percentile(times, 50)] as const).sort((a, b) => b[1] - a[1]).slice(0, 4);
  console.log(`slowest queries through the API (median): ${slowest.map(([url, ms]) => `${decodeURIComponent(url.replace('/api/search?', ''))} ${ms.toFixed(1)} ms`).join('; ')}`);

  // Search analytics (issue 14) on and off in the same run, interleaved so both see the same load.
  const analytics = context.config.searchAnalytics;
  const withAnalytics: number[] = [];
  const withoutAnalytics: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      for (const on of round % 2 === 0 ? [true, false] : [false, true]) {
        analytics.enabled = on;
        (on ? withAnalytics : withoutAnalytics).push(await runApi(query));
      }
    }
  }
  analytics.enabled = true;
  console.log(`${row('API, search analytics on', withAnalytics)}  ${load()}`);
  console.log(`${row('API, search analytics off', withoutAnalytics)}  ${load()}`);
  console.log(
    `analytics on / off: p50 ${((percentile(withAnalytics, 50) / percentile(withoutAnalytics, 50) - 1) * 100).toFixed(1)}%, p95 ${((percentile(withAnalytics, 95) / percentile(withoutAnalytics, 95) - 1) * 100).toFixed(1)}%  (aim: within 5%)  ${load()}`,
  );
  await server.close();
  await closeContext(context);
} finally {
  await closeSandboxPools();
  rmSync(work, { recursive: true, force: true });
  if (!process.env.BENCH_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
}
