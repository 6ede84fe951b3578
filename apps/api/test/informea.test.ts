/**
 * The InforMEA-compatible export: every exported record of every entity validates (ajv) against the
 * JSON Schemas written from InforMEA's required fields (src/informea/schemas); paging and the
 * `updated` since-filter let InforMEA harvest incrementally; bad paging and dates answer clearly.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReportKeys, REPORT_FIXTURES_DIR } from '../../../packages/ingest/src/reports/fixtures.test-support';
import { signedInClient } from '../src/services/testing/forum-harness';
import { fixturesDir, startTestPlatform, type TestPlatform } from './platform';

const schemaDir = join(import.meta.dirname, '../src/informea/schemas');
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validator = (name: string) => ajv.compile(JSON.parse(readFileSync(join(schemaDir, `${name}.schema.json`), 'utf8')));
const validate = { documents: validator('document'), 'country-reports': validator('country-report'), 'national-plans': validator('national-plan'), treaty: validator('treaty') };

let platform: TestPlatform;
const keys = loadReportKeys();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mep-informea-'));
  const plan = join(dir, 'ghana-nap.md');
  writeFileSync(
    plan,
    // A plan names its country in its heading, as real ones do: party tags need the country as the subject.
    '# Ghana: National action plan on artisanal and small-scale gold mining\n\nGhana submitted this national action plan under Article 7 of the Minamata Convention on Mercury. ' +
      'Mercury use in Ghana is highest in the Ashanti region; Ghana will eliminate whole-ore amalgamation. Mercury, mercury, mercury.\n',
  );
  platform = await startTestPlatform({ ingest: [...keys.map((k) => join(REPORT_FIXTURES_DIR, k.file)), join(fixturesDir, 'en-products-guide.pdf'), plan] });
}, 180_000);
afterAll(async () => platform?.close());

async function harvestAll(entity: 'documents' | 'country-reports' | 'national-plans', query = ''): Promise<any[]> {
  const out: any[] = [];
  for (let page = 1; ; page++) {
    const { status, body } = await platform.get(`/api/informea/${entity}?pageSize=2&page=${page}${query}`);
    expect(status).toBe(200);
    out.push(...body.results);
    if (page >= body.pages) return out;
  }
}

describe('InforMEA export', () => {
  it('every document validates against the Document schema, with keywords carrying concept URIs and exactMatch', async () => {
    const docs = await harvestAll('documents');
    expect(docs).toHaveLength(platform.outcomes.length);
    for (const doc of docs) expect(validate.documents(doc), JSON.stringify(validate.documents.errors)).toBe(true);
    const guide = docs.find((d) => d.titles[0].value.startsWith('Mercury-added products'));
    const amalgam = guide.keywords.find((k: any) => k.termURI.endsWith('topic/dental-amalgam'));
    expect(amalgam).toMatchObject({ scope: 'topic', literalForm: 'Dental amalgam' });
    expect(amalgam.labels.map((l: any) => l.language).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    // GEMET / UNBIS links where the vocabulary has them.
    expect(docs.flatMap((d) => d.keywords).some((k: any) => k.exactMatch.some((u: string) => /gemet|unbis/i.test(u)))).toBe(true);
  });

  it('every national report validates as a CountryReport; one with an unknown party is left out', async () => {
    const reports = await harvestAll('country-reports');
    for (const r of reports) expect(validate['country-reports'](r), JSON.stringify(validate['country-reports'].errors)).toBe(true);
    const expected = keys.filter((k) => k.party).map((k) => k.party!.slice(6)).sort();
    expect(reports.map((r) => r.country).sort()).toEqual(expected);
  });

  it('every national plan validates as a NationalPlan', async () => {
    const plans = await harvestAll('national-plans');
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans) expect(validate['national-plans'](p), JSON.stringify(validate['national-plans'].errors)).toBe(true);
    expect(plans[0]).toMatchObject({ country: 'GHA', type: 'National action plan' });
  });

  it('the treaty validates as a Treaty, with six titles', async () => {
    const { body } = await platform.get('/api/informea/treaty');
    expect(validate.treaty(body), JSON.stringify(validate.treaty.errors)).toBe(true);
  });

  it('harvests incrementally: `updated` returns what changed since', async () => {
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const ghana = platform.outcomes.find((o) => o.source.endsWith('en-ghana-full.pdf'))!.documentId!;
    const moderator = (await signedInClient(platform.context.db, platform.url, 'curator')).client;
    expect((await moderator.put(`/api/documents/${ghana}/answers/article:3/1`, { answer: 'yes' })).status).toBe(200);
    const changed = await harvestAll('documents', `&updated=${encodeURIComponent(since)}`);
    expect(changed.map((d) => d.id)).toEqual([ghana]);
    expect((await harvestAll('country-reports', `&updated=${encodeURIComponent(since)}`)).map((d) => d.id)).toEqual([ghana]);
  });

  it('answers pages past the end, future and malformed dates clearly', async () => {
    const past = await platform.get('/api/informea/documents?page=999');
    expect(past.status).toBe(404);
    expect(past.body.error.message).toMatch(/page/i);
    for (const bad of ['updated=2999-01-01', 'updated=yesterday', 'updated=2024-02-31T00:00:00Z', 'page=0', 'pageSize=10000', 'page=abc']) {
      const response = await platform.get(`/api/informea/documents?${bad}`);
      expect(response.status, bad).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
    }
    const empty = await platform.get(`/api/informea/documents?updated=${new Date().toISOString()}`);
    expect(empty.body).toMatchObject({ total: 0, results: [] });
  });
});
