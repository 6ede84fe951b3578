/**
 * The index outbox under a real outage: the Meilisearch child process is killed (SIGKILL) while the
 * platform serves, members post, edit and hide, a file is ingested; then Meilisearch is started again
 * on the same data folder and port, and search catches up with everything without a reindex — curators'
 * corrections and withdrawals too (a withdrawal lost to the outage would leave the document findable).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchOutbox } from '@mep/db';
import { findFreePort, ingestFiles, startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '@mep/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient, type SessionClient } from '../../src/services/testing/forum-harness';
import { fixturesDir, startTestPlatform, type TestPlatform } from '../platform';

const meiliDir = mkdtempSync(join(tmpdir(), 'mep-outbox-meili-'));
const masterKey = 'outbox-test-master-key-0123456789';
let port = 0;
let meili: EmbeddedMeilisearch;
let platform: TestPlatform;
let member: SessionClient;
let moderator: SessionClient;
let curator: SessionClient;

const startMeili = () => startEmbeddedMeilisearch({ dataDir: meiliDir, port, masterKey });

beforeAll(async () => {
  port = await findFreePort();
  meili = await startMeili();
  platform = await startTestPlatform({ env: { MEILI_URL: meili.url, MEILI_MASTER_KEY: masterKey, MEP_SEARCH_RETRY_MAX_MS: '1000', MEP_RATE_LIMIT_SCALE: '100' } });
  member = (await signedInClient(platform.context.db, platform.url, 'member', 'Outage Member')).client;
  moderator = (await signedInClient(platform.context.db, platform.url, 'moderator', 'Outage Moderator')).client;
  curator = (await signedInClient(platform.context.db, platform.url, 'curator', 'Outage Curator')).client;
}, 120_000);

afterAll(async () => {
  await platform?.close();
  await meili?.stop();
  rmSync(meiliDir, { recursive: true, force: true });
});

const discussions = async (word: string) => (await platform.get(`/api/discussions/search?q=${word}`)).body as { total: number; hits: { postId: number }[] };
const searchIds = async (q: string) => ((await platform.get(`/api/search?q=${encodeURIComponent(q)}`)).body as { hits: { documentId: string }[] }).hits.map((h) => h.documentId);
const outboxRows = async () => (await platform.context.db.select().from(searchOutbox).all()).length;

describe('search outbox with Meilisearch killed and restarted', () => {
  it('keeps every change while Meilisearch is down and applies it when it is back', async () => {
    const [toWithdraw, toRetitle] = await ingestFiles([join(fixturesDir, 'es-plan-de-accion.html'), join(fixturesDir, 'zh-mercury.html')], platform.context);
    expect([toWithdraw?.status, toRetitle?.status]).toEqual(['ingested', 'ingested']);
    const before = await member.post('/api/forums/asgm/threads', { title: 'Retort quartzite', body: 'Before the outage: pumice retorts.', concepts: [], documentIds: [] });
    expect(before.status).toBe(200);
    const threadId = before.body.thread.id as number;
    await platform.context.searchOutbox.idle();
    expect((await discussions('pumice')).total).toBe(1);
    expect(await searchIds('minería artesanal')).toContain(toWithdraw!.documentId);

    // The real child process dies without a chance to flush anything.
    process.kill(meili.pid, 'SIGKILL');
    await meili.stop();

    const reply = await member.post(`/api/threads/${threadId}/posts`, { body: 'During the outage: basalt amalgam.' });
    expect(reply.status).toBe(200);
    const edited = await member.patch(`/api/posts/${before.body.post.id}`, { body: 'Edited during the outage: obsidian retorts.' });
    expect(edited.status).toBe(200);
    const second = await member.post('/api/forums/asgm/threads', { title: 'Second thread gneiss', body: 'Gneiss and mercury.', concepts: [], documentIds: [] });
    expect(second.status).toBe(200);
    const toHide = await member.post(`/api/threads/${threadId}/posts`, { body: 'Spam about marble.' });
    expect((await moderator.post(`/api/posts/${toHide.body.post.id}/hide`, {})).status).toBe(200);
    const withdrawn = await curator.post(`/api/documents/${toWithdraw!.documentId}/review`, { decision: 'withdraw', reason: 'Superseded' });
    expect(withdrawn.status).toBe(200);
    const metadata = (await curator.get(`/api/documents/${toRetitle!.documentId}`)).body as { version: number };
    const retitled = await curator.patch(`/api/documents/${toRetitle!.documentId}`, { version: metadata.version, title: 'Lepidolite survey of mercury' });
    expect(retitled.status).toBe(200);
    const [outcome] = await ingestFiles([join(fixturesDir, 'ru-mercury.md')], platform.context);
    expect(outcome).toMatchObject({ status: 'ingested' });
    expect(outcome!.flags.join(' ')).toMatch(/not-indexed/);

    // Nothing was lost: the changes wait in the outbox, and the lag shows on /metrics' gauge source.
    expect(await outboxRows()).toBeGreaterThanOrEqual(7);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await platform.context.searchOutbox.lagSeconds()).toBeGreaterThanOrEqual(1);

    meili = await startMeili();
    await platform.context.searchOutbox.idle(90_000);
    expect(await outboxRows()).toBe(0);
    expect(await platform.context.searchOutbox.lagSeconds()).toBe(0);

    expect((await discussions('pumice')).total).toBe(0);
    // The thread's title is indexed with each of its visible posts: the first, the reply (not the hidden one).
    expect((await discussions('quartzite')).total).toBe(2);
    expect((await discussions('obsidian')).hits.map((h) => h.postId)).toEqual([before.body.post.id]);
    expect((await discussions('basalt')).hits.map((h) => h.postId)).toEqual([reply.body.post.id]);
    expect((await discussions('gneiss')).total).toBe(1);
    expect((await discussions('marble')).total).toBe(0);
    expect(await searchIds('lepidolite')).toEqual([toRetitle!.documentId]);
    expect(await searchIds('minería artesanal')).not.toContain(toWithdraw!.documentId);
    const document = await platform.context.search.documents.getDocument(outcome!.documentId!);
    expect(document.id).toBe(outcome!.documentId);
  }, 180_000);

  it('claims each row once when several workers run on one database', async () => {
    const { createSearchOutboxWorker, enqueueSearchUpdates } = await import('@mep/ingest');
    const { db } = platform.context;
    // The platform's own worker would take rows too (and is not one of the three counted here).
    await platform.context.searchOutbox.stop();
    await enqueueSearchUpdates(db, 'document', Array.from({ length: 60 }, (_, i) => `claim-test-${i}`));
    const seen: string[] = [];
    const workers = Array.from({ length: 3 }, () => {
      const worker = createSearchOutboxWorker(db, { batchSize: 7 });
      worker.handle('document', async (ids) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(...ids.filter((id) => id.startsWith('claim-test-')));
      });
      return worker;
    });
    await Promise.all(workers.map((worker) => worker.drain()));
    expect(seen.sort()).toEqual(Array.from({ length: 60 }, (_, i) => `claim-test-${i}`).sort());
    expect(await outboxRows()).toBe(0);
  });
});
