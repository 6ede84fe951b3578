import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/platform';
import { connected, emitWithAck, nextEvent, SessionClient, signedInClient, sleep, type ClientSocket } from '../services/testing/forum-harness';
import type { PostDto } from './events';
import { MAX_ROOMS_PER_SOCKET, MAX_SOCKET_MESSAGE_BYTES } from './gateway';

let platform: TestPlatform;
let admin: SessionClient;
let alice: SessionClient;
let bob: SessionClient;
let aliceId: string;
let threadId: number;
let privateThreadId: number;
const sockets: ClientSocket[] = [];

function open(client: SessionClient, options?: Parameters<SessionClient['socket']>[0]): ClientSocket {
  const socket = client.socket(options);
  sockets.push(socket);
  return socket;
}

/** Counts every `posts.created` a socket receives, by post id. */
function collectPosts(socket: ClientSocket): Map<number, number> {
  const seen = new Map<number, number>();
  socket.on('posts.created', ({ post }) => seen.set(post.id, (seen.get(post.id) ?? 0) + 1));
  return seen;
}

/** The socket without the typed event map, to send what a hostile client would. */
const untyped = (socket: ClientSocket) => socket as unknown as { emit(event: string, ...args: unknown[]): void };

const serverSocketCount = () => platform.server.realtime.io.of('/').sockets.size;

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

beforeAll(async () => {
  platform = await startTestPlatform();
  const { db } = platform.context;
  admin = (await signedInClient(db, platform.url, 'admin')).client;
  ({ client: alice, userId: aliceId } = await signedInClient(db, platform.url, 'member', 'Alice'));
  bob = (await signedInClient(db, platform.url, 'moderator', 'Bob')).client;
  threadId = (await alice.post('/api/forums/asgm/threads', { title: 'Live thread', body: 'Opening post', concepts: [], documentIds: [] })).body.thread.id;
  await admin.post('/api/forums', { id: 'wg-private', title: { en: 'Private group' }, visibility: 'private' });
  privateThreadId = (await admin.post('/api/forums/wg-private/threads', { title: 'Secret', body: 'Members only', concepts: [], documentIds: [] })).body.thread.id;
}, 180_000);
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => platform?.close());

describe('delivery', () => {
  it('a reader in the thread room gets each new post exactly once, after commit', async () => {
    const reader = open(new SessionClient(platform.url));
    const seen = collectPosts(reader);
    const join = await emitWithAck(reader, 'threads.join', { threadId });
    expect(join).toMatchObject({ ok: true, threadId });
    expect(join.lastPostId).toBeGreaterThan(0);
    const arrived = nextEvent<{ post: PostDto }>(reader, 'posts.created');
    const reply = await bob.post(`/api/threads/${threadId}/posts`, { body: 'Live **reply** <script>x</script>' });
    const { post } = await arrived;
    expect(post.id).toBe(reply.body.post.id);
    expect(post.html).toContain('<strong>reply</strong>');
    expect(post.html).not.toContain('<script');
    expect(post.body).toBeUndefined();
    await sleep(100);
    expect(seen.get(post.id)).toBe(1);
  });

  it('announces new threads to the forum room and notifications (with the unread count) to the user', async () => {
    const watcher = open(alice);
    await connected(watcher);
    expect(await emitWithAck(watcher, 'forums.join', { forumId: 'asgm' })).toEqual({ ok: true, forumId: 'asgm' });
    const threadAnnounced = nextEvent(watcher, 'threads.created');
    await bob.post('/api/forums/asgm/threads', { title: 'Another live thread', body: 'x', concepts: [], documentIds: [] });
    expect((await threadAnnounced).thread.title).toBe('Another live thread');

    // Alice follows her own thread: Bob's reply reaches her user room without any join.
    const notified = nextEvent(watcher, 'notifications.created');
    await bob.post(`/api/threads/${threadId}/posts`, { body: 'ping Alice' });
    const { notification, unreadCount } = await notified;
    expect(notification).toMatchObject({ kind: 'post.created', threadId, read: false });
    expect(unreadCount).toBeGreaterThan(0);
    const readEvent = nextEvent(watcher, 'notifications.read');
    await alice.post('/api/notifications/read', { all: true });
    expect((await readEvent).unreadCount).toBe(0);
  });

  it('updates (hide) reach the room without the hidden text', async () => {
    const reader = open(new SessionClient(platform.url));
    await emitWithAck(reader, 'threads.join', { threadId });
    const { body } = await alice.post(`/api/threads/${threadId}/posts`, { body: 'to be hidden' });
    const updated = nextEvent(reader, 'posts.updated');
    await bob.post(`/api/posts/${body.post.id}/hide`, { reason: 'test' });
    expect((await updated).post).toMatchObject({ id: body.post.id, status: 'hidden', html: '' });
  });

  it('presence counts and typing indicators', async () => {
    const a = open(alice);
    const b = open(bob);
    await Promise.all([connected(a), connected(b)]);
    const presence = nextEvent(a, 'presence.count', 3000, (p) => p.count === 2);
    await emitWithAck(a, 'threads.join', { threadId });
    await emitWithAck(b, 'threads.join', { threadId });
    expect(await presence).toEqual({ threadId, count: 2 });
    const typing = nextEvent(b, 'typing');
    expect(await emitWithAck(a, 'typing', { threadId })).toEqual({ ok: true });
    expect((await typing).user).toEqual({ id: aliceId, displayName: 'Alice' });

    const anonymous = open(new SessionClient(platform.url));
    await emitWithAck(anonymous, 'threads.join', { threadId });
    expect(await emitWithAck(anonymous, 'typing', { threadId })).toMatchObject({ ok: false, error: { code: 'authentication_required' } });
  });
});

describe('authorization of joins', () => {
  it('re-checks the policy on every join: private rooms only for members', async () => {
    const outsider = open(alice);
    expect(await emitWithAck(outsider, 'forums.join', { forumId: 'wg-private' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await emitWithAck(outsider, 'threads.join', { threadId: privateThreadId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Membership granted after the handshake counts at the next join, on the same connection.
    await admin.put(`/api/forums/wg-private/members/${aliceId}`);
    expect(await emitWithAck(outsider, 'threads.join', { threadId: privateThreadId })).toMatchObject({ ok: true });
    await admin.del(`/api/forums/wg-private/members/${aliceId}`);
    expect(await emitWithAck(outsider, 'forums.join', { forumId: 'wg-private' })).toMatchObject({ ok: false });
    // Removal also takes the live connection out of the forum's rooms: nothing more reaches it.
    const leaked = collectPosts(outsider);
    await sleep(100);
    await admin.post(`/api/threads/${privateThreadId}/posts`, { body: 'after removal' });
    await sleep(500);
    expect(leaked.size).toBe(0);
    const anonymous = open(new SessionClient(platform.url));
    expect(await emitWithAck(anonymous, 'threads.join', { threadId: privateThreadId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('ignores a forged cookie and disconnects sockets of a session that signs out', async () => {
    const forged = new SessionClient(platform.url);
    forged.cookies.set('mep_session', 'forged-token');
    const forgedSocket = open(forged);
    await connected(forgedSocket);
    expect(await emitWithAck(forgedSocket, 'typing', { threadId })).toMatchObject({ ok: false, error: { code: 'authentication_required' } });

    const { client: carol } = await signedInClient(platform.context.db, platform.url, 'member', 'Carol');
    const socket = open(carol, { reconnection: false });
    await connected(socket);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    await carol.post('/api/auth/sign-out');
    expect(await gone).toBe('io server disconnect');
  });

  it('rejects browser sockets from another origin', async () => {
    const { io } = await import('socket.io-client');
    const foreign = io(platform.url, { transports: ['polling'], extraHeaders: { origin: 'https://evil.example', cookie: alice.cookieHeader }, reconnection: false, forceNew: true });
    sockets.push(foreign as ClientSocket);
    const error = await new Promise<Error>((resolve) => foreign.once('connect_error', resolve));
    expect(error).toBeInstanceOf(Error);
  });
});

describe('recovery after a dropped connection', () => {
  it('replays missed posts once on reconnection (connection state recovery)', async () => {
    const reader = open(new SessionClient(platform.url), { reconnection: false });
    const seen = collectPosts(reader);
    await connected(reader);
    const presence = nextEvent(reader, 'presence.count');
    await emitWithAck(reader, 'threads.join', { threadId });
    // The join's first broadcast gives the client the offset it resumes from.
    await presence;
    const before = serverSocketCount();
    // Kill the transport as a network drop would (not a clean disconnect, which discards the session).
    reader.io.engine.close();
    await until(() => serverSocketCount() === before - 1);
    const missed = [
      (await bob.post(`/api/threads/${threadId}/posts`, { body: 'missed 1' })).body.post.id,
      (await bob.post(`/api/threads/${threadId}/posts`, { body: 'missed 2' })).body.post.id,
    ];
    reader.connect();
    await connected(reader);
    expect(reader.recovered).toBe(true);
    await until(() => missed.every((id) => seen.has(id)));
    const live = (await bob.post(`/api/threads/${threadId}/posts`, { body: 'after' })).body.post.id;
    await until(() => seen.has(live));
    await sleep(100);
    for (const id of [...missed, live]) expect(seen.get(id)).toBe(1);
  });

  it('falls back to re-fetching after the last seen id when the session cannot be recovered', async () => {
    const reader = open(new SessionClient(platform.url));
    const join = await emitWithAck(reader, 'threads.join', { threadId });
    reader.disconnect(); // a clean disconnect: the server forgets the session
    const missed = (await bob.post(`/api/threads/${threadId}/posts`, { body: 'missed while away' })).body.post.id;
    const again = open(new SessionClient(platform.url));
    await connected(again);
    expect(again.recovered).toBe(false);
    const rejoin = await emitWithAck(again, 'threads.join', { threadId });
    expect(rejoin.lastPostId).toBeGreaterThanOrEqual(missed);
    const { body } = await platform.get(`/api/threads/${threadId}/posts?after=${join.lastPostId}`);
    expect(body.posts.map((p: PostDto) => p.id)).toEqual([missed]);
  });
});

describe('hostile and malformed socket payloads', () => {
  it('answers an error ack and keeps serving', async () => {
    const socket = open(alice);
    await connected(socket);
    const payloads: unknown[] = [null, 'thread', 42, [], {}, { threadId: '1; drop table' }, { threadId: -1 }, { threadId: 1.5 }, { threadId: 1e300 }, { threadId, extra: 'x' }, JSON.parse('{"__proto__":{"admin":true},"threadId":1}'), { threadId: { $gt: 0 } }];
    for (const payload of payloads) {
      const ack = await emitWithAck(socket, 'threads.join', payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    expect(await emitWithAck(socket, 'forums.join', { forumId: 'x'.repeat(1000) })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await emitWithAck(socket, 'threads.join', { threadId: 999_999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // No ack callback, unknown events, binary: ignored without a crash.
    const raw = untyped(socket);
    raw.emit('threads.join', { threadId: 'nope' });
    raw.emit('typing', { threadId });
    raw.emit('no.such.event', { a: 1 });
    raw.emit('threads.join', Buffer.from([1, 2, 3]), () => undefined);
    expect(await emitWithAck(socket, 'threads.join', { threadId })).toMatchObject({ ok: true });
  });

  it('drops a connection that sends an oversized message, and nothing else', async () => {
    const hostile = open(alice, { reconnection: false });
    const healthy = open(bob);
    await Promise.all([connected(hostile), connected(healthy)]);
    const closed = new Promise<string>((resolve) => hostile.once('disconnect', (reason) => resolve(reason)));
    untyped(hostile).emit('threads.join', { threadId, pad: 'x'.repeat(MAX_SOCKET_MESSAGE_BYTES * 2) });
    expect(await closed).toMatch(/close|error/);
    expect(await emitWithAck(healthy, 'threads.join', { threadId })).toMatchObject({ ok: true });
    expect((await platform.get('/api/health')).status).toBe(200);
  });

  it('bounds the number of rooms a connection may join', async () => {
    const socket = open(alice);
    const forums: string[] = (await platform.get('/api/forums')).body.forums.map((f: { id: string }) => f.id);
    const threads: number[] = [];
    // Bob is a moderator, so the posting rate limit does not apply.
    for (let i = 0; i < 45; i++) threads.push((await bob.post('/api/forums/asgm/threads', { title: `Room ${i}`, body: 'x', concepts: [], documentIds: [] })).body.thread.id);
    const results = [];
    for (const forumId of forums) results.push(await emitWithAck(socket, 'forums.join', { forumId }));
    for (const id of threads) results.push(await emitWithAck(socket, 'threads.join', { threadId: id }));
    const ok = results.filter((r) => r.ok).length;
    expect(ok).toBe(MAX_ROOMS_PER_SOCKET);
    expect(results.filter((r) => !r.ok).every((r) => r.error.code === 'too_many_rooms')).toBe(true);
    // Joining a room it is already in costs nothing.
    expect(await emitWithAck(socket, 'forums.join', { forumId: forums[0] })).toMatchObject({ ok: true });
  });
});
