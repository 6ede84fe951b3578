/** GET /api/convention/:id over the real Convention: the article's own pages, referring documents, hostile input. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConventionSectionDto, DocumentDetail } from '../../contracts';
import { corpusDir, startTestPlatform, type TestPlatform } from '../../../test/platform';

let platform: TestPlatform;
let conventionId: string;
let noteId: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mep-convention-'));
  const note = join(dir, 'asgm-note.md');
  writeFileSync(note, '# National action plans on artisanal and small-scale gold mining\n\nUnder Article 7 of the Minamata Convention on Mercury, a Party with more than insignificant artisanal and small-scale gold mining develops a national action plan (Annex C). Mercury use in gold mining, mercury amalgam, mercury emissions: Article 7 again, and Article 7 paragraph 3.\n');
  platform = await startTestPlatform({ ingest: [join(corpusDir, 'minamata/minamata-convention.pdf'), note], env: { MEP_OCR: 'off' } });
  conventionId = platform.outcomes.find((o) => o.source.endsWith('minamata-convention.pdf'))!.documentId!;
  noteId = platform.outcomes.find((o) => o.source.endsWith('asgm-note.md'))!.documentId!;
}, 300_000);
afterAll(async () => platform?.close());

describe('GET /api/convention/:id', () => {
  it('gives Article 7 its own text, from its heading to the next article, and the documents that refer to it', async () => {
    const { status, body } = await platform.get<ConventionSectionDto>('/api/convention/article:7?lang=en');
    expect(status).toBe(200);
    expect(body.text).toMatchObject({ documentId: conventionId, language: 'en', fromPage: 7, toPage: 8, fileUrl: `/api/documents/${conventionId}/file` });
    const text = body.text!.pages.map((p) => p.text).join('\n');
    expect(text).toMatch(/^Article 7\s+Artisanal and small-scale gold mining/);
    expect(text).not.toMatch(/^Article 8/m);
    expect(text).not.toContain('Definitions');
    expect(body.languages).toEqual(['en']);
    expect(body.referring[0]?.documentId).toBe(noteId);
    expect(body.referringTotal).toBe(body.referring.length);
    expect(body.referring.some((r) => r.documentId === conventionId)).toBe(false);
  });

  it('falls back to a held language, finds annexes and the last article', async () => {
    const fr = await platform.get<ConventionSectionDto>('/api/convention/annex:C?lang=fr');
    expect(fr.body.text?.language).toBe('en');
    expect(fr.body.text?.pages[0]?.text).toMatch(/^Annex C\s+Artisanal and small-scale gold mining/);
    const last = await platform.get<ConventionSectionDto>('/api/convention/article:35');
    expect(last.body.text?.pages.map((p) => p.text).join(' ')).not.toContain('Annex A');
  });

  it('puts the Convention\'s own Article 7 page first in its evidence, not the definitions page', async () => {
    const { body } = await platform.get<DocumentDetail>(`/api/documents/${conventionId}`);
    const article7 = body.concepts.find((c) => c.id === 'article:7');
    expect(article7?.evidence[0]?.page).toBe(7);
  });

  it.each([
    ['/api/convention/article:36', 400],
    ['/api/convention/article:0', 400],
    ['/api/convention/annex:F', 400],
    ['/api/convention/theme:asgm', 400],
    ['/api/convention/%3Cscript%3E', 400],
    ['/api/convention/article:7?lang=xx', 400],
    ['/api/convention/article:7?limit=1000', 400],
    ['/api/convention/article:7?limit=-1', 400],
    [`/api/convention/${'article:7'.repeat(200)}`, 400],
  ])('%s → %i invalid_request', async (path, code) => {
    const response = await platform.get<{ error: { code: string } }>(path);
    expect(response.status).toBe(code);
    expect(response.body.error.code).toBe('invalid_request');
  });
});
