/**
 * Finding 1 over HTTP: a member's hostile Markdown must neither freeze the server nor be stored half
 * done. Preview, new threads, replies and edits all render in the time-bounded worker pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient, type SessionClient } from '../../src/services/testing/forum-harness';
import { startTestPlatform, type TestPlatform } from '../platform';

const REDOS = '[a]('.repeat(5000);
/** Large but ordinary Markdown: never renders within a 1 ms budget. */
const HEAVY = '> [a](https://example.org/b) **c** _d_ `e`\n'.repeat(450);

let platform: TestPlatform;
let strict: TestPlatform;
let member: SessionClient;
let strictMember: SessionClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  member = (await signedInClient(platform.context.db, platform.url, 'member')).client;
  // Same platform code, a 1 ms budget: every real text is "too complex".
  strict = await startTestPlatform({ configure: (config) => ({ ...config, markdownBudgetMs: 1 }) });
  strictMember = (await signedInClient(strict.context.db, strict.url, 'member')).client;
}, 180_000);
afterAll(async () => {
  await platform?.close();
  await strict?.close();
});

describe('Markdown rendering has a time budget', () => {
  it('previews the unclosed-link payload while other requests keep being answered', async () => {
    const preview = member.post('/api/markdown/preview', { body: REDOS });
    const health = await platform.get('/api/health');
    expect(health.status).toBe(200);
    const answer = await preview;
    expect(answer.status).toBe(200);
    expect(answer.body.html).toContain('[a](');
  }, 60_000);

  it('posts a thread whose title and body are the payload', async () => {
    const created = await member.post('/api/forums/asgm/threads', { title: REDOS.slice(0, 200), body: REDOS, concepts: [], documentIds: [] });
    expect(created.status).toBe(200);
    expect(created.body.thread.title).toBe(REDOS.slice(0, 200));
    const threadId = created.body.thread.id;
    const reply = await member.post(`/api/threads/${threadId}/posts`, { body: REDOS });
    expect(reply.status).toBe(200);
    const edit = await member.patch(`/api/posts/${reply.body.post.id}`, { body: `edited ${REDOS.slice(7)}` });
    expect(edit.status).toBe(200);
  }, 60_000);

  it('answers 422 markdown_too_complex for preview, thread, reply and edit over budget, storing nothing', async () => {
    const expectTooComplex = (response: { status: number; body: any }) => {
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('markdown_too_complex');
    };
    expectTooComplex(await strictMember.post('/api/markdown/preview', { body: HEAVY }));
    expectTooComplex(await strictMember.post('/api/forums/asgm/threads', { title: 'Heavy', body: HEAVY, concepts: [], documentIds: [] }));
    const threads = await strictMember.get('/api/forums/asgm/threads');
    expect(threads.body.threads.map((t: { title: string }) => t.title)).not.toContain('Heavy');
    // A thread made straight in the service with a generous budget, then replies and edits over HTTP.
    const { createThread } = await import('../../src/services/threads');
    const { resolveViewer } = await import('../../src/services/sessions');
    const viewer = await resolveViewer(strict.context.db, strictMember.cookies.get('mep_session'));
    const { thread, post } = await createThread({ ...strict.context, config: { markdownBudgetMs: 30_000 } }, viewer, 'asgm', { title: 'Light', body: 'light', concepts: [], documentIds: [] });
    expectTooComplex(await strictMember.post(`/api/threads/${thread.id}/posts`, { body: HEAVY }));
    expectTooComplex(await strictMember.patch(`/api/posts/${post.id}`, { body: HEAVY }));
    const posts = await strictMember.get(`/api/threads/${thread.id}/posts`);
    expect(posts.body.posts).toHaveLength(1);
    expect(posts.body.posts[0].html).toContain('light');
  }, 60_000);
});
