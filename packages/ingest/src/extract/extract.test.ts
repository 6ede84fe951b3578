import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../errors';
import { analyzeDocument, findDate, findUnSymbol } from './analyze';
import { extractDocument } from './extract';
import { detectLanguage } from './language';
import { FIXTURES } from './paths.test-support';

const read = (name: string): Uint8Array => new Uint8Array(readFileSync(`${FIXTURES}${name}`));

async function expectCode(promise: Promise<unknown>, code: string): Promise<IngestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  expect((error as IngestError).code).toBe(code);
  return error as IngestError;
}

describe('extractDocument on fixtures', () => {
  it('reads an English PDF page by page with dental amalgam on page 2', async () => {
    const doc = await extractDocument(read('en-products-guide.pdf'));
    expect(doc).toMatchObject({ kind: 'pdf', mime: 'application/pdf', pageCount: 3, warnings: [] });
    expect(doc.pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(doc.pages[1]!.text).toContain('dental amalgam');
    expect(doc.pages[0]!.text).not.toContain('dental amalgam');
    const facts = analyzeDocument(doc, 'en-products-guide.pdf');
    expect(facts).toMatchObject({ title: 'Mercury-added products: a short guide', language: 'en', date: '2025-11-17' });
  });

  it('finds the UN symbol and the printed date of a meeting document', async () => {
    const facts = analyzeDocument(await extractDocument(read('un-symbol-dated.pdf')), 'whatever.pdf');
    expect(facts).toMatchObject({ symbol: 'UNEP/MC/COP.6/19', date: '2025-11-17', year: 2025, language: 'en', doctypeHint: 'doctype:meeting-document' });
    expect(facts.title).toBe('Knowledge management and digitalization');
  });

  it('fails an image-only PDF with no-text and the OCR message', async () => {
    const error = await expectCode(extractDocument(read('image-only.pdf')), 'no-text');
    expect(error.message).toBe('no extractable text: scanned, needs OCR');
  });

  it('fails empty and corrupt files with their codes', async () => {
    await expectCode(extractDocument(read('empty.txt')), 'empty-file');
    await expectCode(extractDocument(read('corrupt.pdf')), 'corrupt');
    await expectCode(extractDocument(read('en-products-guide.pdf'), { maxBytes: 1000 }), 'too-large');
    await expectCode(extractDocument(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'unsupported-type');
  });

  it('extracts a French DOCX with its title and explicit page break', async () => {
    const doc = await extractDocument(read('fr-orientations.docx'));
    expect(doc.kind).toBe('docx');
    expect(doc.pageCount).toBe(2);
    expect(doc.pages[1]!.text).toContain('Stockage provisoire');
    const facts = analyzeDocument(doc, 'fr-orientations.docx');
    expect(facts).toMatchObject({ title: 'Orientations sur la gestion écologiquement rationnelle des déchets de mercure', language: 'fr', doctypeHint: 'doctype:guidance' });
  });

  it('extracts Spanish HTML without script, style or navigation', async () => {
    const doc = await extractDocument(read('es-plan-de-accion.html'));
    const all = doc.pages.map((p) => p.text).join('\n');
    expect(all).toContain('minería de oro artesanal');
    expect(all).not.toMatch(/tracking|font-family|menú de navegación/);
    const facts = analyzeDocument(doc, 'x.html');
    expect(facts).toMatchObject({ language: 'es', date: '2023-03-03', doctypeHint: 'doctype:national-action-plan' });
    expect(facts.title).toMatch(/^Plan de acción nacional/);
  });

  it('treats mislabelled files by their bytes', async () => {
    expect((await extractDocument(read('mislabelled/pdf-bytes.docx'))).kind).toBe('pdf');
    expect((await extractDocument(read('mislabelled/html-bytes.pdf'))).kind).toBe('html');
  });

  it('reads Arabic, Chinese and Russian files with language and date', async () => {
    const ar = analyzeDocument(await extractDocument(read('ar-mercury.txt')), 'ar-mercury.txt');
    expect(ar).toMatchObject({ language: 'ar', date: '2023-06-19', title: 'اتفاقية ميناماتا بشأن الزئبق' });
    const zh = analyzeDocument(await extractDocument(read('zh-mercury.html')), 'zh-mercury.html');
    expect(zh).toMatchObject({ language: 'zh', date: '2023-06-19', title: '关于汞的水俣公约：国家报告', doctypeHint: 'doctype:national-report' });
    const ruDoc = await extractDocument(read('ru-mercury.md'));
    expect(ruDoc.kind).toBe('markdown');
    const ru = analyzeDocument(ruDoc, 'ru-mercury.md');
    expect(ru).toMatchObject({ language: 'ru', date: '2023-06-19', title: 'Минаматская конвенция о ртути: национальный доклад', doctypeHint: 'doctype:national-report' });
  });
});

describe('analysis helpers', () => {
  it('parses dates in the six languages', () => {
    expect(findDate('Geneva, 17 November 2025')).toBe('2025-11-17');
    expect(findDate('Madrid, 3 de marzo de 2023')).toBe('2023-03-03');
    expect(findDate('le 1er juillet 2024')).toBe('2024-07-01');
    expect(findDate('19 июня 2023 года')).toBe('2023-06-19');
    expect(findDate('2023年6月19日')).toBe('2023-06-19');
    expect(findDate('19 يونيه 2023')).toBe('2023-06-19');
    expect(findDate('November 17, 2025')).toBe('2025-11-17');
    expect(findDate('31 February 2025')).toBeUndefined();
  });

  it('takes a header symbol, not a cited one', () => {
    expect(findUnSymbol('United Nations\tA/RES/78/272\nGeneral Assembly')).toBe('A/RES/78/272');
    expect(findUnSymbol('UNEP/MC/COP.6/INF/26\nDistr.: General')).toBe('UNEP/MC/COP.6/INF/26');
    expect(findUnSymbol('set out in annex I to document UNEP/MC/COP.5/19. The strategy')).toBeUndefined();
  });

  it('says other for short or foreign text', () => {
    expect(detectLanguage('ok')).toBe('other');
    expect(detectLanguage('Der Schutz der menschlichen Gesundheit und der Umwelt vor Quecksilber ist das Ziel.')).toBe('other');
    expect(detectLanguage('The protection of human health and the environment from mercury is the objective of this Convention.')).toBe('en');
  });
});
