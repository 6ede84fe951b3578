/**
 * OAI-PMH 2.0 at /oai: every response validated by xmllint against the protocol's schema essentials
 * (oai-pmh-essentials.xsd, written from the specification), the eight error codes, stateless paging,
 * and harvests by a real third-party harvester: Debian's HTTP::OAI (`oai_pmh`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '@mep/db';
import { REPORT_FIXTURES_DIR, loadReportKeys } from '../../../../packages/ingest/src/reports/fixtures.test-support';
import { signedInClient } from '../../src/services/testing/forum-harness';
import { withdrawFromOai } from '../../src/oai/records';
import { fixturesDir, startTestPlatform, type TestPlatform } from '../platform';

const run = promisify(execFile);
const ESSENTIALS = join(import.meta.dirname, 'oai-pmh-essentials.xsd');
const work = mkdtempSync(join(tmpdir(), 'mep-oai-'));
let platform: TestPlatform;
let allIds: string[];
const reportFiles = loadReportKeys().map((k) => k.file);

beforeAll(async () => {
  const files = [...reportFiles.map((f) => join(REPORT_FIXTURES_DIR, f)), join(fixturesDir, 'en-products-guide.pdf'), join(fixturesDir, 'un-symbol-dated.pdf'), join(fixturesDir, 'fr-orientations.docx')];
  platform = await startTestPlatform({ ingest: files, env: { MEP_OAI_PAGE_SIZE: '3' } });
  allIds = platform.outcomes.map((o) => o.documentId!).sort();
  expect(allIds).toHaveLength(files.length);
}, 180_000);
afterAll(async () => platform?.close());

let n = 0;
/** GETs /oai?query, checks HTTP 200 and XML validity against the schema essentials; returns the text. */
async function oai(query: string): Promise<string> {
  const response = await fetch(`${platform.url}/oai?${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
  const xml = await response.text();
  const file = join(work, `r${++n}.xml`);
  writeFileSync(file, xml);
  const { stderr } = await run('xmllint', ['--noout', '--schema', ESSENTIALS, file]).catch((e) => {
    throw new Error(`${query}: invalid OAI-PMH response\n${e.stderr}\n${xml.slice(0, 2000)}`);
  });
  expect(stderr).toMatch(/validates/);
  return xml;
}

const errorCode = (xml: string) => /<error code="([A-Za-z]+)"/.exec(xml)?.[1];
const identifiers = (xml: string) => [...xml.matchAll(/<identifier>oai:mep\.mercuryconvention\.org:([a-f0-9]+)<\/identifier>/g)].map((m) => m[1]!);
const tokenOf = (xml: string) => /<resumptionToken([^>]*?)(?:\/>|>([^<]*)<\/resumptionToken>)/.exec(xml);

describe('verbs', () => {
  it('Identify declares seconds granularity and persistent deleted records', async () => {
    const xml = await oai('verb=Identify');
    expect(xml).toContain('<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>');
    expect(xml).toContain('<deletedRecord>persistent</deletedRecord>');
    expect(xml).toContain(`<baseURL>${platform.url}/oai</baseURL>`);
  });

  it('ListMetadataFormats offers oai_dc and mep, for the repository and for one item', async () => {
    for (const q of ['verb=ListMetadataFormats', `verb=ListMetadataFormats&identifier=oai:mep.mercuryconvention.org:${allIds[0]}`]) {
      const xml = await oai(q);
      expect(xml).toContain('<metadataPrefix>oai_dc</metadataPrefix>');
      expect(xml).toContain('<metadataPrefix>mep</metadataPrefix>');
    }
  });

  it('ListSets lists themes, document types and parties as a hierarchy', async () => {
    const xml = await oai('verb=ListSets');
    for (const spec of ['theme', 'theme:asgm', 'doctype', 'doctype:national-report', 'party', 'party:GHA']) expect(xml).toContain(`<setSpec>${spec}</setSpec>`);
  });

  it('GetRecord in oai_dc and in mep (concept ids and URIs), the mep record valid against /oai/mep.xsd', async () => {
    const ghana = platform.outcomes.find((o) => o.source.endsWith('en-ghana-full.pdf'))!.documentId!;
    const dc = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mep.mercuryconvention.org:${ghana}`);
    expect(dc).toContain('<dc:title>');
    expect(dc).toContain('<dc:coverage>Ghana</dc:coverage>');
    const mep = await oai(`verb=GetRecord&metadataPrefix=mep&identifier=oai:mep.mercuryconvention.org:${ghana}`);
    expect(mep).toMatch(/<mep:concept id="party:GHA" scheme="party" uri="https:[^"]+"\/>/);
    expect(mep).toContain('id="doctype:national-report"');
    const xsd = await (await fetch(`${platform.url}/oai/mep.xsd`)).text();
    writeFileSync(join(work, 'mep.xsd'), xsd);
    const record = join(work, 'mep-record.xml');
    writeFileSync(record, (await run('xmllint', ['--xpath', '//*[local-name()="document"]', join(work, `r${n}.xml`)])).stdout);
    await run('xmllint', ['--noout', '--schema', join(work, 'mep.xsd'), record]);
  });

  it('answers POST with form arguments too', async () => {
    const response = await fetch(`${platform.url}/oai`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'verb=Identify' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<Identify>');
  });
});

describe('paging with stateless resumption tokens', () => {
  it('walks every record exactly once, with completeListSize and cursor, ending on an empty token', async () => {
    const seen: string[] = [];
    let xml = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc');
    let expectedCursor = 0;
    for (;;) {
      seen.push(...identifiers(xml));
      const token = tokenOf(xml);
      expect(token, 'a paged list carries a token on every page').toBeTruthy();
      expect(token![1]).toContain(`completeListSize="${allIds.length}"`);
      expect(token![1]).toContain(`cursor="${expectedCursor}"`);
      expectedCursor += 3;
      if (!token![2]) break;
      xml = await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token![2])}`);
    }
    expect(seen.sort()).toEqual(allIds);
  });

  it('keeps the set and the dates inside the token', async () => {
    const first = await oai('verb=ListRecords&metadataPrefix=oai_dc&set=doctype:national-report');
    const token = tokenOf(first)![2]!;
    const second = await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`);
    expect(second).not.toContain('<dc:title>Mercury-added products');
  });
});

describe('errors: HTTP 200 with the right code', () => {
  const cases: [string, string][] = [
    ['', 'badVerb'],
    ['verb=Dance', 'badVerb'],
    ['verb=Identify&verb=Identify', 'badVerb'],
    ['verb=ListRecords', 'badArgument'],
    ['verb=Identify&extra=1', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=mep', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-13-45', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=yesterday', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2025-01-01T00:00:00Z', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-02&until=2025-01-01', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&set=', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&set=bad%20set', 'badArgument'],
    ['verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc', 'badArgument'],
    ['verb=GetRecord&identifier=x', 'badArgument'],
    ['verb=ListRecords&resumptionToken=not-a-token', 'badResumptionToken'],
    [`verb=ListRecords&resumptionToken=${Buffer.from('{"v":1}').toString('base64url')}`, 'badResumptionToken'],
    ['verb=ListSets&resumptionToken=abc', 'badResumptionToken'],
    ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
    ['verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mep.mercuryconvention.org:ffffffffffffffffffff', 'idDoesNotExist'],
    ['verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere:1', 'idDoesNotExist'],
    ['verb=ListMetadataFormats&identifier=oai:mep.mercuryconvention.org:ffffffffffffffffffff', 'idDoesNotExist'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01', 'noRecordsMatch'],
    ['verb=ListIdentifiers&metadataPrefix=oai_dc&set=party:ATL', 'noRecordsMatch'],
  ];
  for (const [query, code] of cases) {
    it(`${query || '(no arguments)'} → ${code}`, async () => {
      const xml = await oai(query);
      expect(errorCode(xml)).toBe(code);
      if (code === 'badVerb' || code === 'badArgument') expect(xml).toMatch(/<request>[^<]+<\/request>/);
    });
  }
});

/** Runs Debian's harvester; returns the identifiers it harvested (it follows resumption tokens itself). */
async function harvest(args: string[]): Promise<{ ids: string[]; deleted: string[] }> {
  const { stdout } = await run('oai_pmh', [...args, `${platform.url}/oai`], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  const items = stdout.split('\f').filter((s) => s.includes('<identifier>') || /identifier:/i.test(s));
  const ids: string[] = [];
  const deleted: string[] = [];
  for (const item of items) {
    const id = /oai:mep\.mercuryconvention\.org:([a-f0-9]+)/.exec(item)?.[1];
    if (!id) continue;
    ids.push(id);
    if (/status="deleted"|status:\s*deleted/i.test(item)) deleted.push(id);
  }
  return { ids, deleted };
}

describe('a real harvester (Debian libhttp-oai-perl, oai_pmh)', () => {
  it('full harvest: every document exactly once', async () => {
    const { ids } = await harvest(['-X', 'ListRecords', '--metadataPrefix', 'oai_dc']);
    expect([...ids].sort()).toEqual(allIds);
  }, 150_000);

  it('one set: just that set', async () => {
    const reports = platform.outcomes.filter((o) => reportFiles.some((f) => o.source.endsWith(f))).map((o) => o.documentId!).sort();
    expect((await harvest(['-X', 'ListIdentifiers', '--metadataPrefix', 'oai_dc', '--set', 'doctype:national-report'])).ids.sort()).toEqual(reports);
    const ghana = platform.outcomes.find((o) => o.source.endsWith('en-ghana-full.pdf'))!.documentId!;
    expect((await harvest(['-X', 'ListIdentifiers', '--metadataPrefix', 'mep', '--set', 'party:GHA'])).ids).toEqual([ghana]);
  }, 150_000);

  it('incremental harvest after an edit: just that record', async () => {
    const since = new Date(Date.now() + 1000).toISOString().slice(0, 19) + 'Z';
    await new Promise((r) => setTimeout(r, 1500));
    const france = platform.outcomes.find((o) => o.source.endsWith('fr-france-short.pdf'))!.documentId!;
    const moderator = (await signedInClient(platform.context.db, platform.url, 'moderator')).client;
    expect((await moderator.put(`/api/documents/${france}/answers/article:8/1`, { answer: 'no' })).status).toBe(200);
    expect((await harvest(['-X', 'ListIdentifiers', '--metadataPrefix', 'oai_dc', '--from', since])).ids).toEqual([france]);
  }, 150_000);

  it('a withdrawn document stays as a deleted record, in full and set harvests', async () => {
    const chile = platform.outcomes.find((o) => o.source.endsWith('en-chile-unstructured.pdf'))!.documentId!;
    expect(await withdrawFromOai(platform.context, chile)).toBe(true);
    expect((await platform.context.db.select().from(documents).all()).length).toBe(allIds.length);
    const xml = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mep.mercuryconvention.org:${chile}`);
    expect(xml).toContain('<header status="deleted">');
    expect(xml).not.toContain('<metadata>');
    const full = await harvest(['-X', 'ListIdentifiers', '--metadataPrefix', 'oai_dc']);
    expect([...full.ids].sort()).toEqual(allIds);
    expect(full.deleted).toEqual([chile]);
    const set = await harvest(['-X', 'ListRecords', '--metadataPrefix', 'oai_dc', '--set', 'doctype:national-report']);
    expect(set.ids).toContain(chile);
    expect(set.deleted).toEqual([chile]);
  }, 150_000);
});
