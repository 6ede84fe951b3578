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

  it('resolves each concept IRI path to its page (303) and to its RDF by Accept', async () => {
    const path = new URL(conceptIri('party:GHA')).pathname.replace(/^\/mep/, '');
    expect(path).toBe('/taxonomy/party/GHA');
    const html = await fetch(`${platform.url}${path}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(html.status).toBe(303);
    expect(html.headers.get('location')).toBe('/parties/GHA');
    const article = await fetch(`${platform.url}/taxonomy/article/17`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(article.headers.get('location')).toBe('/articles/17');
    const theme = await fetch(`${platform.url}/taxonomy/theme/asgm`, { redirect: 'manual' });
    expect(theme.headers.get('location')).toBe('/search?theme=theme%3Aasgm');
    const ttl = await fetch(`${platform.url}${path}`, { headers: { accept: 'text/turtle' } });
    const text = await ttl.text();
    expect(text).toContain(`<${conceptIri('party:GHA')}> a skos:Concept`);
    expect(text).not.toContain('skos:ConceptScheme ;');
    const jsonld = (await (await fetch(`${platform.url}${path}`, { headers: { accept: 'application/ld+json' } })).json()) as { '@graph': { '@id': string }[] };
    expect(jsonld['@graph'].map((n) => n['@id'])).toEqual([conceptIri('party:GHA')]);
    expect((await fetch(`${platform.url}/taxonomy/party/ATL`, { headers: { accept: 'text/turtle' } })).status).toBe(404);
    expect((await fetch(`${platform.url}/taxonomy/planet/earth`)).status).toBe(400);
  });

  it('rejects an unknown format', async () => {
    expect((await platform.get('/api/taxonomy/skos?format=rdfxml')).body.error.code).toBe('invalid_request');
  });
});
