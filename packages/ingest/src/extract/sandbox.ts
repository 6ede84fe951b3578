/**
 * Extraction in child processes with hard bounds. Parsers meet hostile files: a PDF can loop forever
 * inside pdf.js, or allocate gigabytes. A child process can be killed whatever it is doing, which a
 * worker thread stuck in a tight loop cannot; so each file goes to a pooled child with a V8 heap cap,
 * a resident-memory watchdog and a timer, and a child that misbehaves is killed and replaced.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ExtractionError, IngestError, reviveIngestError } from '../errors';
import { checkExtractable, DEFAULT_MAX_BYTES } from './extract';
import type { AnalyzedDocument, SandboxRequest, SandboxResponse } from './sandbox-protocol';
import { resolveChildCommand } from './sandbox-entry';

/**
 * The young generation's semi-space, in MB. pdf.js allocates short-lived objects by the million; with V8's
 * default (16 MB) the child spent a third of its time in scavenges and promoted garbage to the old space.
 * Measured: child extraction went from 1.5× to 1.1–1.4× bare pdf-parse. It costs at most 3× this per child.
 */
const YOUNG_SEMI_SPACE_MB = 64;

/** Per-call bounds of {@link extractInSandbox}. */
export interface SandboxOptions {
  /** Wall-clock limit of one extraction, from the moment a ready child receives the file. Default 30 s. */
  timeoutMs?: number;
  /** V8 heap cap of the child, in MB; resident memory is capped at 1.5× this + 128 MB. Default 512. */
  maxMemoryMb?: number;
  /** Files above this size fail with 'too-large' before any parsing. Default 100 MB. */
  maxBytes?: number;
  /** The file's name, a hint for analyzeDocument (which runs in the sandbox, within the same timeout). */
  fileName?: string;
  /** Image-only PDFs become documents with empty pages (to be OCR'd) instead of failing with 'no-text'. */
  allowImageOnly?: boolean;
}

/** Settings of an {@link ExtractionPool}. */
export interface ExtractionPoolOptions {
  /** Number of child processes. Default: min(2, cores). */
  size?: number;
  /** Heap cap of each child in MB. Default 512. */
  maxMemoryMb?: number;
  /** A child is retired after this many files, bounding slow leaks in the parsers. Default 200. */
  maxJobsPerChild?: number;
  /** Default per-file timeout of {@link ExtractionPool.extract}. Default 30 s. */
  timeoutMs?: number;
}

/** Counters of a pool, for logs and tests. */
export interface ExtractionPoolStats {
  spawned: number;
  killed: number;
  completed: number;
  failed: number;
  queued: number;
  live: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_MEMORY_MB = 512;
const STARTUP_TIMEOUT_MS = 60_000;
const WATCHDOG_INTERVAL_MS = 200;
const STDERR_TAIL = 4096;

interface Task {
  id: number;
  bytes: Uint8Array;
  maxBytes: number;
  allowImageOnly: boolean;
  timeoutMs: number;
  fileName?: string;
  resolve: (doc: AnalyzedDocument) => void;
  reject: (error: IngestError) => void;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  task?: Task;
  jobs: number;
  stderr: string;
  timer?: NodeJS.Timeout;
  watchdog?: NodeJS.Timeout;
  /** Set when the pool itself killed the child, so the exit is not reported a second time. */
  settled: boolean;
}

/** Resident memory of a process in MB, from /proc (Linux); undefined elsewhere or once it exited. */
function readRssMb(pid: number): number | undefined {
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8');
    const pages = Number(statm.split(' ')[1]);
    return Number.isFinite(pages) ? (pages * 4096) / 1024 / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function isOomTail(stderr: string): boolean {
  return /heap out of memory|Allocation failed|Reached heap limit|out of memory/i.test(stderr);
}

/**
 * A pool of extraction child processes. Files queue when every child is busy; a child that times
 * out, exceeds its memory or crashes is killed and a fresh one is started for the next file.
 */
export class ExtractionPool {
  readonly size: number;
  readonly maxMemoryMb: number;
  private readonly maxJobsPerChild: number;
  private readonly defaultTimeoutMs: number;
  private readonly workers = new Set<Worker>();
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private readonly counters = { spawned: 0, killed: 0, completed: 0, failed: 0 };

  constructor(options: ExtractionPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(2, availableParallelism()));
    this.maxMemoryMb = options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB;
    this.maxJobsPerChild = options.maxJobsPerChild ?? 200;
    this.defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Current counters. */
  get stats(): ExtractionPoolStats {
    return { ...this.counters, queued: this.queue.length, live: this.workers.size };
  }

  /**
   * Extracts one file in a child process.
   *
   * @throws ExtractionError 'empty-file' | 'too-large' | 'unsupported-type' (checked here, no child
   *   involved), 'timeout' | 'out-of-memory' | 'extraction-crashed', or any code of the extractors.
   */
  extract(bytes: Uint8Array, options: { timeoutMs?: number; maxBytes?: number; fileName?: string; allowImageOnly?: boolean } = {}): Promise<AnalyzedDocument> {
    if (this.closed) return Promise.reject(new ExtractionError('extraction-crashed', 'the extraction pool is closed'));
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    try {
      // Cheap refusals never cost a child round trip.
      checkExtractable(bytes, maxBytes);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AnalyzedDocument>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, maxBytes, fileName: options.fileName, allowImageOnly: options.allowImageOnly ?? false, timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs, resolve, reject });
      this.pump();
    });
  }

  /** Stops every child; queued and running extractions fail with 'extraction-crashed'. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new ExtractionError('extraction-crashed', 'the extraction pool was closed'));
    const exits = [...this.workers].map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
          w.child.once('exit', () => resolve());
          // An idle child is unref'd; without a ref its exit event may never be awaited.
          this.setRef(w, true);
          if (w.settled) w.child.kill('SIGKILL');
          else this.fail(w, new ExtractionError('extraction-crashed', 'the extraction pool was closed'));
        }),
    );
    await Promise.all(exits);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const idle = [...this.workers].find((w) => w.ready && !w.task && !w.settled);
      if (idle) {
        this.dispatch(idle, this.queue.shift()!);
        continue;
      }
      const starting = [...this.workers].filter((w) => !w.ready && !w.settled).length;
      const busy = [...this.workers].filter((w) => w.ready && w.task).length;
      if (busy + starting >= this.size || starting >= this.queue.length) return;
      this.spawn();
    }
  }

  private spawn(): void {
    const { entry, execArgv } = resolveChildCommand();
    const child = fork(entry, [], {
      execArgv: [...execArgv, `--max-old-space-size=${this.maxMemoryMb}`, `--max-semi-space-size=${YOUNG_SEMI_SPACE_MB}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    this.counters.spawned++;
    const worker: Worker = { child, ready: false, jobs: 0, stderr: '', settled: false };
    this.workers.add(worker);
    child.stderr?.on('data', (chunk: Buffer) => {
      worker.stderr = (worker.stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    // A child that never reports ready (broken loader, no memory to start) must not block the queue.
    worker.timer = setTimeout(() => this.fail(worker, new ExtractionError('extraction-crashed', 'the extraction process did not start in time')), STARTUP_TIMEOUT_MS);
    child.on('message', (raw: unknown) => this.onMessage(worker, raw as SandboxResponse));
    child.on('error', (error) => this.fail(worker, new ExtractionError('extraction-crashed', `the extraction process failed: ${error.message}`)));
    child.on('exit', (code, signal) => this.onExit(worker, code, signal));
  }

  private dispatch(worker: Worker, task: Task): void {
    worker.task = task;
    this.setRef(worker, true);
    const request: SandboxRequest = { type: 'extract', id: task.id, bytes: task.bytes, maxBytes: task.maxBytes, fileName: task.fileName, allowImageOnly: task.allowImageOnly };
    worker.child.send(request, (error) => {
      if (error) this.fail(worker, new ExtractionError('extraction-crashed', `the file could not be handed to the extraction process: ${error.message}`));
    });
    const seconds = (task.timeoutMs / 1000).toFixed(task.timeoutMs < 1000 ? 3 : 0);
    worker.timer = setTimeout(() => this.fail(worker, new ExtractionError('timeout', `extraction took longer than ${seconds} s and was stopped`)), task.timeoutMs);
    const rssLimitMb = this.maxMemoryMb * 1.5 + 128;
    worker.watchdog = setInterval(() => {
      const pid = worker.child.pid;
      const rss = pid === undefined ? undefined : readRssMb(pid);
      if (rss !== undefined && rss > rssLimitMb) {
        this.fail(worker, new ExtractionError('out-of-memory', `extraction used more than ${Math.round(rssLimitMb)} MB of memory and was stopped`));
      }
    }, WATCHDOG_INTERVAL_MS);
    worker.watchdog.unref();
  }

  private onMessage(worker: Worker, message: SandboxResponse): void {
    if (worker.settled) return;
    if (message.type === 'ready') {
      worker.ready = true;
      clearTimeout(worker.timer);
      this.setRef(worker, false);
      this.pump();
      return;
    }
    const task = worker.task;
    if (message.type !== 'result' || !task || message.id !== task.id) return;
    this.clearTimers(worker);
    worker.task = undefined;
    worker.jobs++;
    if (message.ok) {
      this.counters.completed++;
      task.resolve(message.doc);
    } else {
      this.counters.failed++;
      task.reject(reviveIngestError(message.error));
    }
    if (worker.jobs >= this.maxJobsPerChild) this.retire(worker);
    else this.setRef(worker, false);
    this.pump();
  }

  private onExit(worker: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    this.clearTimers(worker);
    this.workers.delete(worker);
    if (!worker.settled) {
      worker.settled = true;
      const task = worker.task;
      worker.task = undefined;
      const oom = isOomTail(worker.stderr) || signal === 'SIGABRT' || code === 134;
      const error = oom
        ? new ExtractionError('out-of-memory', `extraction ran out of memory (heap limit ${this.maxMemoryMb} MB) and was stopped`)
        : new ExtractionError('extraction-crashed', `the extraction process crashed (${signal ?? `exit code ${code}`})`);
      if (task) {
        this.counters.failed++;
        task.reject(error);
      } else if (!worker.ready && this.queue.length > 0) {
        // The child died while starting: the next file in line gets the reason, not an endless respawn loop.
        this.counters.failed++;
        const tail = worker.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300);
        this.queue.shift()!.reject(tail && !oom ? new ExtractionError('extraction-crashed', `the extraction process could not start: ${tail}`) : error);
      }
    }
    if (!this.closed) this.pump();
  }

  /** Kills a child because of `error`, failing its current file with that error. */
  private fail(worker: Worker, error: ExtractionError): void {
    if (worker.settled) return;
    worker.settled = true;
    this.clearTimers(worker);
    const task = worker.task;
    worker.task = undefined;
    if (task) {
      this.counters.failed++;
      task.reject(error);
    }
    this.counters.killed++;
    worker.child.kill('SIGKILL');
  }

  /** Lets a child finish gracefully (it exits on disconnect) and starts none in its place until needed. */
  private retire(worker: Worker): void {
    worker.settled = true;
    this.clearTimers(worker);
    if (worker.child.connected) worker.child.disconnect();
    else worker.child.kill('SIGKILL');
  }

  private clearTimers(worker: Worker): void {
    if (worker.timer) clearTimeout(worker.timer);
    if (worker.watchdog) clearInterval(worker.watchdog);
    worker.timer = undefined;
    worker.watchdog = undefined;
  }

  /** Idle children must not keep the parent process alive (a CLI should exit when its work is done). */
  private setRef(worker: Worker, ref: boolean): void {
    const channel = worker.child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
    if (ref) {
      worker.child.ref();
      channel?.ref?.();
    } else {
      worker.child.unref();
      channel?.unref?.();
    }
  }
}

/** Creates a pool of extraction child processes. Close it with {@link ExtractionPool.close}. */
export function createExtractionPool(options: ExtractionPoolOptions = {}): ExtractionPool {
  return new ExtractionPool(options);
}

const sharedPools = new Map<number, ExtractionPool>();

/**
 * Extracts and analyzes (analyzeDocument) a file in a sandboxed child process with a per-file
 * timeout, a memory cap and a size cap.
 * Uses a shared pool per memory cap (created on first use, idle children do not keep the process
 * alive); {@link closeSandboxPools} stops them.
 *
 * @throws ExtractionError with a stable code: 'empty-file', 'too-large', 'unsupported-type',
 *   'corrupt', 'encrypted', 'no-text', 'timeout', 'out-of-memory', 'extraction-crashed'.
 */
export function extractInSandbox(bytes: Uint8Array, options: SandboxOptions = {}): Promise<AnalyzedDocument> {
  const maxMemoryMb = options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB;
  let pool = sharedPools.get(maxMemoryMb);
  if (!pool) {
    pool = createExtractionPool({ maxMemoryMb });
    sharedPools.set(maxMemoryMb, pool);
  }
  return pool.extract(bytes, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES, fileName: options.fileName, allowImageOnly: options.allowImageOnly });
}

/** Stops the shared pools of {@link extractInSandbox}. */
export async function closeSandboxPools(): Promise<void> {
  const pools = [...sharedPools.values()];
  sharedPools.clear();
  await Promise.all(pools.map((p) => p.close()));
}
