/**
 * Following a concept (issue 11 §5) over HTTP with the whole platform: following is idempotent, an unknown
 * concept is a 404, a malformed one a 400, anonymous readers get 401 and a flood 429. A document tagged with
 * a followed concept notifies its followers when it is published — by a curator, or stored as published by
 * ingest — never while it is a draft, once only, and its title is hidden again once it is withdrawn. A new
 * thread tagged with the concept notifies too (not twice, not outside a private forum), and the daily digest
 * e-mail lists the new documents in the follower's language.
 */
import { join } from 'node:path';
import { documentConcepts, users } from '@mep/db';
import { ingestFiles } from '@mep/ingest';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDailyDigests, sendQueuedEmails } from '../src/services/digest';
import { signedInClient, SessionClient } from '../src/services/testing/forum-harness';
import { fixturesDir, startTestPlatform, type TestPlatform } from './platform';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture';

let platform: TestPlatform;
let smtp: SmtpCapture;
let curator: SessionClient;
let follower: SessionClient;
let followerId: string;
let bystander: SessionClient;
let focal: SessionClient;
let focalId: string;

interface Note {
  kind: string;
  conceptId: string | null;
  threadId: number | null;
  document: { id: string; title: string } | null;
}
const notes = async (client: SessionClient): Promise<Note[]> => (await client.get('/api/notifications?limit=100')).body.items;

/** The concept the tagger found most in a document (what a follower picks from the document page). */
async function topConcept(documentId: string): Promise<string> {
  const rows = await platform.context.db.select({ id: documentConcepts.conceptId }).from(documentConcepts).where(eq(documentConcepts.documentId, documentId)).orderBy(desc(documentConcepts.score)).all();
  const concept = rows.map((r) => r.id).find((id) => id.startsWith('theme:') || id.startsWith('article:'));
  expect(concept, `document ${documentId} has a theme or article`).toBeDefined();
  return concept!;
}

/** Waits for the follower's notifications to satisfy `check` (the ingest listener runs after commit). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  platform = await startTestPlatform();
  curator = (await signedInClient(platform.context.db, platform.url, 'curator')).client;
  ({ client: follower, userId: followerId } = await signedInClient(platform.context.db, platform.url, 'member', 'Follower'));
  bystander = (await signedInClient(platform.context.db, platform.url, 'member')).client;
  ({ client: focal, userId: focalId } = await signedInClient(platform.context.db, platform.url, 'focal_point'));
  await platform.context.db.update(users).set({ locale: 'fr' }).where(eq(users.id, followerId)).run();
}, 180_000);
afterAll(async () => {
  await platform?.close();
  await smtp?.close();
});

describe('following a concept', () => {
  it('is for signed-in users, idempotent, and refuses unknown or malformed concepts', async () => {
    const anonymous = new SessionClient(platform.url);
    expect((await anonymous.put('/api/follows/concepts/theme:asgm')).status).toBe(401);
    expect((await anonymous.get('/api/follows/concepts')).status).toBe(401);

    expect((await follower.put('/api/follows/concepts/theme:no-such-theme')).status).toBe(404);
    for (const bad of ['not-a-concept', 'theme:<script>', `theme:${'x'.repeat(200)}`, 'THEME:asgm', "theme:asgm'--"]) {
      const answer = await follower.put(`/api/follows/concepts/${encodeURIComponent(bad)}`);
      expect(answer.status, bad).toBe(400);
      expect(answer.body.error.code).toBe('invalid_request');
    }

    const first = await follower.put('/api/follows/concepts/article:17');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ conceptId: 'article:17', following: true });
    expect((await follower.put('/api/follows/concepts/article:17')).status).toBe(200);
    const list = (await follower.get('/api/follows/concepts')).body.concepts as { conceptId: string }[];
    expect(list.filter((c) => c.conceptId === 'article:17')).toHaveLength(1);

    expect((await follower.del('/api/follows/concepts/article:17')).body).toEqual({ conceptId: 'article:17', following: false });
    expect((await follower.del('/api/follows/concepts/article:17')).status).toBe(200);
    expect(((await follower.get('/api/follows/concepts')).body.concepts as { conceptId: string }[]).map((c) => c.conceptId)).not.toContain('article:17');
    // Nobody else's list changed.
    expect((await bystander.get('/api/follows/concepts')).body.concepts).toEqual([]);
  });

  it('answers a flood with 429', async () => {
    const flooder = (await signedInClient(platform.context.db, platform.url, 'member')).client;
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) statuses.push((await flooder.put(`/api/follows/concepts/theme:asgm`)).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('notifications of followed concepts', () => {
  let draft: string;
  let concept: string;

  it('never for a draft; once its curator publishes it, to followers only', async () => {
    const [outcome] = await ingestFiles([join(fixturesDir, 'es-plan-de-accion.html')], platform.context, { status: 'draft', submittedBy: focalId, submittedForParty: 'party:BRA' });
    draft = outcome!.documentId!;
    concept = await topConcept(draft);
    expect((await follower.put(`/api/follows/concepts/${concept}`)).status).toBe(200);
    // The submitter follows it too: they hear of the decision (document.reviewed), not twice.
    expect((await focal.put(`/api/follows/concepts/${concept}`)).status).toBe(200);

    // A draft announced by ingest (as `mep ingest --draft` and uploads do) notifies nobody.
    platform.context.events.emit('documents.ingested', { documentId: draft });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await notes(follower)).filter((n) => n.kind === 'concept.document')).toEqual([]);

    expect((await curator.post(`/api/documents/${draft}/review`, { decision: 'publish' })).status).toBe(200);
    const mine = (await notes(follower)).filter((n) => n.kind === 'concept.document');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ conceptId: concept, document: { id: draft } });
    expect(mine[0]!.document!.title.length).toBeGreaterThan(0);
    expect((await notes(bystander)).filter((n) => n.kind.startsWith('concept.'))).toEqual([]);
    const focalNotes = await notes(focal);
    expect(focalNotes.filter((n) => n.kind === 'concept.document')).toEqual([]);
    expect(focalNotes.find((n) => n.kind === 'document.reviewed')?.document?.id).toBe(draft);
  });

  it('sends the document in the daily digest, in the follower\'s language, over SMTP', async () => {
    const config = { ...platform.context.config, smtpUrl: smtp.url, mailFrom: 'MEP <no-reply@mep.test>', publicUrl: 'https://mep.test' };
    expect(await queueDailyDigests({ db: platform.context.db, config, log: platform.context.log, taxonomy: platform.context.taxonomy })).toBeGreaterThanOrEqual(1);
    await sendQueuedEmails({ db: platform.context.db, config, log: platform.context.log });
    const address = (await platform.context.db.select({ email: users.email }).from(users).where(eq(users.id, followerId)).get())!.email!;
    await smtp.until(() => smtp.to(address).length > 0);
    const raw = smtp.to(address)[0]!.raw;
    expect(raw).toContain(`https://mep.test/documents/${draft}`);
    // French, as the follower chose (the accented letters travel quoted-printable: the ASCII start is enough).
    expect(raw).toContain('Nouveaux documents publi');
  });

  it('not again on republication; the title is hidden while it is withdrawn', async () => {
    expect((await curator.post(`/api/documents/${draft}/review`, { decision: 'withdraw', reason: 'Superseded' })).status).toBe(200);
    const hidden = (await notes(follower)).find((n) => n.kind === 'concept.document');
    expect(hidden?.document).toBeNull();
    expect((await curator.post(`/api/documents/${draft}/review`, { decision: 'publish' })).status).toBe(200);
    const after = (await notes(follower)).filter((n) => n.kind === 'concept.document');
    expect(after).toHaveLength(1);
    expect(after[0]!.document?.id).toBe(draft);
  });

  it('for a document stored as published by ingest (mep ingest, a curator\'s upload)', async () => {
    const [outcome] = await ingestFiles([join(fixturesDir, 'en-products-guide.pdf')], platform.context, { status: 'published' });
    const documentId = outcome!.documentId!;
    const followed = await topConcept(documentId);
    await follower.put(`/api/follows/concepts/${followed}`);
    platform.context.events.emit('documents.ingested', { documentId });
    const found = await eventually(() => notes(follower), (list) => list.some((n) => n.document?.id === documentId));
    expect(found.find((n) => n.document?.id === documentId)).toMatchObject({ kind: 'concept.document' });
    // The same event again (a retry) does not notify twice.
    platform.context.events.emit('documents.ingested', { documentId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await notes(follower)).filter((n) => n.document?.id === documentId)).toHaveLength(1);
  });

  it('for a curator\'s web upload published at once, through the real upload route', async () => {
    await follower.put('/api/follows/concepts/topic:dental-amalgam');
    const text = `Dental amalgam phase-down ${Date.now()}\n\n${'Parties phase down the use of dental amalgam; dental amalgam fillings give way to mercury-free alternatives. '.repeat(8)}`;
    const job = await curator.request('POST', `/api/workspace/uploads?name=${encodeURIComponent('amalgam-upload.txt')}`, Buffer.from(text));
    expect(job.status, JSON.stringify(job.body)).toBe(200);
    const jobs = await eventually(() => curator.get('/api/workspace/uploads'), (r) => r.body.jobs.some((j: { id: string; stage: string }) => j.id === job.body.id && ['indexed', 'failed', 'duplicate'].includes(j.stage)), 60_000);
    const done = jobs.body.jobs.find((j: { id: string }) => j.id === job.body.id) as { stage: string; documentId: string };
    expect(done.stage).toBe('indexed');
    const found = await eventually(() => notes(follower), (list) => list.some((n) => n.document?.id === done.documentId));
    expect(found.find((n) => n.document?.id === done.documentId)).toMatchObject({ kind: 'concept.document' });
    // The upload is in the audit log under the curator's name.
    const audit = await curator.get(`/api/workspace/audit?documentId=${done.documentId}`);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toContain('document.uploaded');
  }, 90_000);

  it('for a new thread tagged with it; once for forum followers; never outside a private forum', async () => {
    const author = (await signedInClient(platform.context.db, platform.url, 'moderator')).client;
    await follower.put('/api/follows/concepts/theme:asgm');
    const created = await author.post('/api/forums/asgm/threads', { title: 'Retorts <b>in</b> the field', body: 'Which retorts work?', concepts: ['theme:asgm'], documentIds: [] });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const threadId = created.body.thread.id as number;
    expect((await notes(follower)).filter((n) => n.threadId === threadId).map((n) => [n.kind, n.conceptId])).toEqual([['concept.thread', 'theme:asgm']]);

    // Following the forum as well: one notification (thread.created), not two.
    await follower.put('/api/forums/asgm/follow');
    const second = (await author.post('/api/forums/asgm/threads', { title: 'Second', body: 'Again', concepts: ['theme:asgm'], documentIds: [] })).body.thread.id as number;
    expect((await notes(follower)).filter((n) => n.threadId === second).map((n) => n.kind)).toEqual(['thread.created']);

    // A private working group: its thread does not reach a concept follower who is not a member.
    const admin = (await signedInClient(platform.context.db, platform.url, 'admin')).client;
    expect((await admin.post('/api/forums', { id: 'wg-follow', title: { en: 'Follow working group' }, visibility: 'private' })).status).toBe(200);
    const hidden = (await admin.post('/api/forums/wg-follow/threads', { title: 'Confidential', body: 'Members only', concepts: ['theme:asgm'], documentIds: [] })).body.thread.id as number;
    expect((await notes(follower)).filter((n) => n.threadId === hidden)).toEqual([]);
  });
});
