/**
 * User Markdown is rendered in worker threads with a time budget. A Markdown parser with a
 * backtracking bug (marked's unclosed links once took 211 s for 20,000 characters) would otherwise
 * hold the event loop and stall every user; here the thread is terminated when the budget runs out
 * (V8 interrupts even a running regular expression), the request gets a 422 and a fresh thread
 * takes the next job.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError, ServiceUnavailableError } from '../errors';
import type { DocumentCardDto } from '../realtime/events';
import type { RenderedMarkdown } from './markdown-render';

/** Default wall-clock budget of one rendering, from the moment a ready thread receives it. */
export const DEFAULT_MARKDOWN_BUDGET_MS = 2000;
const STARTUP_TIMEOUT_MS = 60_000;
/** Jobs waiting beyond this answer 503 rather than queueing without bound. */
const MAX_QUEUE = 200;

export interface MarkdownJob {
  id: number;
  markdown: string;
  cards: Record<string, DocumentCardDto>;
}
export type MarkdownJobResult = { id: number; ok: true; rendered: RenderedMarkdown } | { id: number; ok: false; message: string };

/** The 422 of a text that could not be rendered within the budget. */
export class MarkdownTooComplexError extends ApiError {
  constructor(budgetMs: number) {
    super('markdown_too_complex', `The text could not be formatted within ${(budgetMs / 1000).toFixed(1)} s; simplify its Markdown (e.g. unclosed links or brackets).`, 422);
  }
}

interface Task {
  job: MarkdownJob;
  budgetMs: number;
  resolve: (rendered: RenderedMarkdown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
  dead: boolean;
}

/** How to start the worker entry: the .ts source needs the tsx loader, a compiled .js does not. */
function workerEntry(): { url: URL; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const tsx = createRequire(here).resolve('tsx');
    return { url: new URL('./markdown-worker.ts', here), execArgv: ['--import', pathToFileURL(tsx).href] };
  }
  return { url: new URL('./markdown-worker.js', here), execArgv: [] };
}

/** Counters, for tests and logs. */
export interface MarkdownPoolStats {
  started: number;
  terminated: number;
  live: number;
  queued: number;
}

/** A small pool of rendering threads; see the module comment. */
export class MarkdownPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private readonly counters = { started: 0, terminated: 0 };

  constructor(readonly size = Math.max(1, Math.min(2, availableParallelism()))) {}

  get stats(): MarkdownPoolStats {
    return { ...this.counters, live: this.slots.size, queued: this.queue.length };
  }

  /**
   * Renders in a worker thread.
   *
   * @throws MarkdownTooComplexError (422 `markdown_too_complex`) when the budget runs out;
   *   ServiceUnavailableError (503 `markdown_busy`) when too many renderings wait.
   */
  render(markdown: string, cards: Record<string, DocumentCardDto>, budgetMs = DEFAULT_MARKDOWN_BUDGET_MS): Promise<RenderedMarkdown> {
    if (this.closed) return Promise.reject(new ServiceUnavailableError('markdown_busy', 'The server is shutting down.'));
    if (this.queue.length >= MAX_QUEUE) return Promise.reject(new ServiceUnavailableError('markdown_busy', 'Too many texts are being formatted; try again shortly.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, markdown, cards }, budgetMs, resolve, reject });
      this.pump();
    });
  }

  /** Terminates every thread; waiting renderings fail with 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new ServiceUnavailableError('markdown_busy', 'The server is shutting down.'));
    await Promise.all([...this.slots].map((slot) => this.kill(slot, new ServiceUnavailableError('markdown_busy', 'The server is shutting down.'))));
  }

  private pump(): void {
    while (this.queue.length) {
      const idle = [...this.slots].find((s) => s.ready && !s.task && !s.dead);
      if (idle) {
        this.dispatch(idle, this.queue.shift()!);
        continue;
      }
      const starting = [...this.slots].filter((s) => !s.ready && !s.dead).length;
      if (this.slots.size >= this.size || starting >= this.queue.length) return;
      this.spawn();
    }
  }

  private spawn(): void {
    const { url, execArgv } = workerEntry();
    const worker = new Worker(fileURLToPath(url), { execArgv, stdout: false, stderr: false });
    this.counters.started++;
    const slot: Slot = { worker, ready: false, dead: false };
    this.slots.add(slot);
    slot.timer = setTimeout(() => void this.kill(slot, new ServiceUnavailableError('markdown_busy', 'The formatting thread did not start in time.')), STARTUP_TIMEOUT_MS);
    worker.on('message', (message: MarkdownJobResult | { ready: true }) => this.onMessage(slot, message));
    worker.on('error', (error) => void this.kill(slot, error));
    worker.on('exit', () => {
      this.slots.delete(slot);
      if (!slot.dead) {
        slot.dead = true;
        clearTimeout(slot.timer);
        slot.task?.reject(new Error('The Markdown worker exited unexpectedly.'));
      }
      if (!this.closed) this.pump();
    });
  }

  private dispatch(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref();
    slot.worker.postMessage(task.job);
    slot.timer = setTimeout(() => {
      this.counters.terminated++;
      void this.kill(slot, new MarkdownTooComplexError(task.budgetMs));
    }, task.budgetMs);
  }

  private onMessage(slot: Slot, message: MarkdownJobResult | { ready: true }): void {
    if (slot.dead) return;
    if ('ready' in message) {
      slot.ready = true;
      clearTimeout(slot.timer);
      slot.worker.unref();
      this.pump();
      return;
    }
    const task = slot.task;
    if (!task || task.job.id !== message.id) return;
    clearTimeout(slot.timer);
    slot.task = undefined;
    // An idle thread must not keep a CLI process alive.
    slot.worker.unref();
    if (message.ok) task.resolve(message.rendered);
    else task.reject(new Error(`Markdown rendering failed: ${message.message}`));
    this.pump();
  }

  /** Stops a thread, failing its current job (if any) with `error`. */
  private async kill(slot: Slot, error: Error): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    clearTimeout(slot.timer);
    const task = slot.task;
    slot.task = undefined;
    task?.reject(error);
    await slot.worker.terminate();
  }
}

let shared: MarkdownPool | undefined;

/** The process-wide pool, created on first use; {@link closeMarkdownPool} stops it. */
export function sharedMarkdownPool(): MarkdownPool {
  return (shared ??= new MarkdownPool());
}

/** Stops the process-wide pool (a later render starts a new one). */
export async function closeMarkdownPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
