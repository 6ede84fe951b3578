/**
 * Entry of a Markdown worker thread (see markdown-pool.ts): renders one request at a time. The pool
 * enforces the time budget by terminating this thread, so nothing here guards against slowness.
 */
import { parentPort } from 'node:worker_threads';
import { renderMarkdownHtml } from './markdown-render';
import type { MarkdownJob, MarkdownJobResult } from './markdown-pool';

parentPort?.on('message', (job: MarkdownJob) => {
  let reply: MarkdownJobResult;
  try {
    reply = { id: job.id, ok: true, rendered: renderMarkdownHtml(job.markdown, job.cards) };
  } catch (error) {
    reply = { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
parentPort?.postMessage({ ready: true });
