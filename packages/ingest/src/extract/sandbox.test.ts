/** The sandbox bounds, with real child processes and real files. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError } from '../errors';
import { CORPUS, FIXTURES, REPO_ROOT } from './paths.test-support';
import { closeSandboxPools, createExtractionPool, extractInSandbox } from './sandbox';

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const BIG = `${CORPUS}un-multilingual/bbnj-agreement-2023-ar.pdf`;

async function failure(promise: Promise<unknown>): Promise<IngestError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

afterAll(() => closeSandboxPools());

describe('extractInSandbox', () => {
  it('extracts in a child process (called from vitest)', async () => {
    const doc = await extractInSandbox(read(`${FIXTURES}en-products-guide.pdf`));
    expect(doc.pageCount).toBe(3);
    expect(doc.pages[1]!.text).toContain('dental amalgam');
  });

  it('refuses oversized, empty and unsupported files without parsing', async () => {
    expect((await failure(extractInSandbox(read(`${FIXTURES}en-products-guide.pdf`), { maxBytes: 100 }))).code).toBe('too-large');
    expect((await failure(extractInSandbox(new Uint8Array(0)))).code).toBe('empty-file');
    expect((await failure(extractInSandbox(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])))).code).toBe('unsupported-type');
  });

  it('carries extractor errors across the process boundary with their code', async () => {
    const error = await failure(extractInSandbox(read(`${FIXTURES}image-only.pdf`)));
    expect(error.code).toBe('no-text');
    expect(error.message).toBe('no extractable text: scanned, needs OCR');
  });

  it('kills a child that runs over time, and the next file still works', async () => {
    const pool = createExtractionPool({ size: 1 });
    try {
      const error = await failure(pool.extract(read(BIG), { timeoutMs: 5 }));
      expect(error.code).toBe('timeout');
      expect(error.message).toMatch(/longer than/);
      const doc = await pool.extract(read(`${FIXTURES}en-products-guide.pdf`), { timeoutMs: 30_000 });
      expect(doc.pageCount).toBe(3);
      expect(pool.stats).toMatchObject({ killed: 1, completed: 1 });
      expect(pool.stats.spawned).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('stops a child that exceeds its memory cap with out-of-memory', async () => {
    const pool = createExtractionPool({ size: 1, maxMemoryMb: 16 });
    try {
      const error = await failure(pool.extract(read(BIG), { timeoutMs: 60_000 }));
      expect(error.code).toBe('out-of-memory');
    } finally {
      await pool.close();
    }
  });

  it('reuses children across files', async () => {
    const pool = createExtractionPool({ size: 2 });
    try {
      const files = ['en-products-guide.pdf', 'un-symbol-dated.pdf', 'fr-orientations.docx', 'es-plan-de-accion.html', 'ru-mercury.md', 'zh-mercury.html'];
      const docs = await Promise.all(files.map((f) => pool.extract(read(`${FIXTURES}${f}`))));
      expect(docs.map((d) => d.kind)).toEqual(['pdf', 'pdf', 'docx', 'html', 'markdown', 'html']);
      expect(pool.stats.spawned).toBeLessThanOrEqual(2);
    } finally {
      await pool.close();
    }
  });

  it('works when called from a plain tsx process, which exits by itself afterwards', async () => {
    const script = `
      import { closeSandboxPools, extractInSandbox } from ${JSON.stringify(`${REPO_ROOT}packages/ingest/src/extract/index.ts`)};
      import { readFileSync } from 'node:fs';
      const doc = await extractInSandbox(new Uint8Array(readFileSync(${JSON.stringify(`${FIXTURES}en-products-guide.pdf`)})));
      console.log(JSON.stringify({ pages: doc.pageCount }));
      // A second process closes its pool explicitly: close() must settle with idle (unref'd) children.
      if (process.argv.includes('--close')) { await closeSandboxPools(); console.log(JSON.stringify({ closed: true })); }
    `;
    const run = promisify(execFile);
    const plain = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, timeout: 60_000 });
    expect(JSON.parse(plain.stdout.trim())).toEqual({ pages: 3 });
    const closing = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', '--close'], { cwd: REPO_ROOT, timeout: 60_000 });
    expect(closing.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([{ pages: 3 }, { closed: true }]);
  });
});

describe('analysis in the sandbox (security finding 7)', () => {
  it('returns the facts analyzeDocument found in the child, within the same time bound', async () => {
    const { analyzeDocument } = await import('./analyze');
    const bytes = read(`${FIXTURES}en-products-guide.pdf`);
    const doc = await extractInSandbox(bytes, { fileName: 'en-products-guide.pdf' });
    const { facts, ...extracted } = doc;
    expect(facts).toEqual(analyzeDocument(extracted, 'en-products-guide.pdf'));
    expect(facts.title.length).toBeGreaterThan(0);
  }, 120_000);
});
