/**
 * Error tree of the ingest package. Every failure a caller may want to report or branch on carries a
 * stable string `code`; messages are sentences meant for the person who dropped the file.
 */

const CODES = [
  'unsupported-type',
  'empty-file',
  'too-large',
  'corrupt',
  'encrypted',
  'no-text',
  'timeout',
  'out-of-memory',
  'extraction-crashed',
  'storage-failed',
  'not-found',
] as const;

/** Stable codes of {@link IngestError}. Never rename one: job records in the database store them. */
export type IngestErrorCode = (typeof CODES)[number];

export const INGEST_ERROR_CODES: readonly IngestErrorCode[] = CODES;

const DEFAULT_MESSAGES: Record<IngestErrorCode, string> = {
  'unsupported-type': 'unsupported file type',
  'empty-file': 'the file is empty',
  'too-large': 'the file is too large',
  corrupt: 'the file is corrupt and could not be read',
  encrypted: 'the file is encrypted and needs a password',
  'no-text': 'no extractable text: scanned, needs OCR',
  timeout: 'extraction took too long and was stopped',
  'out-of-memory': 'extraction ran out of memory and was stopped',
  'extraction-crashed': 'the extraction process crashed',
  'storage-failed': 'the object storage could not be reached',
  'not-found': 'no object with that key in storage',
};

/** Base class of every error the ingest package throws on purpose. */
export class IngestError extends Error {
  override name = 'IngestError';
  readonly code: IngestErrorCode;

  constructor(code: IngestErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? DEFAULT_MESSAGES[code], options);
    this.code = code;
  }

  /** Plain object form, safe to send over IPC or store as JSON. */
  toJSON(): { code: IngestErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** The bytes could not be turned into a document (type, content or resources). */
export class ExtractionError extends IngestError {
  override name = 'ExtractionError';
}

/** The object store refused or failed an operation. */
export class StorageError extends IngestError {
  override name = 'StorageError';
}

/** True when `value` is one of the stable codes. */
function isIngestErrorCode(value: unknown): value is IngestErrorCode {
  return typeof value === 'string' && (INGEST_ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Rebuilds the right subclass from a `{ code, message }` pair, e.g. one received from a sandbox child.
 */
export function reviveIngestError(data: { code: string; message: string }): IngestError {
  const code: IngestErrorCode = isIngestErrorCode(data.code) ? data.code : 'extraction-crashed';
  if (code === 'storage-failed' || code === 'not-found') return new StorageError(code, data.message);
  return new ExtractionError(code, data.message);
}
