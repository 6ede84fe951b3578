/**
 * kill -9 of an API node mid-post, with two nodes behind a balancer: clients keep posting through node A
 * while it is SIGKILLed; each retries an unanswered request with the same Idempotency-Key (now reaching
 * node B). No post may be lost or doubled, and a socket client that was on A ends up on B with every post.
 */
import { randomUUID } from 'node:crypto';
import { posts } from '@mep/db';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiCluster, startBalancer, type ApiCluster, type Balancer } from '../../test/api-nodes';
import { redisBinary } from '../../test/redis-server';
import { connected, emitWithAck, signedInClient, sleep, SessionClient, type ClientSocket } from '../services/testing/forum-harness';

const POSTERS = 6;
/** Under the per-author limit of five posts a minute (retries replay, they do not count). */
const POSTS_EACH = 4;

let cluster: ApiCluster | undefined;
let balancer: Balancer | undefined;
let socket: ClientSocket | undefined;

describe.skipIf(!redisBinary)('kill -9 of an API node mid-post (two nodes)', () => {
  beforeAll(async () => {
    cluster = await startApiCluster(2);
    balancer = await startBalancer(cluster.nodes[0]!.port);
  }, 240_000);

  afterAll(async () => {
    socket?.disconnect();
    await balancer?.close();
    await cluster?.close();
  }, 60_000);

  it('loses and doubles no post; a socket client on the killed node catches up on the other', async () => {
    const { db, nodes } = cluster!;
    const [nodeA, nodeB] = nodes as [ApiCluster['nodes'][0], ApiCluster['nodes'][0]];
    const viaBalancer = (client: SessionClient) => {
      const moved = new SessionClient(balancer!.url);
      for (const [k, v] of client.cookies) moved.cookies.set(k, v);
      return moved;
    };
    const { client: opener } = await signedInClient(db, nodeA.url, 'moderator', 'Opener');
    const threadId: number = (await opener.post('/api/forums/asgm/threads', { title: 'Crash', body: 'Opening', concepts: [], documentIds: [] })).body.thread.id;

    // A reader's browser on node A (through the balancer), in the thread's room. On every new connection
    // that is not a recovery it re-joins and re-fetches what it has not seen, as the web app does.
    const reader = viaBalancer((await signedInClient(db, nodeA.url, 'member', 'Reader')).client);
    const seen = new Set<number>();
    /** How often each post arrived as a socket event: never twice. */
    const events = new Map<number, number>();
    let lastSeen = 0;
    const note = (id: number) => {
      seen.add(id);
      lastSeen = Math.max(lastSeen, id);
    };
    let reconnections = 0;
    socket = reader.socket();
    socket.on('posts.created', ({ post }) => {
      events.set(post.id, (events.get(post.id) ?? 0) + 1);
      note(post.id);
    });
    const catchUp = async () => {
      expect(await emitWithAck(socket!, 'threads.join', { threadId }, 10_000)).toMatchObject({ ok: true });
      const missed = await reader.get(`/api/threads/${threadId}/posts?after=${lastSeen}&limit=500`);
      for (const post of missed.body.posts as Array<{ id: number }>) if (!seen.has(post.id)) note(post.id);
    };
    let caughtUp: Promise<void> = Promise.resolve();
    socket.on('connect', () => {
      if (socket!.recovered) return;
      reconnections += 1;
      caughtUp = caughtUp.then(catchUp);
    });
    await connected(socket);
    await caughtUp;

    // Posters: each post is retried with its key until it is answered (a dead node's connection fails fast).
    let acknowledged = 0;
    let retried = 0;
    const retriedKeys = new Set<string>();
    const keys: string[] = [];
    const answers = new Map<string, number>();
    const poster = async (index: number) => {
      const client = viaBalancer((await signedInClient(db, nodeA.url, 'member', `Poster ${index}`)).client);
      for (let n = 0; n < POSTS_EACH; n += 1) {
        const key = randomUUID();
        keys.push(key);
        for (let attempt = 1; ; attempt += 1) {
          if (attempt > 1) {
            retried += 1;
            retriedKeys.add(key);
          }
          const answer = await client
            .request('POST', `/api/threads/${threadId}/posts`, { body: `poster ${index} post ${n}` }, { headers: { 'Idempotency-Key': key } })
            .catch(() => undefined);
          if (answer?.status === 200) {
            answers.set(key, answer.body.post.id);
            acknowledged += 1;
            break;
          }
          if (attempt > 60) throw new Error(`post ${key} never answered: ${answer?.status} ${JSON.stringify(answer?.body)}`);
          await sleep(100);
        }
      }
    };
    const posting = Promise.all(Array.from({ length: POSTERS }, (_, i) => poster(i)));

    // Mid-run, SIGKILL node A; the balancer's health check then sends everything to node B.
    while (acknowledged < POSTERS) await sleep(5);
    const killed = new Promise((r) => nodeA.child.once('exit', r));
    const killedAt = new Date().toISOString();
    nodeA.child.kill('SIGKILL');
    await killed;
    balancer!.pointAt(nodeB.port);
    balancer!.cutAll();
    await posting;
    await caughtUp;
    // Every reply and the opening post; a reply relayed late may still be on its way.
    for (let i = 0; i < 100 && seen.size < POSTERS * POSTS_EACH + 1; i += 1) await sleep(100);

    // Every key is one post, the one its client was answered with: nothing lost, nothing doubled.
    const rows = await db.select().from(posts).where(eq(posts.threadId, threadId)).orderBy(asc(posts.id)).all();
    const replies = rows.slice(1);
    expect(replies).toHaveLength(POSTERS * POSTS_EACH);
    expect(new Set(replies.map((p) => p.idempotencyKey))).toEqual(new Set(keys));
    for (const key of keys) expect(replies.find((p) => p.idempotencyKey === key)?.id).toBe(answers.get(key));
    expect(new Set(replies.map((p) => p.body)).size).toBe(POSTERS * POSTS_EACH);
    const thread = await new SessionClient(nodeB.url).get(`/api/threads/${threadId}`);
    expect(thread.body.thread.postCount).toBe(POSTERS * POSTS_EACH + 1);

    // The reader reconnected (to B, the only node left) and holds every post exactly once.
    expect(reconnections).toBeGreaterThanOrEqual(2);
    expect(socket.connected).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(rows.map((p) => p.id));
    expect([...events.values()].every((count) => count === 1)).toBe(true);
    // Retries of a post that node A had committed before it died were answered with that post (replays).
    const replays = replies.filter((p) => retriedKeys.has(p.idempotencyKey!) && p.createdAt < killedAt).length;
    console.log(`node-crash: ${POSTERS * POSTS_EACH} posts, ${retried} retries after the kill (${replays} of them replays of a post A had committed), reader reconnected ${reconnections - 1} time(s)`);
  }, 180_000);
});
