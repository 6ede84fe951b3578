import type { Db } from '@mep/db';
import { startApiCluster, startBalancer, type ApiCluster, type Balancer } from '../../test/api-nodes';
import { redisBinary } from '../../test/redis-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, emitWithAck, nextEvent, sameBrowser, signedInClient, sleep, type ClientSocket, SessionClient } from '../services/testing/forum-harness';

if (!redisBinary) console.warn('SKIPPED the two-process Redis test: no redis-server binary (apt-get install -y redis-server).');

let cluster: ApiCluster | undefined;
let db: Db;
let urlA: string;
let urlB: string;
const sockets: ClientSocket[] = [];
const balancers: Balancer[] = [];

describe.skipIf(!redisBinary)('several API processes share events through Redis', () => {
  beforeAll(async () => {
    cluster = await startApiCluster(2);
    db = cluster.db;
    [urlA, urlB] = cluster.nodes.map((node) => node.url) as [string, string];
  }, 240_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const balancer of balancers) await balancer.close();
    await cluster?.close();
  }, 60_000);

  it('a post made through one process reaches a client of the other', async () => {
    const alice = await signedInClient(db, urlA, 'member', 'Alice');
    const bob = await signedInClient(db, urlA, 'member', 'Bob');
    const { body } = await alice.client.post('/api/forums/asgm/threads', { title: 'Across nodes', body: 'Opening', concepts: [], documentIds: [] });
    const threadId: number = body.thread.id;

    // Alice's browser is connected to process B; so is an anonymous reader.
    const aliceOnB = sameBrowser(alice.client, urlB);
    const readerOnB = aliceOnB.socket();
    sockets.push(readerOnB);
    await connected(readerOnB);
    expect(await emitWithAck(readerOnB, 'threads.join', { threadId })).toMatchObject({ ok: true });

    const arrived = nextEvent(readerOnB, 'posts.created', 10_000);
    const notified = nextEvent(readerOnB, 'notifications.created', 10_000);
    const reply = await bob.client.post(`/api/threads/${threadId}/posts`, { body: 'Hello from process A' });
    expect(reply.status).toBe(200);
    const { post } = await arrived;
    expect(post).toMatchObject({ id: reply.body.post.id, threadId });
    expect(post.html).toContain('Hello from process A');
    expect((await notified).notification).toMatchObject({ threadId, kind: 'post.created' });

    // Presence counts span both processes.
    const bobOnA = bob.client.socket();
    sockets.push(bobOnA);
    const presence = nextEvent(readerOnB, 'presence.count', 5000, (p) => p.count === 2);
    await emitWithAck(bobOnA, 'threads.join', { threadId });
    expect(await presence).toEqual({ threadId, count: 2 });
  });

  it('a role change, a membership removal or sign-out everywhere on one process reaches sockets on the other', async () => {
    const admin = await signedInClient(db, urlA, 'admin', 'Chief');
    await admin.client.post('/api/forums', { id: 'wg-nodes', title: { en: 'Across nodes' }, visibility: 'private' });
    const threadId: number = (await admin.client.post('/api/forums/wg-nodes/threads', { title: 'Node secret', body: 'x', concepts: [], documentIds: [] })).body.thread.id;
    /** A user of `role` whose socket on process B sits in the private thread room. */
    const onB = async (role: 'member' | 'moderator') => {
      const user = await signedInClient(db, urlA, role);
      if (role === 'member') await admin.client.put(`/api/forums/wg-nodes/members/${user.userId}`);
      const client = sameBrowser(user.client, urlB);
      const socket = client.socket({ reconnection: false });
      sockets.push(socket);
      const received: string[] = [];
      socket.on('posts.created', ({ post }) => received.push(post.html));
      await connected(socket);
      expect(await emitWithAck(socket, 'threads.join', { threadId })).toMatchObject({ ok: true });
      return { ...user, socket, received };
    };
    const demoted = await onB('moderator');
    const removed = await onB('member');
    const signedOut = await onB('member');
    const control = await onB('member');
    const gone = new Promise<string>((resolve) => signedOut.socket.once('disconnect', resolve));

    await admin.client.put(`/api/users/${demoted.userId}/role`, { role: 'member' });
    await admin.client.del(`/api/forums/wg-nodes/members/${removed.userId}`);
    await signedOut.client.post('/api/auth/sign-out-everywhere');
    expect(await gone).toBe('io server disconnect');
    await sleep(500);
    const arrived = nextEvent(control.socket, 'posts.created', 10_000);
    await admin.client.post(`/api/threads/${threadId}/posts`, { body: 'only for members still in' });
    expect((await arrived).post.html).toContain('only for members still in');
    await sleep(500);
    expect(demoted.received.join()).not.toContain('only for members still in');
    expect(removed.received.join()).not.toContain('only for members still in');
  }, 60_000);

  /**
   * A browser behind a balancer in front of both nodes, connected to A and in `threadId`'s room, that has
   * received one post (so it holds a stream offset to recover from); returns what it receives.
   */
  async function browserOnA(user: SessionClient, threadId: number, poster: SessionClient) {
    const balancer = await startBalancer(Number(new URL(urlA).port));
    balancers.push(balancer);
    const socket = sameBrowser(user, balancer.url).socket();
    sockets.push(socket);
    const received: string[] = [];
    socket.on('posts.created', ({ post }) => received.push(post.html));
    await connected(socket);
    expect(await emitWithAck(socket, 'threads.join', { threadId })).toMatchObject({ ok: true });
    const first = nextEvent(socket, 'posts.created', 10_000, ({ post }) => post.html.includes('seen before the drop'));
    await poster.post(`/api/threads/${threadId}/posts`, { body: 'seen before the drop' });
    await first;
    // The thread's opening post may reach the room through the Redis stream just after the join: the stream
    // keeps order, so whatever came before this post is from before the browser's time in the room.
    received.splice(0, received.findIndex((html) => html.includes('seen before the drop')));
    return { balancer, socket, received };
  }

  /** Cuts the browser off (node A out of rotation), runs `meanwhile`, then lets it reconnect, to node B. */
  async function dropAndReconnectToB(browser: Awaited<ReturnType<typeof browserOnA>>, meanwhile: () => Promise<void>): Promise<void> {
    const dropped = new Promise<void>((r) => browser.socket.once('disconnect', () => r()));
    browser.balancer.pointAt(null);
    browser.balancer.cutAll();
    await dropped;
    await meanwhile();
    const back = new Promise<void>((r) => browser.socket.once('connect', () => r()));
    browser.balancer.pointAt(Number(new URL(urlB).port));
    await back;
  }

  /** A socket straight on node B in the thread's room: once it has a post, the stream holds it too. */
  async function watcherOnB(user: SessionClient, threadId: number): Promise<ClientSocket> {
    const socket = sameBrowser(user, urlB).socket();
    sockets.push(socket);
    await connected(socket);
    expect(await emitWithAck(socket, 'threads.join', { threadId })).toMatchObject({ ok: true });
    return socket;
  }

  it('a client that drops from one node and reconnects to the other gets what its rooms missed (streams adapter recovery)', async () => {
    const alice = await signedInClient(db, urlA, 'member', 'Alice');
    const bob = await signedInClient(db, urlA, 'member', 'Bob');
    const threadId: number = (await alice.client.post('/api/forums/asgm/threads', { title: 'Recovery', body: 'x', concepts: [], documentIds: [] })).body.thread.id;
    const browser = await browserOnA(alice.client, threadId, bob.client);
    const watcher = await watcherOnB(bob.client, threadId);

    await dropAndReconnectToB(browser, async () => {
      const seen = nextEvent(watcher, 'posts.created', 10_000, ({ post }) => post.html.includes('missed two'));
      await bob.client.post(`/api/threads/${threadId}/posts`, { body: 'missed one' });
      await bob.client.post(`/api/threads/${threadId}/posts`, { body: 'missed two' });
      await seen;
    });
    expect(browser.socket.recovered).toBe(true);
    for (let i = 0; i < 50 && browser.received.length < 3; i += 1) await sleep(100);
    expect(browser.received.map((html) => /<p>(.*)<\/p>/.exec(html)?.[1])).toEqual(['seen before the drop', 'missed one', 'missed two']);

    // Still in the room on node B: a new post arrives once.
    const later = nextEvent(browser.socket, 'posts.created', 10_000);
    await bob.client.post(`/api/threads/${threadId}/posts`, { body: 'after the move' });
    expect((await later).post.html).toContain('after the move');
  }, 60_000);

  it('a recovery on the other node is refused when the user lost access to a room meanwhile: nothing of it is replayed', async () => {
    const admin = await signedInClient(db, urlA, 'admin', 'Chief');
    await admin.client.post('/api/forums', { id: 'wg-recover', title: { en: 'Recovery' }, visibility: 'private' });
    const threadId: number = (await admin.client.post('/api/forums/wg-recover/threads', { title: 'Closed', body: 'x', concepts: [], documentIds: [] })).body.thread.id;
    const member = await signedInClient(db, urlA, 'member', 'Leaving');
    await admin.client.put(`/api/forums/wg-recover/members/${member.userId}`);
    const browser = await browserOnA(member.client, threadId, admin.client);
    const watcher = await watcherOnB(admin.client, threadId);

    await dropAndReconnectToB(browser, async () => {
      expect((await admin.client.del(`/api/forums/wg-recover/members/${member.userId}`)).status).toBeLessThan(300);
      const seen = nextEvent(watcher, 'posts.created', 10_000, ({ post }) => post.html.includes('after the removal'));
      await admin.client.post(`/api/threads/${threadId}/posts`, { body: 'after the removal' });
      await seen;
    });
    // A fresh connection (not a recovery): in its user room only, nothing replayed.
    expect(browser.socket.recovered).toBe(false);
    await sleep(1000);
    expect(browser.received.join()).not.toContain('after the removal');
    expect(await emitWithAck(browser.socket, 'threads.join', { threadId })).toMatchObject({ ok: false });
  }, 60_000);
});
