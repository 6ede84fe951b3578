/** Acceptance on the real corpus in ../shared/corpus, text extracted with pdf-parse. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConceptMatch } from '../src/index';
import { loadTaxonomy, tagDocument } from '../src/index';
import { CORPUS } from './paths';

type Pages = { page: number; text: string }[];

async function extract(path: string): Promise<Pages> {
  const parser = new PDFParse({ data: readFileSync(resolve(CORPUS, path)) });
  try {
    const result = await parser.getText();
    return result.pages.map((p) => ({ page: p.num, text: p.text }));
  } finally {
    await parser.destroy();
  }
}

const byId = (tags: ConceptMatch[]) => new Map(tags.map((t) => [t.conceptId, t]));
/** Topics that only tag with a mercury context are the "mercury topics". */
const mercuryTopics = new Set(loadTaxonomy().listConcepts('topic').map((c) => c.id).filter((id) => {
  const contextFree = ['gender', 'indigenous-peoples', 'capacity-building', 'technical-assistance', 'technology-transfer', 'information-exchange', 'clearing-house', 'financial-mechanism', 'gef', 'public-awareness'];
  return !contextFree.some((s) => id === `topic:${s}`);
}));

describe('Minamata Convention (31 pages)', () => {
  let pages: Pages;
  let tags: ConceptMatch[];
  let ms = 0;
  beforeAll(async () => {
    pages = await extract('minamata/minamata-convention.pdf');
    // First call compiles the matchers and warms the JIT; the steady state is what ingest sees.
    let t0 = performance.now();
    tags = tagDocument({ pages, title: 'Minamata Convention on Mercury' });
    const first = performance.now() - t0;
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      t0 = performance.now();
      tagDocument({ pages, title: 'Minamata Convention on Mercury' });
      runs.push(performance.now() - t0);
    }
    ms = runs.sort((x, y) => x - y)[1] ?? Infinity;
    console.log(`tagging the Convention: first call ${first.toFixed(1)} ms (incl. compiling matchers), then median ${ms.toFixed(1)} ms; ${tags.length} concepts`);
  });

  it('carries all 35 articles, all 5 annexes and all 12 themes', () => {
    const ids = byId(tags);
    for (let n = 1; n <= 35; n++) expect(ids.has(`article:${n}`), `article:${n}`).toBe(true);
    for (const a of ['A', 'B', 'C', 'D', 'E']) expect(ids.has(`annex:${a}`), `annex:${a}`).toBe(true);
    for (const t of loadTaxonomy().listConcepts('theme')) expect(ids.has(t.id), t.id).toBe(true);
  });

  it('finds dental amalgam with evidence on the Annex A page', () => {
    const amalgam = byId(tags).get('topic:dental-amalgam');
    expect(amalgam).toBeDefined();
    const annexAPages = new Set(pages.filter((p) => /Annex A|dental amalgam/i.test(p.text) && /Mercury-added products|Dental amalgam/.test(p.text)).map((p) => p.page));
    const ev = amalgam?.evidence.find((e) => annexAPages.has(e.page) && /dental amalgam/i.test(e.text));
    expect(ev, JSON.stringify(amalgam?.evidence)).toBeDefined();
    // Annex A runs over pages 23–25 of this PDF.
    expect(ev?.page).toBeGreaterThanOrEqual(23);
    expect(ev?.page).toBeLessThanOrEqual(25);
  });

  it('tags well under 200 ms', () => {
    expect(ms).toBeLessThan(200);
  });
});

describe.each(['en', 'es', 'fr'])('BBNJ Agreement (%s): not about mercury', (lang) => {
  it('gets no theme, article, annex or mercury topic', async () => {
    const tags = tagDocument({ pages: await extract(`un-multilingual/bbnj-agreement-2023-${lang}.pdf`) });
    const bad = tags.filter((t) => /^(theme|article|annex):/.test(t.conceptId) || mercuryTopics.has(t.conceptId));
    expect(bad.map((b) => b.conceptId)).toEqual([]);
    // It does talk about capacity-building: context-free topics still work.
    expect(tags.map((t) => t.conceptId)).toContain('topic:capacity-building');
  });
});

describe('Digital strategy', () => {
  it('is about information and awareness, and knowledge management', async () => {
    const tags = byId(tagDocument({ pages: await extract('minamata/digital-strategy.pdf'), title: 'Minamata Convention on Mercury — Digital strategy' }));
    expect(tags.has('theme:information-awareness')).toBe(true);
    expect(tags.has('topic:knowledge-management')).toBe(true);
    expect(tags.get('topic:knowledge-management')?.evidence.length).toBeGreaterThan(0);
  });
});

describe('Rotterdam Convention (mentions mercury compounds in passing)', () => {
  it('gets no Minamata article or theme', async () => {
    const tags = tagDocument({ pages: await extract('mea/rotterdam-convention.pdf') });
    expect(tags.filter((t) => /^(theme|article|annex):/.test(t.conceptId))).toEqual([]);
    expect(tags.map((t) => t.conceptId)).toContain('topic:rotterdam-convention');
  });
});
