/**
 * Issue 14 through the real API: dashboard figures agree with the search facets, search events are
 * anonymous and expire, the curators' report counts zero-result queries and clicks, feedback reaches the
 * queue, and hostile input gets a clear 4xx.
 */
import { join } from 'node:path';
import { feedback, notifications, searchClicks, searchEvents } from '@mep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../src/http/rate-limits';
import { deleteExpiredSearchEvents, flushSearchAnalytics } from '../src/services/insight/search-events';
import { SessionClient, signedInClient } from '../src/services/testing/forum-harness';
import { fixturesDir, startTestPlatform, type TestPlatform } from './platform';

let platform: TestPlatform;
let documentId: string;
const files = ['en-products-guide.pdf', 'es-plan-de-accion.html', 'fr-orientations.docx', 'ar-mercury.txt', 'reports/en-ghana-full.pdf', 'reports/es-mexico-full.docx', 'reports/en-kenya-messy.pdf'];

beforeAll(async () => {
  platform = await startTestPlatform({ ingest: files.map((f) => join(fixturesDir, f)) });
  documentId = platform.outcomes.find((o) => o.documentId)!.documentId!;
}, 240_000);
afterAll(async () => platform?.close());

const search = (query: string, headers: Record<string, string> = {}) => fetch(`${platform.url}/api/search?${query}`, { headers }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

describe('dashboards', () => {
  it('agree with the search facets for the same corpus, bar by bar', async () => {
    const { body: coverage } = await platform.get('/api/dashboards/coverage');
    const { body: all } = await search('pageSize=0');
    expect(coverage.total).toBe(all.total);
    expect(coverage.total).toBeGreaterThan(0);
    for (const facet of ['theme', 'article', 'doctype', 'party', 'region', 'lang', 'year'] as const) {
      expect(Object.fromEntries(coverage.figures[facet].map((b: any) => [b.id, b.count])), facet).toEqual(all.facets[facet]);
    }
    // Each bar's link is the search that finds exactly that many documents (groups and parties included).
    const bars = [...coverage.figures.theme.slice(0, 3), ...coverage.figures.doctype.slice(0, 2), ...coverage.figures.group, ...coverage.figures.year.slice(0, 2)];
    expect(coverage.figures.group.length).toBeGreaterThan(0);
    for (const bar of bars) expect((await search(`${bar.search}&pageSize=0`)).body.total, bar.id).toBe(bar.count);
    const withReport = coverage.parties.find((p: any) => p.nationalReports > 0);
    expect(withReport).toBeDefined();
    expect((await search(`party=${withReport.id}&doctype=doctype:national-report&pageSize=0`)).body.total).toBe(withReport.nationalReports);
  });

  it('serves every figure as CSV and lists the JSON routes in the OpenAPI document', async () => {
    const response = await fetch(`${platform.url}/api/dashboards/csv/theme?lang=ar`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await response.text()).split('\r\n')[0]).toBe('id,label,documents'); // fetch's text() drops the BOM
    expect((await fetch(`${platform.url}/api/dashboards/csv/nonsense`)).status).toBe(400);
    const { body: openApi } = await platform.get('/api/openapi.json');
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/api/dashboards/coverage', '/api/dashboards/forum-activity', '/api/insight/search']));
  });
});

describe('search analytics', () => {
  it('stores the normalised query, UI language, filters and result count — and nothing personal', async () => {
    const { client, userId } = await signedInClient(platform.context.db, platform.url, 'member');
    client.headers['x-mep-ui-lang'] = 'fr';
    const answer = await client.get('/api/search?q=%20%20Mercury%20%20PRODUCTS&lang=en');
    expect(answer.status).toBe(200);
    expect(answer.body.searchId).toMatch(/^[0-9a-f-]{36}$/);
    await flushSearchAnalytics(platform.context);
    const row = await platform.context.db.select().from(searchEvents).where(eq(searchEvents.id, answer.body.searchId)).get();
    expect(row).toMatchObject({ query: 'mercury products', uiLang: 'fr', filters: { lang: ['en'] }, resultCount: answer.body.total });
    expect(Object.keys(row!).sort()).toEqual(['createdAt', 'filters', 'id', 'query', 'resultCount', 'uiLang']);
    const stored = JSON.stringify(row);
    for (const secret of [userId, '127.0.0.1', ...client.cookies.values()]) expect(stored).not.toContain(secret);
  });

  it('counts zero-result queries, click-through and the rank of the opened result', async () => {
    const nothing = await search('q=zzqx+unobtainium', { 'x-mep-ui-lang': 'ar' });
    expect(nothing.body.total).toBe(0);
    const some = await search('q=mercury', { 'x-mep-ui-lang': 'en' });
    expect(some.body.hits.length).toBeGreaterThanOrEqual(3);
    const client = new SessionClient(platform.url);
    expect((await client.post('/api/search/clicks', { searchId: some.body.searchId, documentId: some.body.hits[2].documentId, rank: 3 })).status).toBe(200);
    await flushSearchAnalytics(platform.context);
    const { client: curator } = await signedInClient(platform.context.db, platform.url, 'moderator');
    const report = (await curator.get('/api/insight/search')).body;
    expect(report.zeroResultQueries).toContainEqual({ query: 'zzqx unobtainium', searches: 1, clicks: 0, meanRank: null });
    expect(report.topQueries).toContainEqual({ query: 'mercury', searches: 1, clicks: 1, meanRank: 3 });
    expect(report.meanRank).toBe(3);
    expect(report.searchesWithClick).toBe(1);
    expect(report.languages).toContainEqual({ uiLang: 'ar', searches: 1 });
    expect(report.filters).toContainEqual({ facet: 'lang', value: 'en', searches: 1 });
  });

  it('neutralises CSV injection and keeps 500-character queries in every script', async () => {
    for (const q of ['=HYPERLINK("http://evil")', '+zzq1', '@SUM(A1)', '-zzq2', 'ز'.repeat(500), '汞'.repeat(500), 'Ртуть '.repeat(83) + 'ab']) {
      expect((await search(`q=${encodeURIComponent(q)}`)).status, q.slice(0, 10)).toBe(200);
    }
    expect((await search(`q=${'a'.repeat(501)}`)).status).toBe(400);
    await flushSearchAnalytics(platform.context);
    const { client: curator } = await signedInClient(platform.context.db, platform.url, 'admin');
    const csv = (await curator.get('/api/insight/search/csv?table=zero')).body as string;
    expect(csv).toContain(`"'=hyperlink(""http://evil"")",1,0,`);
    expect(csv).toContain("'@sum(a1),1,0,");
    expect(csv).toContain("'+zzq1");
    // "-word" is a negation for Meilisearch: it finds documents, so it is among the top queries.
    expect((await curator.get('/api/insight/search/csv?table=top')).body).toContain("'-zzq2");
    expect(csv.split('\r\n').some((line) => /^[=+\-@]/.test(line))).toBe(false);
    const report = (await curator.get('/api/insight/search')).body;
    expect(report.topQueries.map((r: any) => r.query)).toContain('汞'.repeat(500));
  });

  it('answers 400 to a period of a thousand years or an inverted one', async () => {
    const { client: curator } = await signedInClient(platform.context.db, platform.url, 'moderator');
    const long = await curator.get('/api/insight/search?from=1026-01-01&to=2026-01-01');
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/limited/);
    const inverted = await curator.get('/api/insight/search?from=2026-05-01&to=2026-04-01');
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.message).toMatch(/inverted/);
    expect((await curator.get('/api/insight/search?from=2026-02-31')).status).toBe(400);
  });

  it('deletes events older than the retention period', async () => {
    const { db } = platform.context;
    const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
    await db.insert(searchEvents).values({ id: '11111111-1111-4111-8111-111111111111', createdAt: old, query: 'old', uiLang: 'en', filters: {}, resultCount: 1 }).run();
    await db.insert(searchClicks).values({ searchId: '11111111-1111-4111-8111-111111111111', documentId: 'x', rank: 1, createdAt: old }).run();
    const before = (await db.select().from(searchEvents).all()).length;
    expect(platform.context.config.searchAnalytics.retentionDays).toBe(365);
    expect(await deleteExpiredSearchEvents(platform.context)).toBe(1);
    expect((await db.select().from(searchEvents).all()).length).toBe(before - 1);
    expect(await db.select().from(searchClicks).where(eq(searchClicks.searchId, '11111111-1111-4111-8111-111111111111')).all()).toEqual([]);
  });
});

describe('reader feedback', () => {
  it('takes a "no" with a comment and a problem report into the curators’ queue; the answer reaches the reporter', async () => {
    const anonymous = new SessionClient(platform.url);
    const comment = '<script>alert(1)</script><img src=x onerror=alert(2)> not what I needed';
    const no = await anonymous.post('/api/feedback', { kind: 'useful', documentId, useful: false, comment, uiLang: 'es' });
    expect(no.status).toBe(200);
    const { client: reader, userId } = await signedInClient(platform.context.db, platform.url, 'member');
    const problem = await reader.post('/api/feedback', { kind: 'problem', documentId, category: 'tag', comment: 'Wrong theme' });
    expect(problem.status).toBe(200);
    const { client: curator, userId: curatorId } = await signedInClient(platform.context.db, platform.url, 'moderator');
    const queue = (await curator.get('/api/insight/feedback?status=open')).body.items;
    expect(queue.find((i: any) => i.id === no.body.id)).toMatchObject({ useful: false, comment, documentId, signedIn: false });
    expect(queue.find((i: any) => i.id === problem.body.id)).toMatchObject({ kind: 'problem', category: 'tag', signedIn: true });
    const answered = await curator.post(`/api/insight/feedback/${problem.body.id}`, { answer: 'Fixed, thank you.', close: true });
    expect(answered.body).toMatchObject({ status: 'closed', answer: 'Fixed, thank you.' });
    const note = await platform.context.db.select().from(notifications).where(eq(notifications.userId, userId)).all();
    expect(note).toContainEqual(expect.objectContaining({ kind: 'feedback.answered', postId: problem.body.id, actorId: curatorId }));
    expect((await reader.get('/api/feedback/mine')).body.items[0]).toMatchObject({ answer: 'Fixed, thank you.' });
    expect((await reader.get('/api/notifications')).status).toBe(200);
  });

  it('rejects unknown documents and bad categories, and stops a flood with 429', async () => {
    const client = new SessionClient(platform.url);
    client.headers['x-forwarded-for'] = '203.0.113.9';
    expect((await client.post('/api/feedback', { kind: 'problem', documentId, category: 'rude' })).status).toBe(400);
    expect((await client.post('/api/feedback', { kind: 'useful', documentId, useful: true, comment: 'x'.repeat(2001) })).status).toBe(400);
    const flood = new SessionClient(platform.url);
    let last = 0;
    let lastBody: any;
    for (let i = 0; i <= RATE_LIMITS.feedback.limit + 1; i++) ({ status: last, body: lastBody } = await flood.post('/api/feedback', { kind: 'useful', useful: true }));
    expect(last).toBe(429);
    expect(lastBody.error.code).toBe('rate_limited');
    const rows = await platform.context.db.select().from(feedback).all();
    expect(rows.length).toBeLessThan(40);
  });
});
