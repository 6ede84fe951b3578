/** Messages between the sandbox pool and its child processes. */
import type { DocumentFacts, ExtractedDocument } from './types';

/** An extracted document with the facts analyzeDocument found, both computed inside the sandbox. */
export type AnalyzedDocument = ExtractedDocument & { facts: DocumentFacts };

export interface SandboxRequest {
  type: 'extract';
  id: number;
  bytes: Uint8Array;
  maxBytes: number;
  /** Passed to analyzeDocument, which runs in the child too (its regular expressions meet hostile text). */
  fileName?: string;
  /** Return image-only PDFs as documents with empty pages (for OCR) instead of failing with 'no-text'. */
  allowImageOnly?: boolean;
}

export type SandboxResponse =
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: true; doc: AnalyzedDocument }
  | { type: 'result'; id: number; ok: false; error: { code: string; message: string } };
