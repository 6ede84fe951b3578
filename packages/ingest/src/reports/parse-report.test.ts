import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@mep/taxonomy';
import { extractDocument } from '../extract';
import { loadReportKeys, REPORT_FIXTURES_DIR, squash } from './fixtures.test-support';
import { parseNationalReport, articleHeading } from './parse-report';
import { findMarkedOptions } from './marks';
import { parseLocaleNumber } from './numbers';
import { reportLines } from './lines';

const taxonomy = loadTaxonomy();

describe('national report fixtures: every parsed answer equals the answer key', () => {
  for (const key of loadReportKeys()) {
    it(key.file, async () => {
      const extracted = await extractDocument(readFileSync(join(REPORT_FIXTURES_DIR, key.file)));
      const report = parseNationalReport({ pages: extracted.pages, language: key.language }, taxonomy);
      expect(report.party).toBe(key.party);
      if (key.partyClaimed !== undefined) expect(report.partyClaimed).toBe(key.partyClaimed);
      expect(report.cycle).toEqual(key.cycle);
      expect(report.flags).toEqual(key.flags);
      expect(report.answers.map((a) => `${a.article}/${a.question}`)).toEqual(key.answers.map((a) => `${a.article}/${a.question}`));
      key.answers.forEach((expected, i) => {
        const got = report.answers[i]!;
        const where = `${key.file} ${expected.article}/${expected.question}`;
        expect(got.answer, where).toBe(expected.answer);
        if (expected.answer === 'number') {
          expect(got.value, where).toBe(expected.value);
          expect(got.unit, where).toBe(expected.unit ?? null);
        }
        if (expected.explanation !== undefined) expect(squash(got.explanation), where).toBe(squash(expected.explanation));
        if (expected.page !== undefined) expect(got.page, where).toBe(expected.page);
        expect(got.rawText.length, where).toBeGreaterThan(0);
        expect(got.confidence, where).toBeGreaterThan(0);
      });
    });
  }

  it('says how sure it is: clean boxes are certain, a loose X or a bare word less so, conflicting ticks are not an answer', async () => {
    const extracted = await extractDocument(readFileSync(join(REPORT_FIXTURES_DIR, 'en-kenya-messy.pdf')));
    const report = parseNationalReport({ pages: extracted.pages, language: 'en' }, taxonomy);
    const at = (article: string, question: string) => report.answers.find((a) => a.article === article && a.question === question)!;
    expect(at('article:3', '1').confidence).toBeLessThan(0.9);
    expect(at('article:3', '2')).toMatchObject({ answer: null });
    expect(at('article:3', '2').confidence).toBeLessThan(0.5);
    expect(at('article:3', '2').rawText).toContain('[X] Yes [X] No');
    expect(at('article:7', '1').confidence).toBeLessThan(0.9);
    expect(at('article:17', '1').confidence).toBe(1);
  });
});

describe('pieces', () => {
  it('reads article headings in six languages and rejects sentences that merely cite an article', () => {
    expect(articleHeading('Article 17: Information exchange')).toBe(17);
    expect(articleHeading('Artículo 4: Productos')).toBe(4);
    expect(articleHeading('Статья 5. Производственные процессы')).toBe(5);
    expect(articleHeading('المادة ١٧: تبادل المعلومات')).toBe(17);
    expect(articleHeading('第十七条 信息交流')).toBe(17);
    expect(articleHeading('第3条')).toBe(3);
    expect(articleHeading('Article 3 of the Convention requires Parties to …')).toBeUndefined();
  });

  it('reads boxes before and after option words, in six languages', () => {
    const ticked = (line: string) => findMarkedOptions(line).filter((o) => o.checked).map((o) => o.option);
    expect(ticked('☒ Yes ☐ No')).toEqual(['yes']);
    expect(ticked('Oui [ ]  Non [X]')).toEqual(['no']);
    expect(ticked('☐ Sí ☐ No ☒ No se aplica')).toEqual(['not-applicable']);
    expect(ticked('Да ☑ Нет ☐')).toEqual(['yes']);
    expect(ticked('☐ نعم ☒ لا')).toEqual(['no']);
    expect(ticked('☒ 是 ☐ 否')).toEqual(['yes']);
    expect(ticked('X Yes      No')).toEqual(['yes']);
    expect(findMarkedOptions('Mercury is exported to X countries')).toEqual([]);
  });

  it('reads numbers the way each language writes them', () => {
    expect(parseLocaleNumber('1,250.5', 'en')).toBe(1250.5);
    expect(parseLocaleNumber('1,250', 'en')).toBe(1250);
    expect(parseLocaleNumber('12,5', 'fr')).toBe(12.5);
    expect(parseLocaleNumber('1 200,5', 'fr')).toBe(1200.5);
    expect(parseLocaleNumber('1.200,5', 'es')).toBe(1200.5);
    expect(parseLocaleNumber('1.200', 'es')).toBe(1200);
    expect(parseLocaleNumber('٣٫٥', 'ar')).toBeUndefined();
    expect(parseLocaleNumber('1.2.3', 'en')).toBeUndefined();
  });

  it('drops running headers and page numbers but keeps answer lines that repeat on every page', () => {
    const page = (n: number) => ({ page: n, text: `Ghana report\nQuestion ${n}\n☐ Yes ☒ No\nmore\nPage ${n} of 4` });
    const lines = reportLines([1, 2, 3, 4].map(page)).map((l) => l.text);
    expect(lines).not.toContain('Ghana report');
    expect(lines.filter((l) => l === '☐ Yes ☒ No')).toHaveLength(4);
    expect(lines.some((l) => l.startsWith('Page'))).toBe(false);
  });

  it('answers hostile input with flags, never a throw', () => {
    const empty = parseNationalReport({ pages: [] }, taxonomy);
    expect(empty.flags).toEqual(['no-structured-answers']);
    const huge = parseNationalReport({ pages: [{ page: 1, text: 'Article 17\n1. ' + 'a'.repeat(200_000) + '\n☒ Yes' }] }, taxonomy);
    expect(huge.answers[0]!.rawText.length).toBeLessThanOrEqual(4000);
    const odd = parseNationalReport({ pages: [{ page: 1, text: 'Party: \u0000\u202e\nArticle 0\n1. Strange question here?\n☒ Yes\nArticle 999\nArticle 17\n1. Has your party done it?\n☒ Yes' }] }, taxonomy);
    expect(odd.flags).toContain('unknown-article: 0');
    expect(odd.flags).toContain('unknown-article: 999');
    expect(odd.answers.map((a) => a.article)).toEqual(['article:17']);
  });
});
