/**
 * Entry of a sandbox child process (see sandbox.ts). Receives files over IPC, extracts them one at a
 * time, answers with the document or a `{ code, message }` error. The parent enforces time and memory
 * bounds by killing this process, so nothing here needs to be defensive about hangs.
 */
import { IngestError } from '../errors';
import { analyzeDocument } from './analyze';
import { extractDocument } from './extract';
import type { SandboxRequest, SandboxResponse } from './sandbox-protocol';

function send(message: SandboxResponse): void {
  process.send?.(message);
}

// Broken PDFs make pdf.js reject promises nobody awaits; that must not kill a child between files.
process.on('unhandledRejection', () => undefined);

process.on('message', (raw: unknown) => {
  const request = raw as SandboxRequest;
  if (request?.type !== 'extract') return;
  const bytes = request.bytes instanceof Uint8Array ? request.bytes : new Uint8Array(0);
  extractDocument(bytes, { maxBytes: request.maxBytes, allowImageOnly: request.allowImageOnly }).then(
    (doc) => send({ type: 'result', id: request.id, ok: true, doc: { ...doc, facts: analyzeDocument(doc, request.fileName) } }),
    (error: unknown) => {
      const failure =
        error instanceof IngestError
          ? error.toJSON()
          : { code: 'extraction-crashed', message: `the extractor failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` };
      send({ type: 'result', id: request.id, ok: false, error: failure });
    },
  );
});

// Parent disconnect means the pool is closing or the parent died: leave quietly.
process.on('disconnect', () => process.exit(0));

send({ type: 'ready' });
