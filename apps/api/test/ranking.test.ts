import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles, type IngestOutcome } from '@mep/ingest';
import { corpusDir, startTestPlatform, type TestPlatform } from './platform';

interface Hit {
  documentId: string;
  title: string;
  doctype: string;
  language: string;
  snippet: string;
  passages: Array<{ page: number; snippet: string }>;
}

let platform: TestPlatform;
let outcomes: IngestOutcome[];

beforeAll(async () => {
  // OCR off: ranking is about the text layers; the corpus test covers recognition.
  platform = await startTestPlatform({ env: { MEP_OCR: 'off' } });
  // SOURCES.md comes in too (asked for): it must rank below every real document.
  outcomes = await ingestFiles([corpusDir], platform.context, { includeReadmes: true });
}, 600_000);
afterAll(async () => platform?.close());

function idOf(fileName: string): string {
  const outcome = outcomes.find((o) => o.source.endsWith(`/${fileName}`));
  expect(outcome?.documentId, fileName).toBeDefined();
  return outcome!.documentId!;
}

async function search(q: string, extra = ''): Promise<{ hits: Hit[]; total: number }> {
  const { status, body } = await platform.get(`/api/search?q=${encodeURIComponent(q)}${extra}`);
  expect(status, q).toBe(200);
  return body;
}

/** Every highlighted span of a snippet, with one character of context on each side. */
function marks(snippet: string): Array<{ before: string; word: string; after: string }> {
  return [...snippet.matchAll(/(.?)<mark>(.*?)<\/mark>(.?)/gsu)].map((m) => ({ before: m[1] ?? '', word: m[2] ?? '', after: m[3] ?? '' }));
}

describe('ranking over ../shared/corpus', () => {
  it('ingests a README-like file only when asked, as doctype:other', async () => {
    const sources = outcomes.find((o) => o.source.endsWith('/SOURCES.md'));
    expect(sources?.status).toBe('ingested');
    expect((await platform.get(`/api/documents/${sources!.documentId}`)).body.doctype).toBe('doctype:other');
  });

  it.each(['mercurio', 'زئبق', '汞', 'mercury'])('puts the Minamata Convention first for "%s", and no README in the top 3', async (q) => {
    const { hits } = await search(q);
    const convention = idOf('minamata-convention.pdf');
    expect(hits[0]?.documentId, `${q}: ${hits.map((h) => h.title).join(' | ')}`).toBe(convention);
    for (const hit of hits.slice(0, 3)) {
      expect(hit.doctype, hit.title).not.toBe('doctype:other');
      expect(hit.documentId).not.toBe(idOf('SOURCES.md'));
    }
  });

  it('ranks a README-like file below every real document that matches', async () => {
    const { hits } = await search('Minamata Convention');
    const readme = hits.findIndex((h) => h.documentId === idOf('SOURCES.md'));
    expect(readme === -1 || hits.slice(readme + 1).every((h) => h.doctype === 'doctype:other')).toBe(true);
  });

  it('never matches on a stop word: the French and Spanish BBNJ texts do not come for "de"', async () => {
    const { hits } = await search('plan de acción nacional');
    expect(hits[0]?.documentId).toBe(idOf('minamata-convention.pdf'));
    for (const hit of hits) {
      for (const passage of hit.passages) for (const mark of marks(passage.snippet)) expect(mark.word.toLowerCase(), hit.title).not.toMatch(/^(de|la|el|y|en)$/u);
    }
  });

  it('browses without words: the Convention texts and decisions come before the rest', async () => {
    const { body } = await platform.get('/api/search?pageSize=20');
    const ranks = (body.hits as Hit[]).map((h) => h.doctype);
    expect(ranks[0]).toBe('doctype:convention-text');
    expect(ranks.at(-1)).toBe('doctype:other');
  });
});

describe('highlighting and snippets', () => {
  it.each([
    ['ртуть', 'mercury'],
    ['汞', 'mercury'],
    ['الزئبق', 'mercury'],
  ])('a %s query reaching the English Convention through a concept highlights "%s" on its pages', async (q, label) => {
    const { hits } = await search(q);
    const hit = hits.find((h) => h.documentId === idOf('minamata-convention.pdf'))!;
    expect(hit.passages.length).toBeGreaterThan(0);
    for (const passage of hit.passages) {
      const found = marks(passage.snippet);
      expect(found.length, passage.snippet).toBeGreaterThan(0);
      for (const mark of found) expect(mark.word.toLowerCase()).toBe(label);
    }
  });

  it('highlights whole words only ("de" never inside "devices" or "cathode")', async () => {
    for (const q of ['dispositivos de medición', 'mercurio de', 'de']) {
      const { hits } = await search(q);
      for (const hit of hits) {
        for (const text of [hit.snippet, ...hit.passages.map((p) => p.snippet)]) {
          for (const mark of marks(text)) {
            expect(`${mark.before}[${mark.word}]${mark.after}`, `${q} in ${hit.title}`).not.toMatch(/\p{L}\[|\]\p{L}/u);
            expect(mark.word.toLowerCase()).not.toBe('de');
          }
        }
      }
    }
  });

  it('gives clean prose: no Markdown pipes or rules, no literal <sup> tags, no line breaks', async () => {
    for (const q of ['mercury', 'Y29', 'hazardous wastes', '汞', 'conference of the parties']) {
      const { hits } = await search(q);
      for (const hit of hits) {
        for (const text of [hit.snippet, ...hit.passages.map((p) => p.snippet)]) {
          expect(text, `${q} in ${hit.title}`).not.toMatch(/\||-{3,}|&lt;\/?sup|<sup|\*\*|\n/u);
        }
      }
    }
  });
});

describe('GET /api/search/highlight-terms (what the evidence page highlights)', () => {
  it("gives an Arabic query's concept in the English document's words, and no stop words", async () => {
    const convention = idOf('minamata-convention.pdf');
    const { status, body } = await platform.get(`/api/search/highlight-terms?q=${encodeURIComponent('الزئبق')}&document=${convention}`);
    expect(status).toBe(200);
    expect(body.terms.map((term: string) => term.toLowerCase())).toContain('mercury');
    const spanish = (await platform.get(`/api/search/highlight-terms?q=${encodeURIComponent('plan de acción nacional')}&document=${convention}`)).body;
    expect(spanish.terms).not.toContain('de');
    expect(spanish.terms).toEqual(expect.arrayContaining(['plan', 'acción', 'nacional']));
    expect(spanish.terms.some((term: string) => /national action plan/i.test(term))).toBe(true);
  });

  it('answers bad input with a clear 4xx', async () => {
    const convention = idOf('minamata-convention.pdf');
    expect((await platform.get(`/api/search/highlight-terms?document=${convention}`)).status).toBe(400);
    expect((await platform.get('/api/search/highlight-terms?q=mercury&document=../../etc/passwd')).status).toBe(400);
    expect((await platform.get(`/api/search/highlight-terms?q=${'x'.repeat(501)}&document=${convention}`)).status).toBe(400);
    const missing = await platform.get('/api/search/highlight-terms?q=mercury&document=0123456789abcdef0123');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBeTruthy();
  });
});
