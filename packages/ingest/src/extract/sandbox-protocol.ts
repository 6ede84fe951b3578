/** Messages between the sandbox pool and its child processes. */
import type { ExtractedDocument } from './types';

export interface SandboxRequest {
  type: 'extract';
  id: number;
  bytes: Uint8Array;
  maxBytes: number;
  /** Return image-only PDFs as documents with empty pages (for OCR) instead of failing with 'no-text'. */
  allowImageOnly?: boolean;
}

export type SandboxResponse =
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: true; doc: ExtractedDocument }
  | { type: 'result'; id: number; ok: false; error: { code: string; message: string } };
