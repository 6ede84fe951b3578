import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { ingestFiles, type IngestOutcome } from '@mep/ingest';
import { closeContext, createContext, type AppContext } from '../../context';
import { readConfig } from '../../config';
import { createCommandLogger, withLogScope } from '../../observability/logger';

/**
 * Ingests paths with a progress bar (or one line per file when not on a terminal) and prints the final
 * table. Returns the outcomes so `serve --ingest` can reuse it.
 */
export async function runIngest(context: AppContext, paths: string[], out: NodeJS.WriteStream = process.stdout, signal?: AbortSignal): Promise<IngestOutcome[]> {
  const bar = out.isTTY ? new SingleBar({ format: 'Ingesting [{bar}] {value}/{total} {file}', hideCursor: true }, Presets.shades_classic) : undefined;
  // One id per run on every log line it causes, so a file's story can be followed in the logs.
  const outcomes = await withLogScope({ ingestRunId: randomUUID() }, () =>
    ingestFiles(paths, context, {
      signal,
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
  return outcomes;
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
    .action(async (paths: string[]) => {
      const config = readConfig();
      const context = await createContext(config, createCommandLogger(config.logLevel));
      try {
        const outcomes = await runIngest(context, paths);
        process.exitCode = outcomes.some((o) => o.status === 'failed') ? 1 : 0;
      } finally {
        await closeContext(context);
      }
    });
}
