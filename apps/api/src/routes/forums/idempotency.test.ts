/** Posting with an Idempotency-Key: a retry of the same request answers the first post and never posts twice. */
import { randomUUID } from 'node:crypto';
import { posts } from '@mep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/platform';
import { signedInClient, type SessionClient } from '../../services/testing/forum-harness';

let platform: TestPlatform;
let alice: SessionClient;
let aliceId: string;
let threadId: number;

const postsWithKey = async (key: string) => platform.context.db.select().from(posts).where(eq(posts.idempotencyKey, key)).all();
const reply = (client: SessionClient, body: string, key?: string, thread = threadId) =>
  client.request('POST', `/api/threads/${thread}/posts`, { body }, { headers: key === undefined ? {} : { 'Idempotency-Key': key } });

beforeAll(async () => {
  platform = await startTestPlatform();
  ({ client: alice, userId: aliceId } = await signedInClient(platform.context.db, platform.url, 'member', 'Alice'));
  threadId = (await alice.post('/api/forums/asgm/threads', { title: 'Retries', body: 'Opening', concepts: [], documentIds: [] })).body.thread.id;
}, 180_000);
afterAll(async () => platform?.close());

describe('Idempotency-Key on posting', () => {
  it('a retried reply answers the first post; the thread holds it once', async () => {
    const key = randomUUID();
    const first = await reply(alice, 'Retort first.', key);
    expect(first.status).toBe(200);
    const again = await reply(alice, 'Retort first.', `"${key}"`);
    expect(again.status).toBe(200);
    expect(again.body.post).toEqual(first.body.post);
    expect(await postsWithKey(key)).toHaveLength(1);
    expect((await alice.get(`/api/threads/${threadId}`)).body.thread.postCount).toBe(2);
  });

  it('concurrent requests with one key (a retry racing its original) create one post and all answer it', async () => {
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => reply(alice, 'Raced.', key)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.post.id)).size).toBe(1);
    expect(await postsWithKey(key)).toHaveLength(1);
  });

  it('a new thread replays too; keys are per author; without a key every request posts', async () => {
    const key = randomUUID();
    const body = { title: 'Once only', body: 'First of its name', concepts: [], documentIds: [] };
    const started = await alice.request('POST', '/api/forums/asgm/threads', body, { headers: { 'Idempotency-Key': key } });
    const retried = await alice.request('POST', '/api/forums/asgm/threads', body, { headers: { 'Idempotency-Key': key } });
    expect(retried.status).toBe(200);
    expect(retried.body.thread.id).toBe(started.body.thread.id);
    expect(retried.body.post.id).toBe(started.body.post.id);

    // Another author may use the same key: it is theirs alone.
    const { client: bob } = await signedInClient(platform.context.db, platform.url, 'member', 'Bob');
    expect((await reply(bob, 'Same key, other author.', key)).body.post.id).not.toBe(started.body.post.id);
    expect((await postsWithKey(key)).map((p) => p.authorId)).toContain(aliceId);
    expect(await postsWithKey(key)).toHaveLength(2);
  });

  it('hostile or mistaken keys: malformed is a 400, reused for another request is a 422, nothing posted', async () => {
    // A fresh author: five posts a minute each, and Alice has used hers.
    const { client: carol } = await signedInClient(platform.context.db, platform.url, 'member', 'Carol');
    const { client: moderator } = await signedInClient(platform.context.db, platform.url, 'moderator');
    const before = (await carol.get(`/api/threads/${threadId}`)).body.thread.postCount;
    for (const bad of ['', ' ', 'with space', 'x'.repeat(201), 'ünïcode']) {
      const answer = await reply(carol, 'bad key', bad);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(answer.body.error.code).toBe('invalid_request');
    }
    const key = randomUUID();
    expect((await reply(carol, 'The original text.', key)).status).toBe(200);
    const otherText = await reply(carol, 'Another text.', key);
    expect(otherText.status).toBe(422);
    expect(otherText.body.error.code).toBe('idempotency_key_reused');
    const otherThread = (await moderator.post('/api/forums/asgm/threads', { title: 'Elsewhere', body: 'x', concepts: [], documentIds: [] })).body.thread.id;
    expect((await reply(carol, 'The original text.', key, otherThread)).status).toBe(422);
    expect((await carol.get(`/api/threads/${threadId}`)).body.thread.postCount).toBe(before + 1);
  });
});
