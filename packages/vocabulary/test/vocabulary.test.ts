import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONCEPT_SCHEMES, DOCTYPE_IDS, DOCUMENT_LANGUAGES, FACET_OF_SCHEME, isDoctypeId, isLang, LANGUAGE_INFO, SEARCH_FACETS, UN_LANGUAGES, USER_ROLES } from '../src';

const root = join(import.meta.dirname, '../../..');

describe('vocabulary', () => {
  it('lists each value once', () => {
    for (const list of [UN_LANGUAGES, DOCUMENT_LANGUAGES, CONCEPT_SCHEMES, DOCTYPE_IDS, SEARCH_FACETS, USER_ROLES]) {
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('describes every language and maps schemes to facets that exist', () => {
    expect(Object.keys(LANGUAGE_INFO).sort()).toEqual([...UN_LANGUAGES].sort());
    expect(DOCUMENT_LANGUAGES.at(-1)).toBe('other');
    for (const facet of Object.values(FACET_OF_SCHEME)) expect(SEARCH_FACETS).toContain(facet);
    expect(isLang('ar')).toBe(true);
    expect(isLang('other')).toBe(false);
    expect(isDoctypeId('doctype:strategy')).toBe(true);
    expect(isDoctypeId('strategy')).toBe(false);
  });
});

/**
 * The point of this package: nobody writes these lists again. A literal such as `'ar', 'en'` or
 * `'theme', 'article', 'doctype'` in source outside this package (tests and fixtures aside) is a copy.
 */
describe('no copies of the vocabulary in source', () => {
  const copies: [string, RegExp][] = [
    ['language list', /['"]ar['"]\s*[,|]\s*['"]en['"]/],
    ['scheme list', /['"]theme['"]\s*[,|]\s*['"]article['"]\s*[,|]\s*['"]annex['"]/],
    ['facet list', /['"]theme['"]\s*[,|]\s*['"]article['"]\s*[,|]\s*['"]doctype['"]/],
    ['role list', /['"]member['"]\s*[,|]\s*['"]focal_point['"]/],
    ['document status list', /['"]draft['"]\s*[,|]\s*['"]published['"]/],
  ];
  const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && !file.startsWith('packages/vocabulary/') && !file.startsWith('fixtures/') && !/(\.test\.tsx?|\.e2e\.ts|\/test\/|\/e2e\/|\/testing\/)/.test(file));

  it('finds source files to check', () => expect(files.length).toBeGreaterThan(50));

  for (const [what, pattern] of copies) {
    it(`has no ${what} outside @mep/vocabulary`, () => {
      const offenders = files.filter((file) => pattern.test(readFileSync(join(root, file), 'utf8')));
      expect(offenders, `${what} written again; import it from @mep/vocabulary`).toEqual([]);
    });
  }
});
