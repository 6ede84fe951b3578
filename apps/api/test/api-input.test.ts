import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './platform';

let platform: TestPlatform;
let documentId: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mep-input-'));
  const note = join(dir, 'note.md');
  writeFileSync(note, '# Phasing down dental amalgam\n\nMercury in dental amalgam. Dental amalgam use is phased down under the Minamata Convention on Mercury. Mercury, mercury.\n');
  platform = await startTestPlatform({ ingest: [note] });
  documentId = platform.outcomes[0]!.documentId!;
}, 180_000);
afterAll(async () => platform?.close());

describe('hostile and malformed API input answers 4xx with a stable code, never 500', () => {
  const cases: Array<[string, number, string]> = [
    ['/api/search?page=0', 400, 'invalid_request'],
    ['/api/search?page=abc', 400, 'invalid_request'],
    ['/api/search?pageSize=1000', 400, 'invalid_request'],
    ['/api/search?theme=asgm', 400, 'invalid_request'],
    ['/api/search?theme=theme:asgm%22%20OR%20lang%20%3D%20%22en', 400, 'invalid_request'],
    ['/api/search?article=article:36', 400, 'invalid_request'],
    ['/api/search?year=20x4', 400, 'invalid_request'],
    ['/api/search?sort=sideways', 400, 'invalid_request'],
    [`/api/search?q=${'a'.repeat(600)}`, 400, 'invalid_request'],
    ['/api/search?lang=xx', 400, 'invalid_request'],
    ['/api/documents/..%2F..%2Fetc%2Fpasswd', 400, 'invalid_request'],
    ['/api/documents/ffffffffffffffffffff', 404, 'not_found'],
    ['/api/documents/ffffffffffffffffffff/file', 404, 'not_found'],
    ['/api/taxonomy/concepts/theme:nope', 404, 'not_found'],
    ['/api/taxonomy/concepts/%3Cscript%3E', 400, 'invalid_request'],
    ['/api/taxonomy?scheme=bogus', 400, 'invalid_request'],
    ['/api/nothing-here', 404, 'not_found'],
  ];
  for (const [path, status, code] of cases) {
    it(`${path.slice(0, 70)} → ${status} ${code}`, async () => {
      const response = await platform.get<{ error: { code: string; message: string } }>(path);
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
      expect(typeof response.body.error.message).toBe('string');
    });
  }

  it('rejects pages outside the document and non-numeric pages', async () => {
    expect((await platform.get(`/api/documents/${documentId}/pages/0`)).status).toBe(400);
    expect((await platform.get(`/api/documents/${documentId}/pages/x`)).status).toBe(400);
    expect((await platform.get(`/api/documents/${documentId}/pages/2`)).status).toBe(404);
  });

  it('answers malformed JSON bodies with invalid_json', async () => {
    const response = await fetch(`${platform.url}/api/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"q": ' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
  });

  it('treats query text as text: filter syntax and markup in q are searched, not executed', async () => {
    const response = await platform.get(`/api/search?q=${encodeURIComponent('<img src=x onerror=alert(1)> lang = "en" OR 1=1')}`);
    expect(response.status).toBe(200);
    // The query is echoed as JSON data; only snippets are HTML, and they carry no markup but <mark>.
    const snippets = response.body.hits.flatMap((hit: { snippet: string; passages: Array<{ snippet: string }> }) => [hit.snippet, ...hit.passages.map((p) => p.snippet)]);
    for (const snippet of snippets) expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });
});

describe('search basics on a small repository', () => {
  it('accepts repeated and comma-separated facet values', async () => {
    const repeated = await platform.get('/api/search?lang=en&lang=fr');
    const comma = await platform.get('/api/search?lang=en,fr');
    expect(repeated.status).toBe(200);
    expect(comma.body.total).toBe(repeated.body.total);
  });

  it('highlights matches with <mark> and escapes everything else', async () => {
    const { body } = await platform.get('/api/search?q=amalgam');
    expect(body.total).toBe(1);
    expect(body.hits[0].snippet).toMatch(/<mark>amalgam<\/mark>/i);
    expect(body.hits[0].passages[0].page).toBe(1);
  });
});

describe('service endpoints', () => {
  it('reports health and readiness', async () => {
    expect((await platform.get('/api/health')).body).toEqual({ status: 'ok' });
    expect((await platform.get('/api/ready')).body).toEqual({ status: 'ready', checks: { database: true, search: true } });
  });

  it('describes every route in an OpenAPI 3.1 document', async () => {
    const { body } = await platform.get('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    for (const path of ['/api/search', '/api/documents/{id}', '/api/documents/{id}/file', '/api/documents/{id}/pages/{n}', '/api/taxonomy', '/api/taxonomy/concepts/{id}', '/api/health', '/api/ready']) {
      expect(body.paths[path], path).toBeDefined();
    }
    // One contract per route: every JSON route declares the schema its handler's return type is checked against.
    for (const [path, operations] of Object.entries(body.paths as Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema?: object }> }> }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const json = operation.responses['200']?.content['application/json'];
        if (json) expect(Object.keys(json.schema ?? {}).length, `${method} ${path} declares its response schema`).toBeGreaterThan(0);
      }
    }
    const search = body.paths['/api/search'].get;
    expect(search.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'theme', 'article', 'doctype', 'party', 'region', 'lang', 'year', 'page', 'pageSize']));
  });

  it('never sends the Meilisearch master key to a client', async () => {
    const key = platform.context.search.client.config.apiKey!;
    for (const path of ['/api/openapi.json', '/api/ready', '/api/search?q=mercury', '/']) {
      const response = await fetch(platform.url + path);
      expect(await response.text()).not.toContain(key);
    }
  });

  it('says when Meilisearch is down instead of failing obscurely', async () => {
    await platform.context.search.close();
    const ready = await platform.get('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.search).toBe(false);
    const search = await platform.get('/api/search?q=mercury');
    expect(search.status).toBe(503);
    expect(search.body.error.code).toBe('search_unavailable');
  });
});
