/**
 * Ingest throughput: the whole pipeline (sandboxed extraction, metadata, tagging, object storage,
 * SQLite, Meilisearch indexing) against bare pdf-parse text extraction of the same files, in one run.
 * BENCH_COPIES (default 3) sets how many times the corpus PDFs are copied. Run twice: with OCR off, and
 * with OCR on (the first BENCH_OCR_MAX_PAGES pages, default 3, of each document whose pages need it),
 * reporting both the time until every file is stored and searchable and the time until OCR is done.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PDFParse } from 'pdf-parse';
import { ocrJobs } from '@mep/db';
import { closeSandboxPools, ingestFiles } from '@mep/ingest';
import { closeContext, createContext, readConfig } from '@mep/api';
import { copyCorpusPdfs } from './bench-corpus';

const copies = Number(process.env.BENCH_COPIES ?? 3);
const ocrMaxPages = process.env.BENCH_OCR_MAX_PAGES ?? '3';
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** CPU seconds of this process's children (sandbox extractors, embedded Meilisearch), from /proc; empty elsewhere. */
function childCpu(): Map<number, { kind: 'meilisearch' | 'sandbox' | 'other'; seconds: number }> {
  const out = new Map<number, { kind: 'meilisearch' | 'sandbox' | 'other'; seconds: number }>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const kind = command.includes('meilisearch') ? 'meilisearch' : command.includes('sandbox-child') ? 'sandbox' : 'other';
      out.set(Number(pid), { kind, seconds: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

interface CpuSplit { main: number; sandbox: number; meilisearch: number }
function cpuSince(before: Map<number, { seconds: number }>, mainBefore: NodeJS.CpuUsage): CpuSplit {
  const split: CpuSplit = { main: 0, sandbox: 0, meilisearch: 0 };
  for (const [pid, now] of childCpu()) {
    if (now.kind === 'other') continue;
    split[now.kind] += now.seconds - (before.get(pid)?.seconds ?? 0);
  }
  const main = process.cpuUsage(mainBefore);
  split.main = (main.user + main.system) / 1e6;
  return split;
}

const work = mkdtempSync(join(tmpdir(), 'mep-bench-ingest-'));
const files = copyCorpusPdfs(join(work, 'files'), copies);

async function extractBare(): Promise<{ pages: number; seconds: number; cpu: number; load: string }> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let pages = 0;
  for (const file of files) {
    const parser = new PDFParse({ data: readFileSync(file) });
    try {
      pages += (await parser.getText()).pages.length;
    } finally {
      await parser.destroy();
    }
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { pages, seconds: (performance.now() - started) / 1000, cpu: (cpu.user + cpu.system) / 1e6, load: load() };
}

async function ingestAll(ocr: 'on' | 'off'): Promise<{ pages: number; seconds: number; failed: number; ocrSeconds: number; ocrPages: number; cpu: CpuSplit; load: string }> {
  const env = { MEP_DATA_DIR: join(work, `data-ocr-${ocr}`), PORT: '0', MEP_OCR: ocr, MEP_OCR_MAX_PAGES: ocrMaxPages };
  const context = await createContext(readConfig(env), { info() {}, error: console.error });
  try {
    const childrenBefore = childCpu();
    const mainBefore = process.cpuUsage();
    const started = performance.now();
    const outcomes = await ingestFiles(files, context);
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSince(childrenBefore, mainBefore);
    const loadThen = load();
    await context.ocr.idle();
    const ocrSeconds = (performance.now() - started) / 1000;
    const ocrPages = (await context.db.select({ pages: ocrJobs.pages }).from(ocrJobs).all()).reduce((n, j) => n + j.pages.length, 0);
    return { pages: outcomes.reduce((sum, o) => sum + (o.pageCount ?? 0), 0), seconds, failed: outcomes.filter((o) => o.status !== 'ingested').length, ocrSeconds, ocrPages, cpu, load: loadThen };
  } finally {
    await closeContext(context);
  }
}

try {
  console.log(`bench:ingest — ${files.length} PDFs (${copies} copies of the corpus PDFs), ${process.env.CI ? 'CI' : 'local'}, ${(await import('node:os')).cpus().length} cores, load ${load()}`);
  await extractBare(); // warm-up: JIT and the PDF worker's fonts
  const bare = await extractBare();
  const off = await ingestAll('off');
  const on = await ingestAll('on');
  const barePps = bare.pages / bare.seconds;
  console.log(`bare pdf-parse extraction (in-process, sequential): ${bare.pages} pages in ${bare.seconds.toFixed(2)} s = ${barePps.toFixed(1)} pages/s; CPU ${bare.cpu.toFixed(1)} s [load ${bare.load}]`);
  for (const [name, ours] of [['OCR off', off], ['OCR on ', on]] as const) {
    const oursPps = ours.pages / ours.seconds;
    console.log(`MEP ingest, ${name} (sandboxed, tagged, stored, indexed): ${ours.pages} pages in ${ours.seconds.toFixed(2)} s = ${oursPps.toFixed(1)} pages/s${ours.failed ? ` (${ours.failed} not ingested)` : ''} → ratio ${(barePps / oursPps).toFixed(2)}× (aim: ≤ 1.5×) [load ${ours.load}]`);
    // Where the time goes: CPU seconds by process (the machine has 2 cores; wall time under load is noise).
    console.log(`  CPU: main ${ours.cpu.main.toFixed(1)} s (tagging, SQLite, blobs, IPC), sandbox children ${ours.cpu.sandbox.toFixed(1)} s (start-up, extraction, analysis), Meilisearch ${ours.cpu.meilisearch.toFixed(1)} s (indexing); bare ${bare.cpu.toFixed(1)} s`);
  }
  console.log(`OCR on: ${on.ocrPages} page(s) recognised in the background (first ${ocrMaxPages} of each document that needs it), done ${on.ocrSeconds.toFixed(1)} s after the start (${(on.ocrSeconds - on.seconds).toFixed(1)} s after ingest) [load ${load()}]`);
  console.log(`load now ${load()}`);
} finally {
  await closeSandboxPools();
  rmSync(work, { recursive: true, force: true });
}
