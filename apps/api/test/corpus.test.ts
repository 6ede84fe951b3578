import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isReadmeLike } from '@mep/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, startTestPlatform, type TestPlatform } from './platform';

/** Every file under the corpus folder, as the CLI would collect it (a folder's README-like files are skipped). */
function listCorpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && !isReadmeLike(name))
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? listCorpusFiles(join(dir, name)) : [join(dir, name)]));
}

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ ingest: [corpusDir] });
  // The OCR stage runs behind ingest (the first 3 pages of each document in tests: MEP_OCR_MAX_PAGES).
  await platform.context.ocr.idle();
}, 900_000);
afterAll(async () => platform?.close());

const MERCURY_THEMES = [
  'theme:supply-trade', 'theme:products', 'theme:processes', 'theme:asgm', 'theme:emissions', 'theme:releases',
  'theme:storage-waste', 'theme:contaminated-sites', 'theme:health', 'theme:finance-capacity',
  'theme:information-awareness', 'theme:reporting-effectiveness',
];

function documentFor(fileName: string) {
  const outcome = platform.outcomes.find((o) => o.source.endsWith(fileName));
  expect(outcome, fileName).toBeDefined();
  return outcome!;
}

describe('the real corpus, ingested', () => {
  it('makes every file a document', () => {
    const files = listCorpusFiles(corpusDir);
    expect(platform.outcomes).toHaveLength(files.length);
    for (const outcome of platform.outcomes) expect(outcome.status, `${outcome.source}: ${outcome.message}`).toBe('ingested');
  });

  it('gives each BBNJ translation its language', async () => {
    for (const lang of ['ar', 'en', 'es', 'fr', 'ru', 'zh']) {
      const outcome = documentFor(`bbnj-agreement-2023-${lang}.pdf`);
      const { body } = await platform.get(`/api/documents/${outcome.documentId}`);
      expect(body.language, `bbnj ${lang}`).toBe(lang);
    }
  });

  it('tags the Minamata Convention with all 35 articles, 5 annexes and 12 themes', async () => {
    const { status, body } = await platform.get(`/api/documents/${documentFor('minamata-convention.pdf').documentId}`);
    expect(status).toBe(200);
    const ids = new Set(body.concepts.map((c: { id: string }) => c.id));
    for (let n = 1; n <= 35; n++) expect(ids.has(`article:${n}`), `article:${n}`).toBe(true);
    for (const annex of 'ABCDE') expect(ids.has(`annex:${annex}`), `annex:${annex}`).toBe(true);
    for (const theme of MERCURY_THEMES) expect(ids.has(theme), theme).toBe(true);
    expect(body.pageCount).toBe(31);
    expect(body.doctype).toBe('doctype:convention-text');
  });

  it('finds the Convention for "dental amalgam", with a passage on the Annex A page that mentions it', async () => {
    const convention = documentFor('minamata-convention.pdf').documentId!;
    const pagesBody = (await platform.get(`/api/documents/${convention}/pages`)).body as { pages: Array<{ page: number; text: string }> };
    // Annex A runs from its heading to the heading of Annex B; dental amalgam is in its Part II.
    const annexAStart = pagesBody.pages.find((p) => /^Annex A$/m.test(p.text))!.page;
    const annexBStart = pagesBody.pages.find((p) => /^Annex B$/m.test(p.text))!.page;
    const annexAPages = pagesBody.pages
      .filter((p) => p.page >= annexAStart && p.page <= annexBStart && /dental amalgam/i.test(p.text))
      .map((p) => p.page);
    expect(annexAPages.length).toBeGreaterThan(0);

    const { status, body } = await platform.get('/api/search?q=dental%20amalgam');
    expect(status).toBe(200);
    const hit = body.hits.find((h: { documentId: string }) => h.documentId === convention);
    expect(hit).toBeDefined();
    expect(hit.passages.map((p: { page: number }) => p.page)).toEqual(expect.arrayContaining([expect.toSatisfy((page: number) => annexAPages.includes(page))]));
    expect(hit.passages.some((p: { snippet: string }) => /<mark>dental<\/mark> <mark>amalgam<\/mark>/i.test(p.snippet))).toBe(true);
  });

  it('finds the English Convention from French and Spanish queries naming a concept', async () => {
    const convention = documentFor('minamata-convention.pdf').documentId!;
    for (const q of ['amalgame dentaire', 'mercurio dental', 'зубная амальгама', '牙科汞合金', 'ملغم الأسنان']) {
      const { body } = await platform.get(`/api/search?q=${encodeURIComponent(q)}`);
      expect(body.hits.map((h: { documentId: string }) => h.documentId), q).toContain(convention);
      const hit = body.hits.find((h: { documentId: string }) => h.documentId === convention);
      expect(hit.passages.length, `${q} passages`).toBeGreaterThan(0);
    }
  });

  it('gives the BBNJ texts no mercury-specific theme', async () => {
    for (const lang of ['ar', 'en', 'es', 'fr', 'ru', 'zh']) {
      const { body } = await platform.get(`/api/documents/${documentFor(`bbnj-agreement-2023-${lang}.pdf`).documentId}`);
      const themes = body.concepts.filter((c: { id: string }) => c.id.startsWith('theme:') || c.id.startsWith('article:') || c.id.startsWith('annex:'));
      expect(themes, `bbnj ${lang}`).toEqual([]);
    }
  });

  it('extracts symbols, dates and types of the secretariat documents', async () => {
    const note = (await platform.get(`/api/documents/${documentFor('cop6-19-knowledge-management.pdf').documentId}`)).body;
    expect(note.symbol).toBe('UNEP/MC/COP.6/19');
    const strategy = (await platform.get(`/api/documents/${documentFor('digital-strategy.pdf').documentId}`)).body;
    expect(strategy.symbol).toBe('UNEP/MC/2025/4');
    expect(strategy.concepts.map((c: { id: string }) => c.id)).toContain('theme:information-awareness');
  });

  it('is idempotent: the same corpus again is all duplicates', async () => {
    const { ingestFiles } = await import('@mep/ingest');
    const again = await ingestFiles([corpusDir], platform.context);
    expect(again.map((o) => o.status)).toEqual(again.map(() => 'duplicate'));
    expect((await platform.get('/api/search?pageSize=0')).body.total).toBe(platform.outcomes.length);
  });
});

describe('OCR of the Arabic and Chinese BBNJ texts (fonts without Unicode maps)', () => {
  it.each([
    ['ar', 'التنوع البيولوجي البحري'],
    ['zh', '海洋生物多样性'],
  ])('%s: readable page text, the real title, and found in the top 3 for "%s" on pages holding the words', async (lang, query) => {
    const id = documentFor(`bbnj-agreement-2023-${lang}.pdf`).documentId!;
    const doc = (await platform.get(`/api/documents/${id}`)).body;
    expect(doc.title).toContain(query);
    expect(doc.title).not.toMatch(/bbnj/i);
    expect(doc.language).toBe(lang);
    expect(doc.ocr).toMatchObject({ status: 'done', languages: lang === 'ar' ? 'ara' : 'chi_sim', pagesDone: 3 });
    expect(doc.flags.join('\n')).toMatch(/^ocr: text recognised from the page images/m);

    const pagesBody = (await platform.get(`/api/documents/${id}/pages`)).body as { pages: Array<{ page: number; text: string; ocrConfidence: number | null }> };
    const recognised = pagesBody.pages.filter((p) => p.ocrConfidence !== null && p.text.length > 0);
    expect(recognised.length).toBeGreaterThan(0);
    for (const p of recognised) expect(p.ocrConfidence).toBeGreaterThan(60);
    const holding = pagesBody.pages.filter((p) => p.text.includes(query)).map((p) => p.page);
    expect(holding.length).toBeGreaterThan(0);

    const { body } = await platform.get(`/api/search?q=${encodeURIComponent(query)}`);
    const top3 = body.hits.slice(0, 3);
    const hit = top3.find((h: { documentId: string }) => h.documentId === id);
    expect(hit, `${query}: top 3 were ${top3.map((h: { title: string }) => h.title).join(' | ')}`).toBeDefined();
    expect(hit.passages.length).toBeGreaterThan(0);
    for (const passage of hit.passages) expect(holding, `passage on page ${passage.page}`).toContain(passage.page);
  });
});

/** The field's core words, one query each, in the six languages (ar, en, es, fr, ru, zh). */
const CORE_WORDS: Record<string, Record<'ar' | 'en' | 'es' | 'fr' | 'ru' | 'zh', string>> = {
  mercury: { en: 'mercury', fr: 'mercure', es: 'mercurio', ru: 'ртуть', ar: 'الزئبق', zh: '汞' },
  emissions: { en: 'emissions', fr: 'émissions', es: 'emisiones', ru: 'выбросы', ar: 'الانبعاثات', zh: '排放' },
  releases: { en: 'releases', fr: 'rejets', es: 'liberaciones', ru: 'высвобождения', ar: 'الإطلاقات', zh: '释放' },
  waste: { en: 'waste', fr: 'déchets', es: 'desechos', ru: 'отходы', ar: 'النفايات', zh: '废物' },
  amalgam: { en: 'amalgam', fr: 'amalgame', es: 'amalgama', ru: 'амальгама', ar: 'الملغم', zh: '汞合金' },
  goldMining: { en: 'gold', fr: 'orpaillage', es: 'oro', ru: 'золотодобыча', ar: 'الذهب', zh: '采金' },
  cosmetics: { en: 'cosmetics', fr: 'cosmétiques', es: 'cosméticos', ru: 'косметика', ar: 'مستحضرات التجميل', zh: '化妆品' },
  lamps: { en: 'lamps', fr: 'lampes', es: 'lámparas', ru: 'лампы', ar: 'المصابيح', zh: '灯' },
  batteries: { en: 'batteries', fr: 'piles', es: 'pilas', ru: 'батареи', ar: 'البطاريات', zh: '电池' },
  nationalActionPlan: { en: 'national action plan', fr: "plan d'action national", es: 'plan de acción nacional', ru: 'национальный план действий', ar: 'خطة العمل الوطنية', zh: '国家行动计划' },
};

describe('core words of the field in every language', () => {
  it('find the Minamata Convention from each of the six languages', async () => {
    const convention = documentFor('minamata-convention.pdf').documentId!;
    const missed: string[] = [];
    for (const [concept, words] of Object.entries(CORE_WORDS)) {
      for (const [lang, q] of Object.entries(words)) {
        const { body } = await platform.get(`/api/search?q=${encodeURIComponent(q)}&pageSize=20`);
        if (!body.hits.some((h: { documentId: string }) => h.documentId === convention)) missed.push(`${concept}/${lang} "${q}"`);
      }
    }
    expect(missed).toEqual([]);
  });
});

describe('search facets', () => {
  it('counts every facet and browses with an empty query', async () => {
    const { body } = await platform.get('/api/search');
    expect(body.total).toBe(platform.outcomes.length);
    expect(Object.keys(body.facets).sort()).toEqual(['article', 'doctype', 'lang', 'party', 'region', 'theme', 'year']);
    expect(body.facets.lang.en).toBeGreaterThanOrEqual(4);
    expect(body.facets.theme['theme:asgm']).toBeGreaterThanOrEqual(1);
  });

  it('ORs values within a facet and ANDs across facets, counting each facet without its own filter', async () => {
    const es = (await platform.get('/api/search?lang=es&pageSize=0')).body.total;
    const fr = (await platform.get('/api/search?lang=fr&pageSize=0')).body.total;
    const both = (await platform.get('/api/search?lang=es&lang=fr&pageSize=0')).body;
    expect(both.total).toBe(es + fr);
    expect(both.facets.lang.en).toBeGreaterThan(0);
    const narrowed = (await platform.get('/api/search?lang=en&theme=theme:asgm')).body;
    for (const hit of narrowed.hits) {
      expect(hit.language).toBe('en');
      expect(hit.concepts).toContain('theme:asgm');
    }
    expect(narrowed.total).toBeLessThan(both.total + (await platform.get('/api/search?lang=en&pageSize=0')).body.total);
  });

  it('sorts by date and paginates', async () => {
    const first = (await platform.get('/api/search?sort=date&pageSize=2&page=1')).body;
    const second = (await platform.get('/api/search?sort=date&pageSize=2&page=2')).body;
    expect(first.hits).toHaveLength(2);
    expect(first.totalPages).toBe(Math.ceil(first.total / 2));
    const ids = [...first.hits, ...second.hits].map((h: { documentId: string }) => h.documentId);
    expect(new Set(ids).size).toBe(4);
  });
});

describe('documents', () => {
  it('serves the original with its content type, and pages', async () => {
    const id = documentFor('stockholm-convention.docx').documentId;
    const file = await fetch(`${platform.url}/api/documents/${id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect((await file.arrayBuffer()).byteLength).toBe(statSync(join(corpusDir, 'mea/stockholm-convention.docx')).size);
    const download = await fetch(`${platform.url}/api/documents/${id}/file?download=1`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="?stockholm-convention.docx/);

    const pdf = documentFor('minamata-convention.pdf').documentId;
    const page = await platform.get(`/api/documents/${pdf}/pages/1`);
    expect(page.status).toBe(200);
    expect(page.body.text).toMatch(/Minamata/);
    expect((await platform.get(`/api/documents/${pdf}/pages/999`)).status).toBe(404);
    const related = await platform.get(`/api/documents/${pdf}/related`);
    expect(related.body.documents.length).toBeGreaterThan(0);
  });

  it('answers the taxonomy with six labels and document counts', async () => {
    const { body } = await platform.get('/api/taxonomy?scheme=theme');
    expect(body.concepts).toHaveLength(12);
    for (const concept of body.concepts) expect(Object.keys(concept.prefLabel).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    const asgm = (await platform.get('/api/taxonomy/concepts/theme:asgm')).body;
    expect(asgm.documentCount).toBeGreaterThan(0);
  });
});

describe('reindex', () => {
  it('rebuilds Meilisearch from SQLite alone with the same answers', async () => {
    const before = (await platform.get('/api/search?q=dental%20amalgam')).body;
    const { rebuildSearchIndexes } = await import('@mep/ingest');
    const count = await rebuildSearchIndexes(platform.context.search, platform.context.db, platform.context.taxonomy);
    expect(count).toBe(platform.outcomes.length);
    const after = (await platform.get('/api/search?q=dental%20amalgam')).body;
    expect(after.hits.map((h: { documentId: string }) => h.documentId)).toEqual(before.hits.map((h: { documentId: string }) => h.documentId));
    expect(after.facets).toEqual(before.facets);
  });
});
