/**
 * The review workflow and corrections over HTTP with the whole platform: a draft is invisible to readers
 * everywhere (search, document API, file, pages, OAI-PMH, InforMEA) until a curator publishes it; the
 * submitter is notified; a withdrawn document answers 410 with the reason and becomes an OAI tombstone;
 * metadata corrections are versioned (409 on a stale version) and reach search before the call returns;
 * tag decisions survive a retag; hostile input is a clear 4xx and is stored inert.
 */
import { join } from 'node:path';
import { ingestFiles } from '@mep/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient, SessionClient } from '../../src/services/testing/forum-harness';
import { fixturesDir, startTestPlatform, type TestPlatform } from '../platform';

let platform: TestPlatform;
let curator: SessionClient;
let focal: SessionClient;
let member: SessionClient;
let focalId: string;
let published: string;
let draft: string;

const anonymous = () => new SessionClient(platform.url);
const searchIds = async (q: string) => ((await platform.get(`/api/search?q=${encodeURIComponent(q)}`)).body.hits as { documentId: string }[]).map((h) => h.documentId);

beforeAll(async () => {
  platform = await startTestPlatform({ ingest: [join(fixturesDir, 'en-products-guide.pdf')] });
  published = platform.outcomes[0]!.documentId!;
  curator = (await signedInClient(platform.context.db, platform.url, 'curator')).client;
  member = (await signedInClient(platform.context.db, platform.url, 'member')).client;
  const signedFocal = await signedInClient(platform.context.db, platform.url, 'focal_point');
  focal = signedFocal.client;
  focalId = signedFocal.userId;
  // A focal point's submission: a draft, as an upload from the web makes it.
  const [outcome] = await ingestFiles([join(fixturesDir, 'es-plan-de-accion.html')], platform.context, { status: 'draft', submittedBy: focalId, submittedForParty: 'party:BRA' });
  draft = outcome!.documentId!;
}, 180_000);
afterAll(async () => platform?.close());

describe('a draft', () => {
  it('is invisible to readers everywhere', async () => {
    const reader = anonymous();
    expect((await reader.get(`/api/documents/${draft}`)).status).toBe(404);
    expect((await reader.get(`/api/documents/${draft}/file`)).status).toBe(404);
    expect((await reader.get(`/api/documents/${draft}/pages`)).status).toBe(404);
    expect((await reader.get(`/api/documents/${draft}/pages/1`)).status).toBe(404);
    expect((await member.get(`/api/documents/${draft}`)).status).toBe(404);
    expect(await searchIds('plan de acción nacional')).not.toContain(draft);
    const oai = await platform.get(`/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mep.mercuryconvention.org:${draft}`);
    expect(oai.body).toContain('idDoesNotExist');
    expect((await platform.get('/oai?verb=ListIdentifiers&metadataPrefix=oai_dc')).body).not.toContain(draft);
    expect(JSON.stringify((await platform.get('/api/informea/documents')).body)).not.toContain(draft);
    expect((await platform.get(`/api/documents/${published}/related`)).body.documents.map((d: { documentId: string }) => d.documentId)).not.toContain(draft);
  });

  it("is counted nowhere until it is published: the taxonomy, the dashboards, a thread's document card", async () => {
    // A draft of its own: the one above must stay a draft for the tests below.
    const [outcome] = await ingestFiles([join(fixturesDir, 'fr-orientations.docx')], platform.context, { status: 'draft', submittedBy: focalId, submittedForParty: 'party:BRA' });
    const draft = outcome!.documentId!;
    const concepts = ((await curator.get(`/api/documents/${draft}`)).body.concepts as { id: string }[]).map((c) => c.id);
    expect(concepts.length).toBeGreaterThan(0);
    const counts = async () => Promise.all(concepts.map(async (id) => (await platform.get(`/api/taxonomy/concepts/${encodeURIComponent(id)}`)).body.documentCount as number));
    const coverage = async () => (await platform.get('/api/dashboards/coverage')).body.total as number;
    const before = { counts: await counts(), total: await coverage() };
    const thread = await member.post('/api/forums/asgm/threads', { title: 'Draft card check', body: `See [the plan](/documents/${draft}).`, concepts: [], documentIds: [] });
    expect(thread.status).toBe(200);
    expect(thread.body.post.html).not.toContain(`data-document-id="${draft}"`);

    expect((await curator.post(`/api/documents/${draft}/review`, { decision: 'publish' })).status).toBe(200);
    expect(await counts()).toEqual(before.counts.map((n) => n + 1));
    expect(await coverage()).toBe(before.total + 1);
    // Withdrawn, it counts nowhere again.
    expect((await curator.post(`/api/documents/${draft}/review`, { decision: 'withdraw', reason: 'Checked the counts' })).status).toBe(200);
    expect(await counts()).toEqual(before.counts);
    expect(await coverage()).toBe(before.total);
  });

  it('is visible to curators and to its submitter, and waits in the queue', async () => {
    expect((await curator.get(`/api/documents/${draft}`)).body.status).toBe('draft');
    expect((await focal.get(`/api/documents/${draft}`)).status).toBe(200);
    const queue = await curator.get('/api/workspace/queue?status=draft');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(draft);
    expect(queue.body.items.find((i: { id: string }) => i.id === draft).submittedForParty).toBe('party:BRA');
    expect((await focal.get('/api/workspace/queue')).status).toBe(403);
  });

  it('is published by a curator; the submitter is notified and readers find it', async () => {
    expect((await focal.post(`/api/documents/${draft}/review`, { decision: 'publish' })).status).toBe(403);
    const done = await curator.post(`/api/documents/${draft}/review`, { decision: 'publish' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('published');
    const notes = await focal.get('/api/notifications');
    expect(notes.body.items[0]).toMatchObject({ kind: 'document.reviewed', document: { id: draft, decision: 'published' } });
    expect((await anonymous().get(`/api/documents/${draft}`)).status).toBe(200);
    expect(await searchIds('plan de acción nacional')).toContain(draft);
    // Publishing twice is a conflict, not a silent no-op.
    expect((await curator.post(`/api/documents/${draft}/review`, { decision: 'publish' })).status).toBe(409);
  });

  it('once withdrawn answers 410 with the reason and leaves an OAI tombstone', async () => {
    expect((await curator.post(`/api/documents/${draft}/review`, { decision: 'withdraw' })).status).toBe(400);
    const done = await curator.post(`/api/documents/${draft}/review`, { decision: 'withdraw', reason: 'Superseded by the 2025 plan' });
    expect(done.status).toBe(200);
    const gone = await anonymous().get(`/api/documents/${draft}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error).toMatchObject({ code: 'document_withdrawn', details: { reason: 'Superseded by the 2025 plan' } });
    expect((await anonymous().get(`/api/documents/${draft}/file`)).status).toBe(410);
    expect(await searchIds('plan de acción nacional')).not.toContain(draft);
    const oai = await platform.get(`/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mep.mercuryconvention.org:${draft}`);
    expect(oai.body).toContain('status="deleted"');
    expect((await focal.get('/api/notifications')).body.items[0].document).toMatchObject({ decision: 'withdrawn', reason: 'Superseded by the 2025 plan' });
  });

  it('a rejected draft stays a 404 for readers (it never existed for them)', async () => {
    const [outcome] = await ingestFiles([join(fixturesDir, 'ar-mercury.txt')], platform.context, { status: 'draft', submittedBy: focalId });
    const id = outcome!.documentId!;
    expect((await curator.post(`/api/documents/${id}/review`, { decision: 'reject', reason: 'Not a Convention document' })).status).toBe(200);
    expect((await anonymous().get(`/api/documents/${id}`)).status).toBe(404);
    expect((await focal.get('/api/notifications')).body.items[0].document).toMatchObject({ id, decision: 'rejected', reason: 'Not a Convention document' });
  });
});

describe('metadata corrections', () => {
  it('are versioned, reach search at once, and a stale save is a 409 with the other change', async () => {
    const before = (await curator.get(`/api/documents/${published}`)).body;
    const title = '<script>alert(1)</script> Zanzibarite mercury products guide';
    const saved = await curator.patch(`/api/documents/${published}`, { version: before.version, title, date: '2021-03-04', parties: ['party:KEN'] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const after = (await anonymous().get(`/api/documents/${published}`)).body;
    expect(after).toMatchObject({ title, date: '2021-03-04', year: 2021, version: before.version + 1 });
    expect(after.concepts.find((c: { id: string }) => c.id === 'party:KEN')?.source).toBe('curator');
    // Reaches search before the call returned: no waiting here.
    expect(await searchIds('Zanzibarite')).toContain(published);
    const stale = await curator.patch(`/api/documents/${published}`, { version: before.version, title: 'Someone else’s title' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.details.change.after.title).toBe(title);
    const history = (await curator.get(`/api/documents/${published}/revisions`)).body.revisions;
    expect(history[0]).toMatchObject({ version: before.version + 1, before: { title: before.title }, after: { title } });
  });

  it('refuses bad input and those who may not, changing nothing', async () => {
    const { version, title } = (await curator.get(`/api/documents/${published}`)).body;
    const path = `/api/documents/${published}`;
    for (const body of [
      { version, title: '' },
      { version, title: 'x'.repeat(501) },
      { version, title: 'bell\u0007' },
      { version, date: '2021-13-45' },
      { version, date: 'yesterday' },
      { version, doctype: 'doctype:nonsense' },
      { version, language: 'xx' },
      { version, parties: ['party:XXX'] },
      { version, parties: ['KEN'] },
      { version, sizeBytes: 1 },
      { title: 'no version' },
      { version: 'one', title: 'x' },
    ]) {
      const response = await curator.patch(path, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await member.patch(path, { version, title: 'member' })).status).toBe(403);
    expect((await focal.patch(path, { version, title: 'focal' })).status).toBe(403);
    expect((await anonymous().patch(path, { version, title: 'anon' })).status).toBe(401);
    expect((await curator.patch(`/api/documents/${'0'.repeat(20)}`, { version: 1, title: 'x' })).status).toBe(404);
    expect((await curator.get(path)).body).toMatchObject({ version, title });
  });
});

describe('tag decisions', () => {
  it('a rejected concept never returns on retagging; a confirmed or added one is never dropped', async () => {
    const doc = (await curator.get(`/api/documents/${published}`)).body;
    const suggested = doc.concepts.find((c: { source: string; id: string }) => c.source === 'tagger' && c.id.startsWith('theme:'));
    expect(suggested, 'the tagger suggested a theme').toBeTruthy();
    const added = 'theme:asgm' === suggested.id ? 'theme:waste' : 'theme:asgm';
    expect((await curator.put(`/api/documents/${published}/concepts/${suggested.id}`, { decision: 'rejected' })).status).toBe(200);
    expect((await curator.put(`/api/documents/${published}/concepts/${added}`, { decision: 'confirmed', page: 1 })).status).toBe(200);
    expect((await curator.post(`/api/documents/${published}/retag`)).status).toBe(200);
    const after = (await anonymous().get(`/api/documents/${published}`)).body.concepts as { id: string; source: string; evidence: { page: number }[] }[];
    expect(after.map((c) => c.id)).not.toContain(suggested.id);
    expect(after.find((c) => c.id === added)).toMatchObject({ source: 'curator', evidence: [{ page: 1 }] });
    expect(after.some((c) => c.source === 'tagger')).toBe(true);
    // Bad input: an unknown concept, a page past the end, a wrong decision.
    expect((await curator.put(`/api/documents/${published}/concepts/theme:nonsense`, { decision: 'confirmed' })).status).toBe(400);
    expect((await curator.put(`/api/documents/${published}/concepts/${added}`, { decision: 'confirmed', page: 99_999 })).status).toBe(400);
    expect((await curator.put(`/api/documents/${published}/concepts/${added}`, { decision: 'maybe' })).status).toBe(400);
    expect((await member.put(`/api/documents/${published}/concepts/${added}`, { decision: 'rejected' })).status).toBe(403);
  });
});

describe('audit log', () => {
  it('records every curator action, filterable, and exports CSV', async () => {
    const entries = (await curator.get(`/api/workspace/audit?documentId=${published}`)).body.entries as { action: string }[];
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['document.edited', 'tag.rejected', 'tag.confirmed', 'document.retagged']));
    const publishes = (await curator.get('/api/workspace/audit?action=document.published')).body.entries;
    expect(publishes.length).toBeGreaterThan(0);
    const csv = await curator.get(`/api/workspace/audit?documentId=${published}&format=csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('document.edited');
    expect((await member.get('/api/workspace/audit')).status).toBe(403);
    expect((await curator.get('/api/workspace/audit?action=DROP TABLE')).status).toBe(400);
  });
});
