/**
 * Realtime fan-out: 1,000 Socket.IO clients in this one process watch a thread; a reply is posted over
 * HTTP (validation, Markdown rendering, SQLite transaction, after-commit event, presenter, room
 * broadcast) and we time until every client has it. Against it, in the same run and interleaved, a
 * bare Socket.IO server broadcasts the same payload to 1,000 clients in one room. Prints p50 / p99 of
 * "all clients have it" for both, and the ratio. BENCH_CLIENTS (default 1000), BENCH_ROUNDS (default 40).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { closeContext, createContext, readConfig, startServer } from '../apps/api/src/index';
import { signedInClient } from '../apps/api/src/services/testing/forum-harness';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const work = mkdtempSync(join(tmpdir(), 'mep-bench-realtime-'));

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

function openClients(url: string, count: number): Promise<Socket[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      return new Promise<Socket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    }),
  );
}

/**
 * Counts arrivals of `posts.created` per post id over all clients and tells when the last client got
 * one. Arrivals are counted from the start, because events may beat the HTTP answer that names the id.
 */
function completionTracker(clients: Socket[]): (id: number) => Promise<number> {
  const counts = new Map<number, number>();
  const doneAt = new Map<number, number>();
  const waiters = new Map<number, (at: number) => void>();
  for (const socket of clients) {
    socket.on('posts.created', (payload: { post: { id: number } }) => {
      const id = payload.post.id;
      const count = (counts.get(id) ?? 0) + 1;
      counts.set(id, count);
      if (count === clients.length) {
        const at = performance.now();
        doneAt.set(id, at);
        waiters.get(id)?.(at);
      }
    });
  }
  return (id) => {
    const at = doneAt.get(id);
    return at !== undefined ? Promise.resolve(at) : new Promise((resolve) => waiters.set(id, resolve));
  };
}

async function main(): Promise<void> {
  console.log(`Realtime bench: ${CLIENTS} clients, ${ROUNDS} rounds (data in ${work})`);
  const context = await createContext(readConfig({ MEP_DATA_DIR: work, PORT: '0', MEP_RATE_LIMIT_SCALE: '1000' }), { info: () => {}, error: (m, e) => console.error(m, e) });
  const server = await startServer(context, 0, '127.0.0.1');
  const apiUrl = `http://127.0.0.1:${server.port}`;

  // Bare Socket.IO: same library, same machine, no application in between.
  const bareHttp = createServer();
  const bare = new Server(bareHttp, { serveClient: false });
  bare.on('connection', (socket) => socket.join('room'));
  await new Promise<void>((resolve) => bareHttp.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bareHttp.address() as AddressInfo).port}`;

  // A moderator posts: the per-user posting rate limit does not apply to moderators.
  const { client: poster } = await signedInClient(context.db, apiUrl, 'moderator', 'Bench');
  const { body } = await poster.post('/api/forums/asgm/threads', { title: 'Bench thread', body: 'Opening post', concepts: [], documentIds: [] });
  const threadId: number = body.thread.id;

  const started = performance.now();
  const apiClients = await openClients(apiUrl, CLIENTS);
  await Promise.all(apiClients.map((socket) => socket.timeout(30_000).emitWithAck('threads.join', { threadId })));
  const bareClients = await openClients(bareUrl, CLIENTS);
  console.log(`Connected and joined ${CLIENTS * 2} clients in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await new Promise((r) => setTimeout(r, 500)); // let presence updates settle

  const api: number[] = [];
  const bareTimes: number[] = [];
  const apiDone = completionTracker(apiClients);
  const bareDone = completionTracker(bareClients);
  let bareId = 1_000_000_000;
  for (let round = 0; round < ROUNDS + 3; round++) {
    // API: HTTP reply → every client has posts.created.
    const t0 = performance.now();
    const response = await poster.post(`/api/threads/${threadId}/posts`, { body: `Round ${round}: **dental amalgam** phase-down, see [Annex A](https://www.mercuryconvention.org/).` });
    if (response.status !== 200) throw new Error(`Posting failed: ${response.status} ${JSON.stringify(response.body)}`);
    const tResp = performance.now();
    const apiEnd = await apiDone(response.body.post.id);
    if (process.env.BENCH_DEBUG) console.log(`post answered in ${(tResp - t0).toFixed(1)} ms, all delivered at ${(apiEnd - t0).toFixed(1)} ms`);
    // Bare: a broadcast of the same payload (what the room receives, under a fresh id).
    bareId += 1;
    const { body: _source, ...post } = response.body.post;
    const b0 = performance.now();
    bare.to('room').emit('posts.created', { post: { ...post, id: bareId } });
    const bareEnd = await bareDone(bareId);
    // The first rounds warm up the JIT and SQLite's statement cache.
    if (round >= 3) {
      api.push(apiEnd - t0);
      bareTimes.push(bareEnd - b0);
    }
  }

  const row = (name: string, values: number[]) => `${name.padEnd(26)} p50 ${percentile(values, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(values, 99).toFixed(1).padStart(7)} ms`;
  console.log(`\nTime until all ${CLIENTS} clients have the post (${ROUNDS} rounds):`);
  console.log(row('API (HTTP post → event)', api));
  console.log(row('bare Socket.IO broadcast', bareTimes));
  console.log(`ratio API / bare: p50 ${(percentile(api, 50) / percentile(bareTimes, 50)).toFixed(2)}×   p99 ${(percentile(api, 99) / percentile(bareTimes, 99)).toFixed(2)}×`);

  for (const socket of [...apiClients, ...bareClients]) socket.disconnect();
  bare.close();
  await server.close();
  await closeContext(context);
  rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
