import { documents } from '@mep/db';
import { RATE_LIMITS } from '../../http/rate-limits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/platform';
import { seedThemeForums } from '../../services/forums';
import { SessionClient, signedInClient, sleep } from '../../services/testing/forum-harness';

let platform: TestPlatform;
let admin: SessionClient;
let moderator: SessionClient;
let alice: SessionClient;
let bob: SessionClient;
let aliceId: string;
let bobId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  const { db } = platform.context;
  const now = new Date().toISOString();
  await db.insert(documents)
    .values({ id: 'doc-conv', sha256: 'a'.repeat(64), fileName: 'conv.pdf', mime: 'application/pdf', kind: 'pdf', sizeBytes: 1, title: 'Minamata Convention on Mercury', language: 'en', doctype: 'doctype:convention-text', pageCount: 1, year: 2013, createdAt: now, updatedAt: now })
    .run();
  admin = (await signedInClient(db, platform.url, 'admin')).client;
  moderator = (await signedInClient(db, platform.url, 'moderator')).client;
  ({ client: alice, userId: aliceId } = await signedInClient(db, platform.url, 'member', 'Alice'));
  ({ client: bob, userId: bobId } = await signedInClient(db, platform.url, 'focal_point', 'Bob'));
}, 180_000);
afterAll(async () => platform?.close());

/** Waits until the posts index reflects what was committed. */
const indexed = () => platform.server.forums.idle();

describe('accounts, sessions and CSRF', () => {
  it('registers, signs in and out, and rejects requests without the CSRF token', async () => {
    const browser = new SessionClient(platform.url);
    const noToken = await browser.request('POST', '/api/auth/register', { email: 'carol@mep.test', password: 'a long enough password', displayName: 'Carol' }, { csrf: false });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('csrf_failed');
    const wrongToken = await browser.request('POST', '/api/auth/register', { email: 'carol@mep.test', password: 'a long enough password', displayName: 'Carol' }, { csrf: 'forged' });
    expect(wrongToken.body.error.code).toBe('csrf_failed');

    // Registration answers the same for a taken address (test/security/accounts.test.ts); then sign in.
    expect((await browser.post('/api/auth/register', { email: 'Carol@MEP.test', password: 'a long enough password', displayName: 'Carol' })).status).toBe(202);
    const registered = await browser.post('/api/auth/sign-in', { email: 'Carol@MEP.test', password: 'a long enough password' });
    expect(registered.status).toBe(200);
    expect(registered.body.user).toMatchObject({ email: 'carol@mep.test', role: 'member', displayName: 'Carol' });
    const setCookie = registered.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/mep_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/mep_session=[^;]+;.*SameSite=Lax/i);
    // The session-bound token replaced the anonymous one.
    expect(browser.cookies.get('mep_csrf')).toBe(registered.body.csrfToken);
    expect((await browser.get('/api/auth/me')).body.user.email).toBe('carol@mep.test');

    // A signed-in browser must send the session-bound token, not any matching cookie value.
    const planted = await browser.request('POST', '/api/auth/sign-out', {}, { csrf: 'planted' });
    expect(planted.body.error.code).toBe('csrf_failed');

    const duplicate = await new SessionClient(platform.url).post('/api/auth/register', { email: 'carol@mep.test', password: 'a long enough password', displayName: 'C2' });
    expect(duplicate.status).toBe(202);

    expect((await browser.post('/api/auth/sign-out')).status).toBe(200);
    expect((await browser.get('/api/auth/me')).body.user).toBeNull();

    const wrong = await browser.post('/api/auth/sign-in', { email: 'carol@mep.test', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const right = await browser.post('/api/auth/sign-in', { email: 'carol@mep.test', password: 'a long enough password' });
    expect(right.status).toBe(200);

    const laptop = new SessionClient(platform.url);
    await laptop.post('/api/auth/sign-in', { email: 'carol@mep.test', password: 'a long enough password' });
    expect((await laptop.get('/api/auth/me')).body.user).not.toBeNull();
    const everywhere = await browser.post('/api/auth/sign-out-everywhere');
    expect(everywhere.body.sessionsEnded).toBe(2);
    expect((await laptop.get('/api/auth/me')).body.user).toBeNull();
  });

  it('throttles password guessing from one network (see test/security/throttling.test.ts for the rest)', async () => {
    const guesser = new SessionClient(platform.url);
    let last = 0;
    // A spray over many accounts: no per-account delay applies, the network's allowance runs out.
    for (let i = 0; i <= RATE_LIMITS.signIn.limit; i++) last = (await guesser.post('/api/auth/sign-in', { email: `nobody-${i}@mep.test`, password: `guess ${i}` })).status;
    expect(last).toBe(429);
  });
});

describe('forums, threads and posts', () => {
  let threadId: number;

  it('seeds one forum per theme, with titles in the six languages, idempotently', async () => {
    expect(await seedThemeForums(platform.context.db, platform.context.taxonomy)).toBe(12);
    const { body } = await platform.get('/api/forums');
    const themed = body.forums.filter((f: { conceptId: string | null }) => f.conceptId?.startsWith('theme:'));
    expect(themed).toHaveLength(12);
    const asgm = themed.find((f: { id: string }) => f.id === 'asgm');
    expect(Object.keys(asgm.title).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
  });

  it('starts a thread with sanitized Markdown, concept tags and document cards', async () => {
    const created = await alice.post('/api/forums/asgm/threads', {
      title: 'Retorts in small-scale mining',
      body: 'See [the Convention](/documents/doc-conv) <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))',
      concepts: ['theme:asgm'],
      documentIds: ['doc-conv', 'unknown-doc'],
    });
    expect(created.status).toBe(200);
    threadId = created.body.thread.id;
    const { post, thread } = created.body;
    expect(thread).toMatchObject({ forumId: 'asgm', concepts: ['theme:asgm'], documentIds: ['doc-conv'], postCount: 1, following: true });
    expect(post.html).not.toMatch(/<script|onerror|javascript:/i);
    expect(post.documents).toEqual([{ id: 'doc-conv', title: 'Minamata Convention on Mercury', doctype: 'doctype:convention-text', year: 2013 }]);
    expect(post.html).toContain('class="doc-card"');

    const forDocument = await platform.get('/api/documents/doc-conv/threads');
    expect(forDocument.body.threads.map((t: { id: number }) => t.id)).toEqual([threadId]);
    const forum = await platform.get('/api/forums/asgm');
    expect(forum.body.forum).toMatchObject({ threadCount: 1, postCount: 1 });
  });

  it('never shows e-mails of other users', async () => {
    const { body } = await bob.get(`/api/threads/${threadId}/posts`);
    expect(JSON.stringify(body)).not.toContain('@mep.test');
    expect(body.posts[0].author).toEqual({ id: aliceId, displayName: 'Alice', role: 'member', party: null, deleted: false });
    expect(body.posts[0].body).toBeUndefined();
  });

  it('replies, re-fetches after an id, and limits the posting rate', async () => {
    const first = await bob.post(`/api/threads/${threadId}/posts`, { body: 'Reply **one**' });
    expect(first.status).toBe(200);
    expect(first.body.post.author).toMatchObject({ role: 'focal_point', party: 'party:BRA' });
    const after = await platform.get(`/api/threads/${threadId}/posts?after=${first.body.post.id - 1}`);
    expect(after.body.posts.map((p: { id: number }) => p.id)).toEqual([first.body.post.id]);
    let status = 0;
    let code = '';
    for (let i = 0; i < 5; i++) {
      const response = await bob.post(`/api/threads/${threadId}/posts`, { body: `Reply ${i}` });
      status = response.status;
      code = response.body.error?.code;
    }
    expect(status).toBe(429);
    expect(code).toBe('rate_limited');
  });

  it('notifies followers, live count included, and marks read', async () => {
    // Alice follows her own thread automatically; Bob replied above, so she has notifications.
    const list = await alice.get('/api/notifications');
    expect(list.body.unreadCount).toBeGreaterThan(0);
    expect(list.body.items[0]).toMatchObject({ kind: 'post.created', threadId, read: false });
    expect(list.body.items[0].actor.displayName).toBe('Bob');
    const read = await alice.post('/api/notifications/read', { all: true });
    expect(read.body.unreadCount).toBe(0);
    expect((await alice.get('/api/notifications/unread-count')).body.unreadCount).toBe(0);
  });

  it('edits keep a history; soft deletion keeps the post slot without its text', async () => {
    const { body } = await moderator.post(`/api/threads/${threadId}/posts`, { body: 'First version' });
    const postId = body.post.id;
    const edited = await moderator.patch(`/api/posts/${postId}`, { body: 'Second version' });
    expect(edited.body.post.editedAt).toBeTruthy();
    const history = await moderator.get(`/api/posts/${postId}/history`);
    expect(history.body.revisions.map((r: { body: string }) => r.body)).toEqual(['First version']);
    expect((await alice.patch(`/api/posts/${postId}`, { body: 'hijack' })).status).toBe(403);
    expect((await alice.get(`/api/posts/${postId}/history`)).status).toBe(403);
    const deleted = await moderator.del(`/api/posts/${postId}`);
    expect(deleted.body.post.status).toBe('deleted');
    const seen = await alice.get(`/api/posts/${postId}`);
    expect(seen.body.post).toMatchObject({ status: 'deleted', html: '' });
  });

  it("an author edits and deletes their own post; moderators read the versions and the author's deletion", async () => {
    const { body } = await alice.post(`/api/threads/${threadId}/posts`, { body: 'Draft: Au Burkina Faso.' });
    const postId = body.post.id;
    expect(body.post.body).toBe('Draft: Au Burkina Faso.');
    expect((await alice.patch(`/api/posts/${postId}`, { body: 'Final: Au Burkina Faso.' })).body.post.html).toContain('Final');
    expect((await alice.patch(`/api/posts/${postId}`, { body: '' })).status).toBe(400);
    const own = await alice.get(`/api/posts/${postId}/history`);
    expect(own.body.revisions.map((r: { body: string }) => r.body)).toEqual(['Draft: Au Burkina Faso.']);
    expect(own.body.events).toEqual([]);
    expect((await bob.get(`/api/posts/${postId}/history`)).status).toBe(403);
    expect((await bob.del(`/api/posts/${postId}`)).status).toBe(403);
    expect((await alice.del(`/api/posts/${postId}`)).body.post.status).toBe('deleted');
    // A deleted post is no longer the author's to edit.
    expect((await alice.patch(`/api/posts/${postId}`, { body: 'back again' })).status).toBe(403);
    const seen = await moderator.get(`/api/posts/${postId}/history`);
    expect(seen.body.revisions).toHaveLength(1);
    expect(seen.body.revisions[0].editor.displayName).toBe('Alice');
    expect(seen.body.events).toMatchObject([{ action: 'post.delete', actor: { displayName: 'Alice' } }]);
    expect(seen.body.current).toMatchObject({ status: 'deleted', body: 'Final: Au Burkina Faso.' });
  });
});

describe('moderation', () => {
  let threadId: number;
  let postId: number;

  beforeAll(async () => {
    const created = await alice.post('/api/forums/health/threads', { title: 'Fish advisories', body: 'Methylmercury in tuna: which advisories work?', concepts: [], documentIds: [] });
    threadId = created.body.thread.id;
    postId = created.body.post.id;
  });

  it('flag → queue → hide → restore, with an audit trail', async () => {
    expect((await alice.post(`/api/posts/${postId}/flags`, { reason: 'my own post' })).status).toBe(403);
    const flag = await bob.post(`/api/posts/${postId}/flags`, { reason: 'Off topic advertising' });
    expect(flag.status).toBe(200);
    expect((await bob.post(`/api/posts/${postId}/flags`, { reason: 'again' })).status).toBe(409);
    expect((await bob.get('/api/moderation/flags')).status).toBe(403);
    const queue = await moderator.get('/api/moderation/flags');
    expect(queue.body.flags.map((f: { id: number }) => f.id)).toContain(flag.body.id);

    expect((await moderator.post(`/api/moderation/flags/${flag.body.id}/resolve`, { action: 'hide' })).status).toBe(200);
    const asMember = await bob.get(`/api/posts/${postId}`);
    expect(asMember.body.post).toMatchObject({ status: 'hidden', html: '' });
    const asModerator = await moderator.get(`/api/posts/${postId}`);
    expect(asModerator.body.post.html).toContain('Methylmercury');
    await indexed();
    expect((await platform.get('/api/discussions/search?q=methylmercury')).body.total).toBe(0);

    const restored = await moderator.post(`/api/posts/${postId}/restore`, {});
    expect(restored.body.post.status).toBe('visible');
    await indexed();
    expect((await platform.get('/api/discussions/search?q=methylmercury')).body.hits[0]).toMatchObject({ postId, threadId, forumId: 'health' });

    const audit = await moderator.get('/api/moderation/audit');
    const actions = audit.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['post.hide', 'flag.resolved', 'post.restore']));
  });

  it('locks and pins threads', async () => {
    await moderator.put(`/api/threads/${threadId}/lock`, { locked: true });
    const reply = await bob.post(`/api/threads/${threadId}/posts`, { body: 'late' });
    expect([403, 429]).toContain(reply.status);
    expect((await moderator.post(`/api/threads/${threadId}/posts`, { body: 'Closing note' })).status).toBe(200);
    await moderator.put(`/api/threads/${threadId}/pin`, { pinned: true });
    await alice.post('/api/forums/health/threads', { title: 'A newer thread', body: 'newer', concepts: [], documentIds: [] });
    const list = await platform.get('/api/forums/health/threads');
    expect(list.body.threads[0]).toMatchObject({ id: threadId, pinned: true, locked: true });
  });
});

describe('private forums and discussion search', () => {
  it('hides a private working group from non-members, in lists, threads and search', async () => {
    const created = await admin.post('/api/forums', { id: 'wg-ewaste', title: { en: 'Working group on e-waste' }, visibility: 'private' });
    expect(created.status).toBe(200);
    expect((await alice.post('/api/forums', { id: 'nope', title: { en: 'x' } })).status).toBe(403);
    expect((await alice.get('/api/forums/wg-ewaste')).status).toBe(404);
    expect((await admin.put(`/api/forums/wg-ewaste/members/${aliceId}`)).status).toBe(200);
    const thread = await alice.post('/api/forums/wg-ewaste/threads', { title: 'Confidential draft', body: 'Cinnabar stockpiles draft text', concepts: [], documentIds: [] });
    expect(thread.status).toBe(200);
    await indexed();
    expect((await alice.get('/api/discussions/search?q=cinnabar')).body.total).toBe(1);
    expect((await bob.get('/api/discussions/search?q=cinnabar')).body.total).toBe(0);
    expect((await platform.get('/api/discussions/search?q=cinnabar')).body.total).toBe(0);
    expect((await bob.get(`/api/threads/${thread.body.thread.id}`)).status).toBe(404);
    expect((await bob.get('/api/forums')).body.forums.map((f: { id: string }) => f.id)).not.toContain('wg-ewaste');
  });
});

describe('privacy', () => {
  it('exports own data and deletes the account, keeping posts as "deleted user"', async () => {
    const { client: dana } = await signedInClient(platform.context.db, platform.url, 'member', 'Dana');
    const thread = await dana.post('/api/forums/emissions/threads', { title: 'Coal combustion controls', body: 'Activated carbon injection works', concepts: [], documentIds: [] });
    const exported = await dana.get('/api/users/me/export');
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.body.profile.email).toMatch(/@mep\.test$/);
    expect(exported.body.profile.passwordHash).toBeUndefined();
    expect(exported.body.posts[0].body).toBe('Activated carbon injection works');

    expect((await dana.del('/api/users/me', { password: 'wrong' })).status).toBe(401);
    expect((await dana.del('/api/users/me', { password: 'a long enough password' })).status).toBe(200);
    expect((await dana.get('/api/auth/me')).body.user).toBeNull();
    const posts = await platform.get(`/api/threads/${thread.body.thread.id}/posts`);
    expect(posts.body.posts[0].author).toMatchObject({ displayName: 'deleted user', deleted: true });
    expect(posts.body.posts[0].html).toContain('Activated carbon');
    await indexed();
    await sleep(10);
    const hits = (await platform.get('/api/discussions/search?q=activated%20carbon')).body.hits;
    expect(hits[0].authorName).toBe('deleted user');
  });

  it('lets an admin set roles (focal points need a party)', async () => {
    expect((await admin.put(`/api/users/${bobId}/role`, { role: 'focal_point' })).status).toBe(400);
    const updated = await admin.put(`/api/users/${bobId}/role`, { role: 'moderator' });
    expect(updated.body.user.role).toBe('moderator');
    expect((await alice.put(`/api/users/${bobId}/role`, { role: 'admin' })).status).toBe(403);
    await admin.put(`/api/users/${bobId}/role`, { role: 'focal_point', party: 'party:BRA' });
  });
});
