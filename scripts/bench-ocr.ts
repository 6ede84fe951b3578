/**
 * OCR throughput: the platform's OCR stage (render each page with pdftoppm, recognise it with bounded
 * Tesseract processes, store text and confidence, re-read the document, re-index it) against the bare
 * `tesseract` command on the same page images, in one run. Pages: the first BENCH_OCR_PAGES (default 6)
 * of the Arabic and Chinese BBNJ texts, whose fonts cannot be read without OCR.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ocrJobs, pages } from '@mep/db';
import { closeSandboxPools, ingestFiles } from '@mep/ingest';
import { closeContext, createContext, readConfig } from '@mep/api';
import { corpusDir } from './bench-corpus';

const pagesPerDocument = Number(process.env.BENCH_OCR_PAGES ?? 6);
const documents = [
  { file: join(corpusDir, 'un-multilingual/bbnj-agreement-2023-ar.pdf'), lang: 'ara' },
  { file: join(corpusDir, 'un-multilingual/bbnj-agreement-2023-zh.pdf'), lang: 'chi_sim' },
];
const work = mkdtempSync(join(tmpdir(), 'mep-bench-ocr-'));
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function run(program: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(program, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed: ${result.stderr}`);
}

/** The same page images the pipeline makes: greyscale PGM at 200 dpi. */
function renderImages(): { image: string; lang: string }[] {
  const out: { image: string; lang: string }[] = [];
  for (const [i, doc] of documents.entries()) {
    const dir = join(work, `images-${i}`);
    mkdirSync(dir, { recursive: true });
    run('pdftoppm', ['-f', '1', '-l', String(pagesPerDocument), '-r', '200', '-gray', doc.file, join(dir, 'p')]);
    for (const name of readdirSync(dir).sort()) out.push({ image: join(dir, name), lang: doc.lang });
  }
  return out;
}

/** Bare Tesseract, one page after another, as one would run it by hand. */
function bareTesseract(images: { image: string; lang: string }[], env: Record<string, string>): number {
  const started = performance.now();
  for (const { image, lang } of images) run('tesseract', [image, image.replace(/\.pgm$/, ''), '-l', lang], env);
  return (performance.now() - started) / 1000;
}

/** The pipeline's OCR stage on the same pages: time from resuming the queued jobs until the queue is idle. */
async function pipeline(concurrency: number): Promise<{ seconds: number; pages: number }> {
  const dataDir = join(work, `data-${concurrency}`);
  const env = { MEP_DATA_DIR: dataDir, PORT: '0', MEP_OCR_MAX_PAGES: String(pagesPerDocument), MEP_OCR_CONCURRENCY: String(concurrency) };
  const context = await createContext(readConfig(env), { info() {}, error: console.error });
  try {
    await ingestFiles(documents.map((d) => d.file), context);
    await context.ocr.idle(); // first pass: warms the language data into the page cache
    // Same jobs again from scratch: queued, no page recognised yet.
    await context.db.update(ocrJobs).set({ status: 'queued', pagesDone: 0, lowConfidencePages: [] }).run();
    await context.db.update(pages).set({ ocrConfidence: null }).run();
    const started = performance.now();
    await context.ocr.resumePending();
    await context.ocr.idle();
    const seconds = (performance.now() - started) / 1000;
    const total = (await context.db.select({ pages: ocrJobs.pages }).from(ocrJobs).all()).reduce((n, j) => n + j.pages.length, 0);
    return { seconds, pages: total };
  } finally {
    await closeContext(context);
  }
}

try {
  console.log(`bench:ocr — first ${pagesPerDocument} pages of the Arabic and Chinese BBNJ texts, ${cpus().length} cores, load ${load()}`);
  const images = renderImages();
  bareTesseract(images.slice(0, 1), {}); // warm-up
  const bareDefault = bareTesseract(images, {});
  const bareOneThread = bareTesseract(images, { OMP_THREAD_LIMIT: '1' });
  const ours1 = await pipeline(1);
  const ours2 = await pipeline(2);
  const ppm = (n: number, s: number): string => ((n / s) * 60).toFixed(1);
  const n = images.length;
  console.log(`bare tesseract (default OpenMP threads), sequential: ${n} pages in ${bareDefault.toFixed(1)} s = ${ppm(n, bareDefault)} pages/min`);
  console.log(`bare tesseract (OMP_THREAD_LIMIT=1), sequential:     ${n} pages in ${bareOneThread.toFixed(1)} s = ${ppm(n, bareOneThread)} pages/min`);
  console.log(`MEP OCR stage, 1 page at a time (render + recognise + store + re-index): ${ours1.pages} pages in ${ours1.seconds.toFixed(1)} s = ${ppm(ours1.pages, ours1.seconds)} pages/min`);
  console.log(`MEP OCR stage, 2 pages at a time (default on 2 cores):                  ${ours2.pages} pages in ${ours2.seconds.toFixed(1)} s = ${ppm(ours2.pages, ours2.seconds)} pages/min`);
  const perPage = (s: number, p: number): number => s / p;
  console.log(`ratio (time per page, pipeline / bare tesseract default): ${(perPage(ours2.seconds, ours2.pages) / perPage(bareDefault, n)).toFixed(2)}× (default), ${(perPage(ours1.seconds, ours1.pages) / perPage(bareDefault, n)).toFixed(2)}× (1 at a time)  (aim: ≤ 1.2×)`);
  console.log(`ratio (1 at a time vs bare single-thread): ${(perPage(ours1.seconds, ours1.pages) / perPage(bareOneThread, n)).toFixed(2)}×; load now ${load()}`);
} finally {
  await closeSandboxPools();
  rmSync(work, { recursive: true, force: true });
}
