import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles, isReadmeLike } from './collect-files';

const root = mkdtempSync(join(tmpdir(), 'mep-collect-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("collectFiles and a folder's README-like files", () => {
  mkdirSync(join(root, 'sub'));
  for (const name of ['SOURCES.md', 'README.md', 'readme.txt', 'LICENSE', 'report.pdf', 'notes-on-sources.md', 'sub/CHANGELOG.md', 'sub/decision.docx']) writeFileSync(join(root, name), 'x');

  it('skips them inside folders by default', async () => {
    const names = (await collectFiles([root])).map((f) => basename(f.path));
    expect(names.sort()).toEqual(['decision.docx', 'notes-on-sources.md', 'report.pdf']);
  });

  it('collects them when asked, and always when named on the command line', async () => {
    expect((await collectFiles([root], { includeReadmes: true })).map((f) => basename(f.path))).toHaveLength(8);
    expect((await collectFiles([join(root, 'SOURCES.md')])).map((f) => basename(f.path))).toEqual(['SOURCES.md']);
  });

  it('tells a README-like name from a document that merely mentions one', () => {
    for (const name of ['README.md', 'SOURCES.md', 'sources.markdown', 'CHANGELOG.txt', 'LICENSE']) expect(isReadmeLike(name), name).toBe(true);
    for (const name of ['readme-guidance.pdf', 'sources-of-mercury.md', 'README.pdf', 'index.html']) expect(isReadmeLike(name), name).toBe(false);
  });
});
