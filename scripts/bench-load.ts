/**
 * Load: autocannon on loopback against a running `mep serve` (a child process, as deployed) and,
 * in the same run, against Meilisearch alone with the very multi-searches the API sends.
 * Scenarios, each at 50 and 200 connections for BENCH_SECONDS (default 10) seconds:
 *   - Meilisearch directly: POST /multi-search (the baseline)
 *   - API search: GET /api/search (aim: ≥ 0.7× the baseline's throughput, zero errors)
 *   - API mixed: searches, document reads, thread reads and replies (a moderator, who has no post limit)
 * Prints throughput, p50 / p99 latency and errors per run, and /proc/loadavg before and after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon, { type Request as CannonRequest } from 'autocannon';
import { closeSandboxPools, findFreePort, ingestFiles, startEmbeddedMeilisearch } from '@mep/ingest';
import { buildSearchQueries, closeContext, createContext, readConfig, type SearchDocumentsParams } from '@mep/api';
import { signedInClient } from '../apps/api/src/services/testing/forum-harness';
import { corpusDir } from './bench-corpus';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '50,200').split(',').map(Number);
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 5000);
/** Extra node flags for the server, e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile it. */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
/** Only these scenarios (comma-separated prefixes of their names), e.g. BENCH_ONLY='API: GET'. */
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const repoRoot = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'mep-bench-load-'));
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim();

const queries: Array<{ q: string; lang?: string[]; theme?: string[] }> = [
  { q: 'mercury' }, { q: 'dental amalgam' }, { q: 'artisanal and small-scale gold mining' }, { q: 'emissions' },
  { q: 'national action plan' }, { q: 'waste', lang: ['en'] }, { q: 'mercurio' }, { q: 'ртуть' }, { q: '汞' },
  { q: 'mercury', theme: ['theme:asgm'] }, { q: 'marine biological diversity' }, { q: 'reporting' },
];

function searchPath(query: (typeof queries)[number]): string {
  const params = new URLSearchParams({ q: query.q });
  for (const lang of query.lang ?? []) params.append('lang', lang);
  for (const theme of query.theme ?? []) params.append('theme', theme);
  return `/api/search?${params}`;
}

function searchParams(query: (typeof queries)[number]): SearchDocumentsParams {
  const filters = { theme: query.theme ?? [], article: [], doctype: [], party: [], region: [], lang: query.lang ?? [], year: [] } as unknown as SearchDocumentsParams['filters'];
  return { q: query.q, filters, sort: 'relevance', page: 1, pageSize: 10 };
}

interface Row {
  target: string;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
}

async function cannon(target: string, url: string, connections: number, requests: CannonRequest[], headers: Record<string, string> = {}): Promise<Row | undefined> {
  if (ONLY.length && !ONLY.some((prefix) => target.startsWith(prefix))) return undefined;
  // Requests abandoned by the previous run's clients may still be running: let the servers settle first.
  await new Promise((r) => setTimeout(r, PAUSE_MS));
  const result = await autocannon({ url, connections, duration: SECONDS, requests, headers, timeout: 10 });
  const errors = result.errors + result.timeouts + result.non2xx;
  return { target, connections, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors, total: result.requests.total };
}

function waitForReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolveReady, reject) => {
    child.once('exit', (code) => reject(new Error(`mep serve exited with ${code}`)));
    const poll = async () => {
      try {
        if ((await fetch(`${url}/api/ready`)).ok) return resolveReady();
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) return reject(new Error('mep serve did not become ready'));
      setTimeout(poll, 200);
    };
    void poll();
  });
}

let server: ChildProcess | undefined;
const meili = await startEmbeddedMeilisearch({ dataDir: join(work, 'meili') });
try {
  const env = { MEP_DATA_DIR: join(work, 'data'), MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, LOG_LEVEL: 'info', MEP_RATE_LIMIT_SCALE: '1000',
    // No OCR: the server would resume the corpus's queued scans at start, and Tesseract would take the cores from
    // the requests being measured (a deployment serves long after its ingest's OCR is done).
    MEP_OCR: 'off' };
  const context = await createContext(readConfig({ ...env, PORT: '0' }), { info() {}, error: console.error });
  const outcomes = await ingestFiles([corpusDir], context);
  const documentIds = outcomes.filter((o) => o.documentId && o.status !== 'failed').map((o) => o.documentId!);
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [...SERVER_NODE_ARGS, '--import', 'tsx', join(repoRoot, 'apps/api/src/cli/main.ts'), 'serve', '--migrate', '--host', '127.0.0.1'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    // Request logs are written as in production (info, JSON), to /dev/null.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForReady(base, server, 120_000);
  const { client: moderator } = await signedInClient(context.db, base, 'moderator', 'Load moderator');
  const thread = await moderator.post('/api/forums/asgm/threads', { title: 'Load test thread', body: 'Opening post', concepts: [], documentIds: [] });
  if (thread.status !== 200) throw new Error(`could not open a thread: ${thread.status} ${JSON.stringify(thread.body)}`);
  const threadId = thread.body.thread.id as number;
  const csrf = await moderator.csrfToken();
  const meiliBodies = queries.map((query) => JSON.stringify({ queries: buildSearchQueries(context, searchParams(query)).queries }));
  await closeContext(context);

  console.log(`bench:load — ${documentIds.length} documents; ${SECONDS} s per run; connections ${CONNECTIONS.join(', ')}`);
  console.log(`/proc/loadavg before: ${loadavg()}`);
  const meiliRequests: CannonRequest[] = meiliBodies.map((body) => ({ method: 'POST', path: '/multi-search', body }));
  const searchRequests: CannonRequest[] = queries.map((query) => ({ method: 'GET', path: searchPath(query) }));
  const mixedRequests: CannonRequest[] = [
    ...searchRequests.slice(0, 6),
    { method: 'GET', path: `/api/documents/${documentIds[0]}` },
    { method: 'GET', path: `/api/documents/${documentIds[1 % documentIds.length]}/related` },
    { method: 'GET', path: `/api/threads/${threadId}` },
    { method: 'GET', path: `/api/threads/${threadId}/posts?limit=20` },
    { method: 'GET', path: '/api/forums' },
    { method: 'POST', path: `/api/threads/${threadId}/posts`, body: JSON.stringify({ body: 'A reply under load: **mercury** storage.' }), headers: { 'content-type': 'application/json', 'x-csrf-token': csrf } },
  ];
  // Warm-up: the first search compiles the taxonomy's query matcher, the first reads fill caches.
  for (let round = 0; round < 2; round++) {
    for (const request of [...searchRequests, ...mixedRequests.filter((r) => r.method === 'GET')]) await (await fetch(base + request.path)).arrayBuffer();
    for (const body of meiliBodies) await (await fetch(`${meili.url}/multi-search`, { method: 'POST', body, headers: { authorization: `Bearer ${meili.masterKey}`, 'content-type': 'application/json' } })).arrayBuffer();
  }
  const rows: Row[] = [];
  const add = (row: Row | undefined) => row && rows.push(row);
  for (const connections of CONNECTIONS) {
    add(await cannon('Meilisearch alone: multi-search', meili.url, connections, meiliRequests, { authorization: `Bearer ${meili.masterKey}`, 'content-type': 'application/json' }));
    add(await cannon('API: GET /api/search', base, connections, searchRequests));
    add(await cannon('API: mixed reads + replies', base, connections, mixedRequests, { cookie: moderator.cookieHeader }));
  }
  console.log(`/proc/loadavg after:  ${loadavg()}\n`);
  console.log(`${'target'.padEnd(34)} ${'conns'.padStart(5)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'requests'.padStart(9)}`);
  for (const row of rows) {
    console.log(`${row.target.padEnd(34)} ${String(row.connections).padStart(5)} ${row.requestsPerSecond.toFixed(0).padStart(8)} ${String(row.p50).padStart(7)} ${String(row.p99).padStart(7)} ${String(row.errors).padStart(7)} ${String(row.total).padStart(9)}`);
  }
  for (const connections of CONNECTIONS) {
    const baseline = rows.find((r) => r.connections === connections && r.target.startsWith('Meilisearch'));
    const api = rows.find((r) => r.connections === connections && r.target === 'API: GET /api/search');
    if (baseline && api) console.log(`${connections} connections: API search throughput / Meilisearch alone = ${(api.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}× (aim ≥ 0.7×)`);
  }
  const errors = rows.reduce((sum, row) => sum + row.errors, 0);
  console.log(`errors in all runs: ${errors} (aim: 0)`);
  process.exitCode = errors ? 1 : 0;
} finally {
  server?.kill('SIGTERM');
  await new Promise((r) => (server && server.exitCode === null ? server.once('exit', r) : r(undefined)));
  await closeSandboxPools();
  await meili.stop();
  rmSync(work, { recursive: true, force: true });
}
