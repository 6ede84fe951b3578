/**
 * Ingest throughput: the whole pipeline (sandboxed extraction, metadata, tagging, object storage,
 * SQLite, Meilisearch indexing) against bare pdf-parse text extraction of the same files, in one run.
 * BENCH_COPIES (default 3) sets how many times the corpus PDFs are copied.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PDFParse } from 'pdf-parse';
import { closeSandboxPools, ingestFiles } from '@mep/ingest';
import { closeContext, createContext, readConfig } from '@mep/api';
import { copyCorpusPdfs } from './bench-corpus';

const copies = Number(process.env.BENCH_COPIES ?? 3);
const work = mkdtempSync(join(tmpdir(), 'mep-bench-ingest-'));
const files = copyCorpusPdfs(join(work, 'files'), copies);

async function extractBare(): Promise<{ pages: number; seconds: number }> {
  const started = performance.now();
  let pages = 0;
  for (const file of files) {
    const parser = new PDFParse({ data: readFileSync(file) });
    try {
      pages += (await parser.getText()).pages.length;
    } finally {
      await parser.destroy();
    }
  }
  return { pages, seconds: (performance.now() - started) / 1000 };
}

async function ingestAll(): Promise<{ pages: number; seconds: number; failed: number }> {
  const context = await createContext(readConfig({ MEP_DATA_DIR: join(work, 'data'), PORT: '0' }), { info() {}, error: console.error });
  try {
    const started = performance.now();
    const outcomes = await ingestFiles(files, context);
    const seconds = (performance.now() - started) / 1000;
    return { pages: outcomes.reduce((sum, o) => sum + (o.pageCount ?? 0), 0), seconds, failed: outcomes.filter((o) => o.status !== 'ingested').length };
  } finally {
    await closeContext(context);
  }
}

try {
  console.log(`bench:ingest — ${files.length} PDFs (${copies} copies of the corpus PDFs), ${process.env.CI ? 'CI' : 'local'}, ${(await import('node:os')).cpus().length} cores`);
  await extractBare(); // warm-up: JIT and the PDF worker's fonts
  const bare = await extractBare();
  const ours = await ingestAll();
  const barePps = bare.pages / bare.seconds;
  const oursPps = ours.pages / ours.seconds;
  console.log(`bare pdf-parse extraction (in-process, sequential): ${bare.pages} pages in ${bare.seconds.toFixed(2)} s = ${barePps.toFixed(1)} pages/s`);
  console.log(`MEP ingest (sandboxed, tagged, stored, indexed):   ${ours.pages} pages in ${ours.seconds.toFixed(2)} s = ${oursPps.toFixed(1)} pages/s${ours.failed ? ` (${ours.failed} not ingested)` : ''}`);
  console.log(`ratio (time per page, ingest / bare extraction): ${(barePps / oursPps).toFixed(2)}×  (aim: ≤ 1.5×)`);
} finally {
  await closeSandboxPools();
  rmSync(work, { recursive: true, force: true });
}
