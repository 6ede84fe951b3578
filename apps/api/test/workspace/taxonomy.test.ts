/**
 * Editing the taxonomy over HTTP with the whole platform (issue 11 §4): a curator adds a concept with six
 * labels and an acronym, the documents that name it are retagged in the background (progress over
 * Socket.IO) and reindexed, and `/api/taxonomy` and the SKOS export show it at once; tag decisions survive
 * the retag; edits are versioned (409 with the other change), audited, and deprecation keeps the id
 * resolving with its replacement; hostile input is a clear 4xx and changes nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetagJobDto } from '../../src/contracts';
import { connected, signedInClient, SessionClient, type ClientSocket } from '../../src/services/testing/forum-harness';
import { startTestPlatform, type TestPlatform } from '../platform';

let platform: TestPlatform;
let curator: SessionClient;
let member: SessionClient;
let mentioning: string;
let other: string;

const SLUG = 'mercury-cell-retirement';
const ID = `topic:${SLUG}`;
const ACRONYM = 'MCRP';
const prefLabel = {
  ar: 'إيقاف خلايا الزئبق',
  en: 'Mercury cell retirement',
  es: 'Retiro de celdas de mercurio',
  fr: 'Retrait des cellules à mercure',
  ru: 'Вывод ртутных электролизеров',
  zh: '汞电解槽退役',
};
const newConcept = { scheme: 'topic', slug: SLUG, prefLabel, altLabels: { en: [ACRONYM] }, broader: ['theme:processes'], articles: ['article:5'], exactMatch: ['http://www.eionet.europa.eu/gemet/concept/5154'] };

const text = (title: string, body: string) => `${title}\n\n${body}\n`;

/** A curator's retag jobs, polled until the given one has ended. */
async function finished(client: SessionClient, jobId: string, timeoutMs = 60_000): Promise<RetagJobDto> {
  const started = Date.now();
  for (;;) {
    const job = ((await client.get('/api/taxonomy/retag-jobs')).body.jobs as RetagJobDto[]).find((j) => j.id === jobId);
    if (job && (job.stage === 'done' || job.stage === 'failed')) return job;
    if (Date.now() - started > timeoutMs) throw new Error(`retag ${jobId} did not finish: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const conceptsOf = async (documentId: string) => ((await curator.get(`/api/documents/${documentId}`)).body.concepts as { id: string; source: string }[]);
const conceptIds = async (documentId: string) => (await conceptsOf(documentId)).map((c) => c.id);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mep-taxonomy-edit-'));
  const first = join(dir, 'mcrp-report.txt');
  writeFileSync(
    first,
    text(
      'Chlor-alkali plants and mercury',
      'Mercury cells are still used in chlor-alkali production. The MCRP sets dates for closing them. Under the MCRP, mercury recovered from the cells is stored. ' +
        'Mercury emissions fall as plants convert. Mercury waste is managed under the plan.',
    ),
  );
  const second = join(dir, 'other-report.txt');
  writeFileSync(second, text('Mercury in dental care', 'Dental amalgam contains mercury. Mercury use in dentistry is phased down. Dental amalgam alternatives exist; mercury waste from clinics is collected.'));
  platform = await startTestPlatform({ ingest: [first, second] });
  [mentioning, other] = platform.outcomes.map((o) => o.documentId!) as [string, string];
  curator = (await signedInClient(platform.context.db, platform.url, 'curator')).client;
  member = (await signedInClient(platform.context.db, platform.url, 'member')).client;
}, 180_000);
afterAll(async () => platform?.close());

describe('a curator adds a concept', () => {
  it('tags the documents that name its acronym in the background, with live progress, and shows it at once', async () => {
    expect(await conceptIds(mentioning)).not.toContain(ID);
    const before = (await platform.get('/api/taxonomy')).body.version as number;
    const socket: ClientSocket = curator.socket();
    await connected(socket);
    const stages: string[] = [];
    socket.on('taxonomy.retag.progress', ({ job }) => stages.push(job.stage));
    try {
      const saved = await curator.post('/api/taxonomy/concepts', newConcept);
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.concept).toMatchObject({ id: ID, prefLabel, altLabels: { en: [ACRONYM] }, broader: ['theme:processes'], version: 1 });
      // At once: the list, the concept, and both SKOS serialisations.
      const list = (await platform.get('/api/taxonomy?scheme=topic')).body;
      expect(list.version).toBeGreaterThan(before);
      expect(list.concepts.find((c: { id: string }) => c.id === ID)?.prefLabel).toEqual(prefLabel);
      expect((await platform.get('/api/taxonomy/concepts/theme:processes')).body.narrower).toContain(ID);
      const turtle = (await platform.get('/api/taxonomy/skos?format=ttl')).body as string;
      expect(turtle).toContain(`"${ACRONYM}"@en`);
      expect(turtle).toContain(`"${prefLabel.zh}"@zh`);
      expect(JSON.stringify((await platform.get('/api/taxonomy/skos?format=jsonld')).body)).toContain(prefLabel.ar);
      expect((await platform.get(`/taxonomy/topic/${SLUG}?format=ttl`)).status).toBe(200);

      const job = await finished(curator, saved.body.job.id);
      expect(job).toMatchObject({ stage: 'done', conceptId: ID });
      expect(job.total).toBeGreaterThanOrEqual(1);
      expect(stages).toContain('done');
      expect(await conceptIds(mentioning)).toContain(ID);
      expect(await conceptIds(other)).not.toContain(ID);
      // Reindexed through the search outbox: the concept's Spanish label, in no document's text, finds the document.
      await platform.context.searchOutbox.idle(30_000);
      const hits = (await platform.get(`/api/search?q=${encodeURIComponent('retiro celdas')}`)).body.hits as { documentId: string }[];
      expect(hits.map((h) => h.documentId)).toEqual([mentioning]);
    } finally {
      socket.disconnect();
    }
  });

  it('keeps curators’ tag decisions through the retag', async () => {
    // Rejected on one document, confirmed on the other: an edit's retag honours both.
    expect((await curator.put(`/api/documents/${mentioning}/concepts/${ID}`, { decision: 'rejected' })).status).toBe(200);
    expect((await curator.put(`/api/documents/${other}/concepts/${ID}`, { decision: 'confirmed' })).status).toBe(200);
    const { version, altLabels, broader, articles, exactMatch } = (await curator.get(`/api/taxonomy/concepts/${ID}`)).body;
    const saved = await curator.put(`/api/taxonomy/concepts/${ID}`, { version, prefLabel: { ...prefLabel, en: 'Mercury cell retirement programme' }, altLabels, broader, articles, exactMatch });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await finished(curator, saved.body.job.id);
    expect(await conceptIds(mentioning)).not.toContain(ID);
    expect((await conceptsOf(other)).find((c) => c.id === ID)?.source).toBe('curator');
  });

  it('is audited', async () => {
    const audit = (await curator.get('/api/workspace/audit?action=taxonomy.')).body.entries as { action: string; targetId: string; details: { after: { prefLabel: { en: string } } } }[];
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['taxonomy.added', 'taxonomy.edited']));
    expect(audit.find((e) => e.action === 'taxonomy.edited')).toMatchObject({ targetId: ID, details: { after: { prefLabel: { en: 'Mercury cell retirement programme' } } } });
  });
});

describe('versioning', () => {
  it('answers a stale edit with 409 and the other change, and overwrites nothing', async () => {
    const current = (await curator.get('/api/taxonomy/concepts/topic:dental-amalgam')).body;
    const body = { prefLabel: current.prefLabel, altLabels: current.altLabels, broader: current.broader, related: current.related, articles: current.articles, exactMatch: current.exactMatch };
    const first = await curator.put('/api/taxonomy/concepts/topic:dental-amalgam', { ...body, version: current.version, altLabels: { ...current.altLabels, en: [...(current.altLabels.en ?? []), 'tooth fillings'] } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.concept.version).toBe(current.version + 1);
    const stale = await curator.put('/api/taxonomy/concepts/topic:dental-amalgam', { ...body, version: current.version, prefLabel: { ...current.prefLabel, en: 'Someone else’s label' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'stale_version', details: { currentVersion: current.version + 1 } });
    expect(stale.body.error.details.change.after.altLabels.en).toContain('tooth fillings');
    expect((await curator.get('/api/taxonomy/concepts/topic:dental-amalgam')).body.prefLabel.en).toBe(current.prefLabel.en);
    await finished(curator, first.body.job.id);
  });
});

describe('bad input', () => {
  const edit = async (id: string, patch: Record<string, unknown>) => {
    const current = (await curator.get(`/api/taxonomy/concepts/${id}`)).body;
    return curator.put(`/api/taxonomy/concepts/${id}`, { version: current.version, prefLabel: current.prefLabel, altLabels: current.altLabels, broader: current.broader, related: current.related, articles: current.articles, exactMatch: current.exactMatch, ...patch });
  };

  it('refuses a broader link that makes a cycle', async () => {
    const cycle = await edit('theme:processes', { broader: [ID] });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.code).toBe('taxonomy_cycle');
    const self = await edit(ID, { broader: [ID] });
    expect(self.status).toBe(422);
    expect((await curator.get('/api/taxonomy/concepts/theme:processes')).body.broader).toEqual([]);
  });

  it('refuses empty or missing labels, unknown references, control characters, bad URIs and oversized input', async () => {
    const cases: [Record<string, unknown>, number, string?][] = [
      [{ prefLabel: { ...prefLabel, fr: '   ' } }, 400],
      [{ prefLabel: { en: 'Only English' } }, 400],
      [{ prefLabel: { ...prefLabel, ru: 'Line\nbreak' } }, 400],
      [{ prefLabel: { ...prefLabel, en: 'x'.repeat(201) } }, 400],
      [{ altLabels: { en: Array.from({ length: 31 }, (_, i) => `ALT${i}`) } }, 400],
      [{ altLabels: { xx: ['ALT'] } }, 400],
      [{ broader: ['topic:no-such-topic'] }, 400, 'unknown_concept'],
      [{ related: ['party:XXX'] }, 400, 'unknown_concept'],
      [{ articles: ['article:36'] }, 400],
      [{ exactMatch: ['javascript:alert(1)'] }, 400],
      [{ exactMatch: ['http://example.org/a b>'] }, 400],
      [{ version: -1 }, 400],
      [{ scheme: 'party' }, 400],
    ];
    const before = (await curator.get(`/api/taxonomy/concepts/${ID}`)).body;
    for (const [patch, status, code] of cases) {
      const answer = await edit(ID, patch);
      expect(answer.status, JSON.stringify(patch)).toBe(status);
      if (code) expect(answer.body.error.code).toBe(code);
    }
    expect((await curator.get(`/api/taxonomy/concepts/${ID}`)).body).toEqual(before);
    // Adding: only to extensible schemes, with a proper slug, never twice.
    expect((await curator.post('/api/taxonomy/concepts', { ...newConcept, scheme: 'party', slug: 'xyz' })).status).toBe(400);
    expect((await curator.post('/api/taxonomy/concepts', { ...newConcept, slug: 'Bad Slug!' })).status).toBe(400);
    expect((await curator.post('/api/taxonomy/concepts', { ...newConcept, slug: 'dental-amalgam' })).body.error.code).toBe('concept_exists');
    expect((await curator.post('/api/taxonomy/concepts', newConcept)).status).toBe(409);
  });

  it('stores HTML and script in labels as text', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const saved = await curator.post('/api/taxonomy/concepts', { ...newConcept, slug: 'hostile-label', altLabels: {}, prefLabel: { ...prefLabel, en: hostile } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await finished(curator, saved.body.job.id);
    expect((await platform.get('/api/taxonomy/concepts/topic:hostile-label')).body.prefLabel.en).toBe(hostile);
    const turtle = (await platform.get('/api/taxonomy/skos?format=ttl')).body as string;
    expect(turtle).toContain(`"${hostile}"@en`);
  });

  it('refuses those who may not', async () => {
    expect((await new SessionClient(platform.url).post('/api/taxonomy/concepts', { ...newConcept, slug: 'anonymous-try' })).status).toBe(401);
    expect((await member.post('/api/taxonomy/concepts', { ...newConcept, slug: 'member-try' })).status).toBe(403);
    expect((await member.get('/api/taxonomy/retag-jobs')).status).toBe(403);
    expect((await platform.get('/api/taxonomy/concepts/topic:member-try')).status).toBe(404);
  });
});

describe('deprecation', () => {
  it('keeps the id resolving with its replacement, stops tagging it, and refuses bad replacements', async () => {
    const { version } = (await curator.get(`/api/taxonomy/concepts/${ID}`)).body;
    expect((await curator.post(`/api/taxonomy/concepts/${ID}/deprecate`, { version, replacedBy: 'topic:no-such-topic' })).body.error.code).toBe('unknown_concept');
    expect((await curator.post(`/api/taxonomy/concepts/${ID}/deprecate`, { version, replacedBy: ID })).status).toBe(400);
    expect((await curator.post(`/api/taxonomy/concepts/${ID}/deprecate`, { version, replacedBy: 'theme:processes' })).status).toBe(400);
    expect((await curator.post('/api/taxonomy/concepts/party:KEN/deprecate', { version: 0, replacedBy: 'party:TZA' })).body.error.code).toBe('scheme_closed');
    expect((await member.post(`/api/taxonomy/concepts/${ID}/deprecate`, { version, replacedBy: 'topic:chlor-alkali' })).status).toBe(403);

    const done = await curator.post(`/api/taxonomy/concepts/${ID}/deprecate`, { version, replacedBy: 'topic:chlor-alkali' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await finished(curator, done.body.job.id);
    const concept = (await platform.get(`/api/taxonomy/concepts/${ID}`)).body;
    expect(concept).toMatchObject({ id: ID, deprecated: true, replacedBy: 'topic:chlor-alkali', prefLabel: { en: 'Mercury cell retirement programme' } });
    expect((await platform.get('/api/taxonomy?scheme=topic')).body.concepts.find((c: { id: string }) => c.id === ID)).toMatchObject({ deprecated: true, replacedBy: 'topic:chlor-alkali' });
    const turtle = (await platform.get(`/taxonomy/topic/${SLUG}?format=ttl`)).body as string;
    expect(turtle).toContain('owl:deprecated');
    expect(turtle).toContain('dct:isReplacedBy <https://www.mercuryconvention.org/mep/taxonomy/topic/chlor-alkali>');
    // The tagger no longer attaches it; a curator's confirmed tag stays (decisions survive).
    expect((await conceptsOf(other)).find((c) => c.id === ID)?.source).toBe('curator');
    expect((await curator.post(`/api/taxonomy/concepts/${ID}/deprecate`, { version: version + 1, replacedBy: 'topic:chlor-alkali' })).body.error.code).toBe('concept_deprecated');
    expect((await curator.put(`/api/taxonomy/concepts/${ID}`, { version: version + 1, prefLabel })).body.error.code).toBe('concept_deprecated');
    // A deprecated concept is no longer a valid broader or related target.
    expect((await curator.post('/api/taxonomy/concepts', { ...newConcept, slug: 'below-deprecated', broader: [ID] })).body.error.code).toBe('unknown_concept');
  });
});
