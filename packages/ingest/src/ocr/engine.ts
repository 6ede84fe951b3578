/**
 * The OCR engine: Poppler's `pdftoppm` renders one page to a greyscale PNG, Tesseract recognises it.
 * Both are external programs meeting hostile input, so each runs as a child process with a wall-clock
 * limit (SIGKILL) and an address-space limit (`ulimit -v` in a POSIX shell), one page at a time: a page
 * that hangs or explodes costs that page, never the document or the process.
 */
import { spawn } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normaliseOcrText, parseTsvConfidence } from './ocr-text';
import type { OcrSettings } from './settings';

/** What `probeOcr` found: the programs and the installed Tesseract languages, or why OCR cannot run. */
export type OcrAvailability =
  | { available: true; version: string; languages: string[] }
  | { available: false; reason: string };

/** Result of recognising one page image. */
export interface RecognizedPage {
  text: string;
  /** Mean word confidence, 0–100, weighted by word length; 0 when no word was found. */
  confidence: number;
}

export class OcrError extends Error {
  override name = 'OcrError';
  constructor(
    readonly code: 'timeout' | 'out-of-memory' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

interface RunResult {
  stdout: string;
  stderr: string;
}

const OUTPUT_LIMIT = 1 << 20;

/**
 * Runs a program with a time limit and an address-space limit. The shell applies `ulimit -v` to
 * itself and then execs the program, so the limit holds for the program and nothing else.
 */
export function runBounded(program: string, args: readonly string[], bounds: { timeoutMs: number; maxMemoryMb: number; signal?: AbortSignal }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (bounds.signal?.aborted) return reject(new OcrError('failed', 'OCR was stopped'));
    const kb = Math.max(64, Math.round(bounds.maxMemoryMb * 1024));
    const child = spawn('/bin/sh', ['-c', `ulimit -v ${kb} 2>/dev/null; exec "$0" "$@"`, program, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // One thread per Tesseract: the platform decides the parallelism (pages), not OpenMP.
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const onAbort = (): void => {
      child.kill('SIGKILL');
    };
    bounds.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < OUTPUT_LIMIT) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4096);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, bounds.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new OcrError('failed', `${program} could not be started: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      bounds.signal?.removeEventListener('abort', onAbort);
      if (bounds.signal?.aborted) return reject(new OcrError('failed', 'OCR was stopped'));
      if (timedOut) return reject(new OcrError('timeout', `${shortName(program)} took longer than ${Math.round(bounds.timeoutMs / 1000)} s and was stopped`));
      if (code === 0) return resolve({ stdout, stderr });
      const tail = stderr.trim().split('\n').slice(-2).join(' ').slice(0, 200);
      if (code === 127) return reject(new OcrError('failed', `${program} was not found`));
      if (/alloc|memory/i.test(tail) || signal === 'SIGABRT' || signal === 'SIGSEGV') {
        return reject(new OcrError('out-of-memory', `${shortName(program)} ran out of memory (limit ${bounds.maxMemoryMb} MB) or crashed${tail ? `: ${tail}` : ''}`));
      }
      reject(new OcrError('failed', `${shortName(program)} failed (${signal ?? `exit code ${code}`})${tail ? `: ${tail}` : ''}`));
    });
  });
}

function shortName(program: string): string {
  return program.split('/').pop() ?? program;
}

/** Checks that Tesseract and pdftoppm run, and which Tesseract languages are installed. */
export async function probeOcr(settings: OcrSettings): Promise<OcrAvailability> {
  if (!settings.enabled) return { available: false, reason: 'OCR is switched off (MEP_OCR=off)' };
  const bounds = { timeoutMs: 15_000, maxMemoryMb: settings.maxMemoryMb };
  try {
    const version = await runBounded(settings.tesseractPath, ['--version'], bounds);
    const list = await runBounded(settings.tesseractPath, ['--list-langs'], bounds);
    const languages = list.stdout
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .filter((l) => /^[a-z_]+$/i.test(l));
    await runBounded(settings.pdftoppmPath, ['-v'], bounds);
    const firstLine = (version.stdout || version.stderr).split('\n')[0]?.trim() ?? 'tesseract';
    return { available: true, version: firstLine, languages };
  } catch (error) {
    return { available: false, reason: `OCR is unavailable: ${(error as Error).message}` };
  }
}

/**
 * Renders page `page` (1-based) of the PDF at `pdfPath` to the greyscale image `<dir>/p<page>.pgm` (unless
 * it exists) and returns that path. PGM rather than PNG: no compression to pay for, and
 * {@link isBlankImage} can read it without a decoder.
 */
export async function renderPage(pdfPath: string, page: number, dir: string, settings: OcrSettings, signal?: AbortSignal): Promise<string> {
  const base = join(dir, `p${page}`);
  // Rendered already (for script detection): the same image serves recognition.
  if (await access(`${base}.pgm`).then(() => true, () => false)) return `${base}.pgm`;
  await runBounded(
    settings.pdftoppmPath,
    ['-f', String(page), '-l', String(page), '-r', String(settings.dpi), '-gray', '-singlefile', pdfPath, base],
    { timeoutMs: settings.pageTimeoutMs, maxMemoryMb: settings.maxMemoryMb, signal },
  );
  return `${base}.pgm`;
}

/** Pixels darker than this (0 black … 255 white) count as ink. */
const INK = 128;
/** Fewer ink pixels than this and a page holds nothing to read (a speck, a scanner's dust). */
const MIN_INK_PIXELS = 40;

/**
 * True when a binary greyscale PGM (as pdftoppm writes it) has no ink at all: an empty page, for which
 * starting Tesseract would cost a second and find nothing.
 */
export async function isBlankImage(path: string): Promise<boolean> {
  const bytes = await readFile(path);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header || Number(header[3]) !== 255) return false;
  let ink = 0;
  for (let i = header[0].length; i < bytes.length; i++) {
    if (bytes[i]! < INK && ++ink >= MIN_INK_PIXELS) return false;
  }
  return true;
}

/** Recognises one page image with Tesseract: plain text plus a TSV whose word confidences are averaged. */
export async function recognizeImage(imagePath: string, languages: string, settings: OcrSettings, signal?: AbortSignal): Promise<RecognizedPage> {
  const base = imagePath.replace(/\.(?:png|pgm)$/, '');
  await runBounded(settings.tesseractPath, [imagePath, base, '-l', languages, 'txt', 'tsv'], {
    timeoutMs: settings.pageTimeoutMs,
    maxMemoryMb: settings.maxMemoryMb,
    signal,
  });
  const [text, tsv] = await Promise.all([readFile(`${base}.txt`, 'utf8'), readFile(`${base}.tsv`, 'utf8')]);
  return { text: normaliseOcrText(text), confidence: parseTsvConfidence(tsv) };
}

/**
 * Asks Tesseract's orientation-and-script detection which script a page image is written in
 * (`Latin`, `Arabic`, `Han`, `Cyrillic`, …); undefined when it cannot tell (blank page, no `osd` data).
 */
export async function detectScript(imagePath: string, settings: OcrSettings, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const { stdout } = await runBounded(settings.tesseractPath, [imagePath, '-', '--psm', '0', '-l', 'osd'], {
      timeoutMs: settings.pageTimeoutMs,
      maxMemoryMb: settings.maxMemoryMb,
      signal,
    });
    return /^Script:\s*(\S+)/m.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}
