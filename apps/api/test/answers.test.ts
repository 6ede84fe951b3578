/**
 * National reports end to end: the fixtures of fixtures/reports are ingested through the real
 * pipeline, and every answer served by /api/answers is compared with the fixture's own answer key.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReportKeys, REPORT_FIXTURES_DIR, squash, type ReportKey } from '../../../packages/ingest/src/reports/fixtures.test-support';
import { signedInClient } from '../src/services/testing/forum-harness';
import { startTestPlatform, type TestPlatform } from './platform';

let platform: TestPlatform;
const keys = loadReportKeys();
const idOf = new Map<string, string>();

beforeAll(async () => {
  platform = await startTestPlatform({ ingest: keys.map((k) => join(REPORT_FIXTURES_DIR, k.file)) });
  for (const outcome of platform.outcomes) {
    expect(outcome.status, outcome.message).toBe('ingested');
    idOf.set(outcome.source.split('/').pop()!, outcome.documentId!);
  }
}, 180_000);
afterAll(async () => platform?.close());

describe('/api/answers gives the answers the fixtures contain', () => {
  for (const key of keys) {
    it(key.file, async () => {
      const documentId = idOf.get(key.file)!;
      const { status, body } = await platform.get(`/api/documents/${documentId}/answers`);
      expect(status).toBe(200);
      expect(body.doctype).toBe('doctype:national-report');
      expect(body.report.party).toBe(key.party);
      expect(body.report.cycle).toEqual(key.cycle);
      expectAnswers(key, body.answers);
      // The same answers through the cross-party list.
      const listed = (await platform.get(`/api/answers?limit=5000`)).body.answers.filter((a: any) => a.documentId === documentId);
      expectAnswers(key, listed);
    });
  }

  it('filters by article, party, cycle and answer', async () => {
    const all = (await platform.get('/api/answers')).body;
    const expected = keys.flatMap((k) => k.answers.map((a) => ({ ...a, party: k.party, cycle: k.cycle })));
    expect(all.total).toBe(expected.length);
    const art17yes = (await platform.get('/api/answers?article=article:17&answer=yes')).body.answers;
    expect(art17yes.map((a: any) => `${a.party}/${a.question}`).sort()).toEqual(
      expected.filter((a) => a.article === 'article:17' && a.answer === 'yes').map((a) => `${a.party}/${a.question}`).sort(),
    );
    const ghana = (await platform.get('/api/answers?party=GHA&article=17')).body.answers;
    expect(ghana.map((a: any) => a.question)).toEqual(['1', '2']);
    const short = (await platform.get('/api/answers?cycle=short')).body;
    expect(short.total).toBe(expected.filter((a) => a.cycle.kind === 'short').length);
    const y2020 = (await platform.get('/api/answers?cycle=2020&article=article:3')).body.answers;
    expect(new Set(y2020.map((a: any) => a.party))).toEqual(new Set(['party:GHA', 'party:CHN']));
    const blank = (await platform.get('/api/answers?answer=none&party=party:FRA')).body.answers;
    expect(blank.map((a: any) => `${a.article}/${a.question}`)).toEqual(['article:8/1', 'article:8/2']);
  });

  it('links each answer to the page of its report', async () => {
    const [answer] = (await platform.get('/api/answers?party=GHA&article=7&question=2')).body.answers;
    expect(answer.reportUrl).toBe(`/documents/${idOf.get('en-ghana-full.pdf')}#page-2`);
  });

  it('flags reports without structure, with an unknown party or an unknown article, and keeps them', async () => {
    const chile = await platform.get(`/api/documents/${idOf.get('en-chile-unstructured.pdf')}`);
    expect(chile.body.flags).toContain('no-structured-answers');
    const atlantis = await platform.get(`/api/documents/${idOf.get('ar-unknown-party-short.docx')}/answers`);
    expect(atlantis.body.report.party).toBeNull();
    expect(atlantis.body.report.flags).toContain('unknown-party: أطلانطس');
    const russia = await platform.get(`/api/documents/${idOf.get('ru-russia-short.docx')}`);
    expect(russia.body.flags).toContain('unknown-article: 40');
  });
});

describe('CSV', () => {
  it('serves the same answers as CSV with a header row', async () => {
    const response = await fetch(`${platform.url}/api/answers?format=csv&article=article:3`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = (await response.text()).replace(/^\ufeff/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('party,cycle,year,article,question,questionText,answer,value,unit,explanation,confidence,source,documentId,page,reportUrl');
    const json = (await platform.get('/api/answers?article=article:3')).body;
    expect(lines.length - 1).toBe(json.total);
    expect(text).toContain('"party:GHA","full","2020","article:3","2.1"');
  });
});

describe("a curator's correction", () => {
  it('is refused to readers and members, accepted from curators, and survives a re-parse', async () => {
    const documentId = idOf.get('en-kenya-messy.pdf')!;
    const path = `/api/documents/${documentId}/answers/article:3/2`;
    expect((await fetch(platform.url + path, { method: 'PUT' })).status).toBeGreaterThanOrEqual(400);
    const member = (await signedInClient(platform.context.db, platform.url, 'member')).client;
    expect((await member.put(path, { answer: 'no' })).status).toBe(403);
    const moderator = (await signedInClient(platform.context.db, platform.url, 'curator')).client;
    const corrected = await moderator.put(path, { answer: 'no', explanation: '=HYPERLINK("http://evil.example","click")' });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ answer: 'no', source: 'curator', confidence: 1 });

    const reparsed = await moderator.post(`/api/documents/${documentId}/answers/reparse`);
    expect(reparsed.status).toBe(200);
    const after = reparsed.body.answers.find((a: any) => a.article === 'article:3' && a.question === '2');
    expect(after).toMatchObject({ answer: 'no', source: 'curator' });
    // The other answers were parsed again, unchanged.
    expect(reparsed.body.answers).toHaveLength(keys.find((k) => k.file === 'en-kenya-messy.pdf')!.answers.length);

    // A spreadsheet opening the CSV sees the words, not a formula.
    const csv = await (await fetch(`${platform.url}/api/answers?format=csv&party=KEN&article=3&question=2`)).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).not.toMatch(/,"=HYPERLINK/);
  });

  it('rejects bad corrections with clear errors', async () => {
    const documentId = idOf.get('en-ghana-full.pdf')!;
    const moderator = (await signedInClient(platform.context.db, platform.url, 'curator')).client;
    expect((await moderator.put(`/api/documents/${documentId}/answers/article:99/1`, { answer: 'yes' })).body.error.code).toBe('invalid_request');
    expect((await moderator.put(`/api/documents/${documentId}/answers/article:3/1`, { answer: 'maybe' })).body.error.code).toBe('invalid_request');
    expect((await moderator.put(`/api/documents/${documentId}/answers/article:3/1`, { answer: 'number' })).body.error.code).toBe('invalid_request');
    expect((await moderator.put(`/api/documents/${idOf.get('en-ghana-full.pdf')!.replace(/./, 'f')}0000/answers/article:3/1`, { answer: 'yes' })).status).toBe(404);
  });
});

describe('party profiles', () => {
  it('lists parties by region and UN regional group', async () => {
    const africa = (await platform.get('/api/parties?region=002')).body.parties;
    expect(africa.map((p: any) => p.iso3)).toEqual(expect.arrayContaining(['GHA', 'KEN']));
    expect(africa.map((p: any) => p.iso3)).not.toContain('FRA');
    const weog = (await platform.get('/api/parties?group=group:weog')).body.parties;
    expect(weog.map((p: any) => p.iso3)).toContain('FRA');
    expect((await platform.get('/api/parties')).body.parties.length).toBe(194);
  });

  it("shows a party's reports and answers article by article, with its region's", async () => {
    const { status, body } = await platform.get('/api/parties/gha');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'party:GHA', iso3: 'GHA', region: 'region:002', group: 'group:african' });
    expect(Object.keys(body.labels).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    expect(body.counts.nationalReports).toBe(1);
    expect(body.nationalReports).toEqual([{ documentId: idOf.get('en-ghana-full.pdf'), title: expect.any(String), cycle: 'full', period: '2017–2020', year: 2020, language: 'en' }]);
    const key = keys.find((k) => k.file === 'en-ghana-full.pdf')!;
    expect(body.answers.map((a: any) => `${a.article}/${a.question}=${a.answer}`)).toEqual(key.answers.map((a) => `${a.article}/${a.question}=${a.answer}`));
    const art17 = body.regionAnswers.find((r: any) => r.article === 'article:17' && r.question === '1');
    // Ghana and Kenya, both in Africa, both answered yes.
    expect(art17.counts).toEqual({ yes: 2 });
  });

  it('answers bad party input clearly', async () => {
    expect((await platform.get('/api/parties/ATL')).status).toBe(404);
    expect((await platform.get('/api/parties/12')).body.error.code).toBe('invalid_request');
    expect((await platform.get('/api/parties?region=africa')).body.error.code).toBe('invalid_request');
    expect((await platform.get('/api/parties?region=999')).body.error.code).toBe('invalid_request');
    expect((await platform.get('/api/answers?party=ATL')).body.error.code).toBe('invalid_request');
    expect((await platform.get('/api/answers?article=article:36')).body.error.code).toBe('invalid_request');
    expect((await platform.get('/api/answers?cycle=sometimes')).body.error.code).toBe('invalid_request');
    expect((await platform.get('/api/answers?format=xlsx')).body.error.code).toBe('invalid_request');
    expect((await platform.get('/api/answers?offset=100000')).body).toMatchObject({ answers: [] });
  });
});

function expectAnswers(key: ReportKey, answers: any[]): void {
  expect(answers.map((a) => `${a.article}/${a.question}`).sort()).toEqual(key.answers.map((a) => `${a.article}/${a.question}`).sort());
  for (const expected of key.answers) {
    const got = answers.find((a) => a.article === expected.article && a.question === expected.question);
    const where = `${key.file} ${expected.article}/${expected.question}`;
    expect(got.answer, where).toBe(expected.answer);
    if (expected.answer === 'number') expect([got.value, got.unit], where).toEqual([expected.value, expected.unit ?? null]);
    if (expected.explanation !== undefined) expect(squash(got.explanation), where).toBe(squash(expected.explanation));
    if (expected.page !== undefined) expect(got.page, where).toBe(expected.page);
    expect(got.party, where).toBe(key.party);
  }
}
