/**
 * Every hostile PDF of ../shared/robustness through the sandbox: each must end as a document or an
 * IngestError with a stable code, never an unhandled rejection, a crash of this process, or a hang.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { INGEST_ERROR_CODES, IngestError } from '../errors';
import { ROBUSTNESS } from './paths.test-support';
import { createExtractionPool } from './sandbox';

const files = ['pdfjs', 'pdfminer', 'qpdf'].flatMap((dir) => readdirSync(join(ROBUSTNESS, dir)).map((name) => join(ROBUSTNESS, dir, name)));
const pool = createExtractionPool({ size: 2, maxMemoryMb: 512 });
afterAll(() => pool.close());

it(`survives all ${files.length} robustness PDFs`, { timeout: 600_000 }, async () => {
  const tally = new Map<string, number>();
  const slow: string[] = [];
  const unexpected: string[] = [];
  const started = performance.now();
  const queue = [...files];
  // Two runners for two children: per-file times then measure extraction, not queueing.
  const runOne = async (file: string): Promise<void> => {
      const t0 = performance.now();
      let outcome: string;
      try {
        const doc = await pool.extract(new Uint8Array(readFileSync(file)), { timeoutMs: 10_000 });
        outcome = doc.warnings.some((w) => w.startsWith('low-quality-text')) ? 'document (low-quality text)' : 'document';
        expect(doc.pageCount).toBe(doc.pages.length);
      } catch (error) {
        if (!(error instanceof IngestError) || !INGEST_ERROR_CODES.includes(error.code) || error.message.length < 10) {
          unexpected.push(`${file}: ${String(error)}`);
          outcome = 'unexpected';
        } else outcome = error.code;
      }
      tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
      if (performance.now() - t0 > 3000) slow.push(`${file.slice(ROBUSTNESS.length)} ${(performance.now() - t0).toFixed(0)} ms → ${outcome}`);
  };
  const runner = async (): Promise<void> => {
    for (let file = queue.shift(); file; file = queue.shift()) await runOne(file);
  };
  await Promise.all([runner(), runner()]);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`robustness: ${files.length} files in ${seconds} s`, Object.fromEntries([...tally].sort((a, b) => b[1] - a[1])), pool.stats);
  if (slow.length) console.log('slow files:', slow);
  expect(unexpected).toEqual([]);
  expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(files.length);
});
