/** Acceptance against the real corpus in ../shared/corpus, through the sandbox as ingest uses it. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeDocument } from './analyze';
import { CORPUS } from './paths.test-support';
import { closeSandboxPools, extractInSandbox } from './sandbox';

afterAll(() => closeSandboxPools());

async function run(path: string) {
  const doc = await extractInSandbox(new Uint8Array(readFileSync(`${CORPUS}${path}`)), { timeoutMs: 60_000 });
  return { doc, facts: analyzeDocument(doc, path.split('/').pop()) };
}

describe('corpus acceptance', () => {
  it.each([
    ['bbnj-agreement-2023-ar.pdf', 'ar'],
    ['bbnj-agreement-2023-zh.pdf', 'zh'],
    ['bbnj-agreement-2023-en.pdf', 'en'],
    ['bbnj-agreement-2023-fr.pdf', 'fr'],
    ['bbnj-agreement-2023-es.pdf', 'es'],
    ['bbnj-agreement-2023-ru.pdf', 'ru'],
    ['a-res-78-272.pdf', 'en'],
  ])('%s is a document in %s', async (file, language) => {
    const { doc, facts } = await run(`un-multilingual/${file}`);
    expect(doc.pageCount).toBeGreaterThan(0);
    expect(facts.language).toBe(language);
  });

  it('reports the unreadable BBNJ fonts honestly and repairs the Russian glyph ids', async () => {
    const zh = await run('un-multilingual/bbnj-agreement-2023-zh.pdf');
    expect(zh.doc.warnings.join(' ')).toContain('low-quality-text: could not extract clean text');
    expect(zh.facts.flags).toEqual(expect.arrayContaining(['low-quality-text', 'language-from-file-name']));
    const ru = await run('un-multilingual/bbnj-agreement-2023-ru.pdf');
    expect(ru.facts.flags).toContain('repaired-text');
    expect(ru.doc.pages.map((p) => p.text).join(' ')).toContain('Настоящее Соглашение');
    expect(ru.facts.title).toMatch(/^СОГЛАШЕНИЕ НА БАЗЕ КОНВЕНЦИИ/);
    const en = await run('un-multilingual/a-res-78-272.pdf');
    expect(en.facts).toMatchObject({ symbol: 'A/RES/78/272', date: '2024-04-29' });
  });

  it('reads the Minamata Convention: English, 31 pages, titled', async () => {
    const { doc, facts } = await run('minamata/minamata-convention.pdf');
    expect(doc.pageCount).toBe(31);
    expect(facts.language).toBe('en');
    expect(facts.title).toMatch(/Minamata Convention/);
    expect(facts.doctypeHint).toBe('doctype:convention-text');
    expect(doc.pages.some((p) => /dental amalgam/i.test(p.text))).toBe(true);
  });

  it('finds the symbols of the COP-6 note and the digital strategy', async () => {
    expect((await run('minamata/cop6-19-knowledge-management.pdf')).facts.symbol).toBe('UNEP/MC/COP.6/19');
    expect((await run('minamata/digital-strategy.pdf')).facts.symbol).toBe('UNEP/MC/2025/4');
  });

  it('extracts the Basel HTML and the Stockholm DOCX with their real titles', async () => {
    const basel = await run('mea/basel-convention.html');
    expect(basel.doc.kind).toBe('html');
    expect(basel.facts.title).toBe('Basel Convention on the Control of Transboundary Movements of Hazardous Wastes and their Disposal');
    const stockholm = await run('mea/stockholm-convention.docx');
    expect(stockholm.doc.kind).toBe('docx');
    expect(stockholm.facts.title).toBe('Stockholm Convention on Persistent Organic Pollutants');
    expect(stockholm.facts.language).toBe('en');
  });
});
