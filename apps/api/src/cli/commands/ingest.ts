import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { ingestFiles, recoverInterruptedIngestJobs, type IngestOutcome } from '@mep/ingest';
import { closeContext, createContext, type AppContext } from '../../context';
import { readConfig } from '../../config';
import { createCommandLogger, withLogScope } from '../../observability/logger';

/**
 * Ingests paths with a progress bar (or one line per file when not on a terminal) and prints the final
 * table. Returns the outcomes so `serve --ingest` can reuse it.
 */
export async function runIngest(
  context: AppContext,
  paths: string[],
  out: NodeJS.WriteStream = process.stdout,
  signal?: AbortSignal,
  options: { includeReadmes?: boolean } = {},
): Promise<IngestOutcome[]> {
  const bar = out.isTTY ? new SingleBar({ format: 'Ingesting [{bar}] {value}/{total} {file}', hideCursor: true }, Presets.shades_classic) : undefined;
  // One id per run on every log line it causes, so a file's story can be followed in the logs.
  const outcomes = await withLogScope({ ingestRunId: randomUUID() }, () =>
    ingestFiles(paths, context, {
      signal,
      includeReadmes: options.includeReadmes,
      onStart: (total) => bar?.start(total, 0, { file: '' }),
      onOutcome: (outcome, done, total) => {
        context.metrics.ingestJobs.inc({ outcome: outcome.status });
        if (outcome.status === 'ingested' && outcome.documentId) context.events.emit('documents.ingested', { documentId: outcome.documentId });
        const fields = { file: outcome.source, status: outcome.status, documentId: outcome.documentId, errorCode: outcome.errorCode, flags: outcome.flags };
        if (outcome.status === 'failed') context.log.warn?.(`Ingest failed: ${outcome.message}`, fields);
        else context.log.info(`Ingest ${outcome.status}`, fields);
        if (bar) bar.update(done, { file: shortName(outcome.source) });
        else out.write(`[${done}/${total}] ${outcome.status.padEnd(9)} ${shortName(outcome.source)}\n`);
      },
    }),
  );
  bar?.stop();
  out.write(formatIngestTable(outcomes));
  if (!context.ocr.available && outcomes.some((o) => o.flags.some((f) => f.startsWith('ocr-unavailable')) || o.errorCode === 'no-text')) {
    out.write(`${context.ocr.unavailableReason}: image-only pages were not recognised (install tesseract-ocr and poppler-utils, see the README).\n`);
  }
  return outcomes;
}

/**
 * Waits for the background OCR stage with a progress bar (pages recognised / pages queued), or one line
 * per finished document when not on a terminal. Returns at once when nothing is queued.
 */
export async function waitForOcr(context: AppContext, out: NodeJS.WriteStream = process.stdout): Promise<void> {
  if (context.ocr.pending === 0) return;
  out.write(`Recognising text on page images (OCR, ${context.ocr.settings.maxPages ? `first ${context.ocr.settings.maxPages} page(s) per document` : 'every page'})…\n`);
  const unsubscribe = followOcr(context, out);
  await context.ocr.idle();
  unsubscribe();
}

/**
 * Shows OCR progress until unsubscribed: a bar on a terminal, otherwise one line per finished document.
 * `serve` uses it while the server already answers.
 */
export function followOcr(context: AppContext, out: NodeJS.WriteStream = process.stdout, useBar = out.isTTY): () => void {
  const bar = useBar ? new SingleBar({ format: 'OCR [{bar}] {value}/{total} pages {file}', hideCursor: true }, Presets.shades_classic) : undefined;
  const totals = new Map<string, { done: number; total: number }>();
  let started = false;
  const unsubscribe = context.ocr.onProgress((p) => {
    totals.set(p.documentId, { done: p.pagesDone, total: p.pagesTotal });
    const done = [...totals.values()].reduce((n, t) => n + t.done, 0);
    const total = [...totals.values()].reduce((n, t) => n + t.total, 0);
    if (bar) {
      if (!started) bar.start(total, done, { file: p.fileName });
      started = true;
      bar.setTotal(total);
      bar.update(done, { file: p.fileName });
    } else if (p.status !== 'running') {
      out.write(`[ocr] ${p.status.padEnd(6)} ${p.fileName}: ${p.message ?? ''}\n`);
    }
  });
  return () => {
    unsubscribe();
    bar?.stop();
  };
}

/**
 * Waits (bounded) until the search outbox holds no document update: rows of this run that failed, and
 * rows a killed earlier run still held under its lease (at most the lease, 30 s). With Meilisearch away
 * the rows stay: `mep serve` or the next run applies them.
 */
export async function waitForSearchIndex(context: AppContext, out: NodeJS.WriteStream = process.stdout, timeoutMs = 60_000): Promise<void> {
  try {
    await context.searchOutbox.idle(1000);
    return;
  } catch {
    // still rows: say so and wait longer
  }
  out.write('Applying pending search index updates…\n');
  try {
    await context.searchOutbox.idle(timeoutMs);
  } catch {
    out.write(`The search index is behind by ${await context.searchOutbox.pending()} update(s); they are kept and applied by \`mep serve\` or the next \`mep ingest\` once Meilisearch answers.\n`);
  }
}

function shortName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.length < path.length ? rel : path;
}

/** The closing table: one row per file and a count per status. */
export function formatIngestTable(outcomes: IngestOutcome[]): string {
  const rows = outcomes.map((o) => [o.status + (o.flags.length ? ' (flagged)' : ''), shortName(o.source), o.status === 'failed' ? `${o.errorCode}: ${o.message}` : o.flags.length ? o.flags.join('; ') : (o.title ?? '')]);
  const width = Math.min(60, Math.max(4, ...rows.map((r) => r[1]!.length)));
  const lines = rows.map(([status, file, detail]) => `${status!.padEnd(19)} ${file!.padEnd(width)} ${detail!.replace(/\s+/g, ' ').slice(0, 160)}`);
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  return [
    '',
    `${'STATUS'.padEnd(19)} ${'FILE'.padEnd(width)} DETAIL`,
    ...lines,
    '',
    `ingested: ${count('ingested')}  duplicate: ${count('duplicate')}  failed: ${count('failed')}  (flagged: ${outcomes.filter((o) => o.flags.length).length})`,
    '',
  ].join('\n');
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('ingest files and folders into the repository (exits non-zero if any file failed)')
    .argument('<paths...>', 'files or folders')
    .option('--include-readmes', "also ingest a folder's README-like files (README.md, SOURCES.md …) as doctype:other, ranked last")
    .action(async (paths: string[], options: { includeReadmes?: boolean }) => {
      const startedAt = new Date();
      const config = readConfig();
      const context = await createContext(config, createCommandLogger(config.logLevel));
      try {
        const recovered = await recoverInterruptedIngestJobs(context.db, startedAt);
        if (recovered > 0) context.log.info(`Marked ${recovered} ingest job(s) left running by a stopped process as interrupted.`);
        await context.ocr.resumePending();
        const outcomes = await runIngest(context, paths, process.stdout, undefined, { includeReadmes: options.includeReadmes });
        await waitForOcr(context);
        await waitForSearchIndex(context);
        process.exitCode = outcomes.some((o) => o.status === 'failed') ? 1 : 0;
      } finally {
        await closeContext(context);
      }
    });
}
