import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conceptIri } from '@mep/taxonomy';
import { startTestPlatform, type TestPlatform } from './platform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
}, 180_000);
afterAll(async () => platform?.close());

describe('/api/taxonomy/skos', () => {
  it('serves Turtle by default and for Accept: text/turtle, parseable by a real RDF parser', async () => {
    for (const accept of ['*/*', 'text/turtle']) {
      const response = await fetch(`${platform.url}/api/taxonomy/skos`, { headers: { accept } });
      expect(response.headers.get('content-type')).toMatch(/^text\/turtle/);
      expect(response.headers.get('vary')).toMatch(/Accept/);
      // The taxonomy package's own tests parse this output with n3; here: the HTTP contract.
      const text = await response.text();
      expect(text).toMatch(/@prefix skos: <http:\/\/www\.w3\.org\/2004\/02\/skos\/core#>/);
      expect(text).toContain('skos:Concept');
    }
  });

  it('serves JSON-LD for Accept: application/ld+json', async () => {
    const response = await fetch(`${platform.url}/api/taxonomy/skos`, { headers: { accept: 'application/ld+json' } });
    expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const body = await response.json();
    expect(JSON.stringify(body)).toContain(conceptIri('party:GHA'));
  });

  it('rejects an unknown format', async () => {
    expect((await platform.get('/api/taxonomy/skos?format=rdfxml')).body.error.code).toBe('invalid_request');
  });
});
