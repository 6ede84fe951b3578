import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { and, eq, lt } from 'drizzle-orm';
import { documents, ingestJobs, ocrJobs, pages, type Db } from '@mep/db';
import { tagDocument, type Taxonomy } from '@mep/taxonomy';
import type { DoctypeId, NewDocumentStatus } from '@mep/vocabulary';
import { IngestError } from '../errors';
import { analyzeDocument, extractInSandbox, type DocumentFacts, type ExtractedDocument } from '../extract';
import { OCR_PENDING_FLAG, type OcrService } from '../ocr/ocr-service';
import { sha256Hex, type BlobStore } from '../storage';
import type { SearchConnection } from '../search/connect-search';
import { createDocumentIndexWorker } from '../search/index-documents';
import { enqueueSearchUpdates, type SearchOutboxWorker } from '../search/search-outbox';
import { collectFiles, isReadmeLike } from './collect-files';
import { replaceTaggerConcepts } from './retag';
import { documentFlagsOf, NATIONAL_REPORT_DOCTYPE, parseNationalReport, storeNationalReport } from '../reports';

export type IngestStatus = 'ingested' | 'duplicate' | 'failed';

export interface IngestOutcome {
  source: string;
  status: IngestStatus;
  documentId?: string;
  title?: string;
  language?: string;
  pageCount?: number;
  /** Stable reason code of a failure (see IngestErrorCode). */
  errorCode?: string;
  /** One human sentence: what happened to this file. */
  message: string;
  /** Warnings on an ingested document, e.g. low-quality text or not yet searchable. */
  flags: string[];
}

export interface IngestDependencies {
  db: Db;
  blobs: BlobStore;
  taxonomy: Taxonomy;
  /** When given, ingested documents are made searchable in batches. */
  search?: SearchConnection;
  /**
   * The process's search outbox worker (it must handle 'document'). Every stored document is an outbox
   * row in its own transaction; the batch drains the outbox as it goes. Without one, a private worker
   * over `search` is used.
   */
  searchOutbox?: SearchOutboxWorker;
  /** Replaces sandboxed extraction (the benchmark measures it bare). */
  extract?: (bytes: Uint8Array) => Promise<ExtractedDocument>;
  /**
   * The background OCR stage. When given and available, image-only PDFs are stored (instead of failing
   * with 'no-text') and every page without clean text is queued for recognition after the document is
   * stored; when unavailable, documents that needed it say so in their flags.
   */
  ocr?: OcrService;
}

export interface IngestOptions {
  /** Files extracted at once (each in its own sandboxed child process). */
  concurrency?: number;
  maxBytes?: number;
  timeoutMs?: number;
  maxMemoryMb?: number;
  /** Documents sent to Meilisearch per batch, at most (default 100). */
  indexBatchSize?: number;
  /** Pages sent to Meilisearch per batch: a batch leaves once it holds this many (default 2,000). */
  indexBatchPages?: number;
  /** Ingest README-like files found inside folders too, as `doctype:other` (see collectFiles). */
  includeReadmes?: boolean;
  /** Called after each file, in completion order. */
  onOutcome?: (outcome: IngestOutcome, done: number, total: number) => void;
  /** Called once the list of files is known. */
  onStart?: (total: number) => void;
  /**
   * Once aborted, no new file is started (a shutting-down server): files already being ingested finish
   * and are indexed; the others are left for the next run and have no outcome.
   */
  signal?: AbortSignal;
  /** Status of new documents: `published` (the default) or `draft` (waits in the curators' queue). */
  status?: NewDocumentStatus;
  /** The web user who uploaded the files (notified of the curator's decision). */
  submittedBy?: string;
  /** A focal point's submission: the party it is for. */
  submittedForParty?: string;
  /** Called as one file moves through the stages (web uploads show them live). */
  onStage?: (stage: IngestStage) => void;
}

/** Stages of one file, in order, as `onStage` reports them. */
export type IngestStage = 'extracting' | 'tagging' | 'stored';

const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
/** A document whose type neither its symbol nor its title tells. */
const DEFAULT_DOCTYPE: DoctypeId = 'doctype:information-document';
const NOT_INDEXED = 'not-indexed: stored; the search index could not be updated yet and catches up once Meilisearch answers';

/** The id of a document: a prefix of the SHA-256 of its bytes, so the same bytes are always the same document. */
export function documentIdFor(sha256: string): string {
  return sha256.slice(0, 20);
}

/**
 * Ingests files and folders: extraction in a bounded sandbox, metadata, tags, original into object
 * storage, everything else into SQLite in one transaction, then search indexing in batches. Every file
 * ends as exactly one outcome; a failure never stops the batch or touches earlier documents.
 */
export async function ingestFiles(paths: readonly string[], deps: IngestDependencies, options: IngestOptions = {}): Promise<IngestOutcome[]> {
  // OCR waits for the batch: extraction gets the cores, every file is stored and searchable sooner.
  const releaseOcr = deps.ocr?.hold();
  try {
    return await ingestCollected(paths, deps, options);
  } finally {
    releaseOcr?.();
  }
}

async function ingestCollected(paths: readonly string[], deps: IngestDependencies, options: IngestOptions): Promise<IngestOutcome[]> {
  const files = await collectFiles(paths, { includeReadmes: options.includeReadmes });
  options.onStart?.(files.length);
  const outcomes: IngestOutcome[] = new Array(files.length);
  const inFlight = new Set<string>();
  const toIndex: IngestOutcome[] = [];
  // Meilisearch pays a cost per batch (it rebuilds its prefix and facet structures), and on 2 cores it
  // can only index by taking a core from extraction: a few large batches cost ~20 % less indexing CPU
  // than one every 10 documents, for documents searchable in chunks of about a minute of extraction.
  const batchSize = options.indexBatchSize ?? 100;
  const batchPages = options.indexBatchPages ?? 2_000;
  let pendingPages = 0;
  let done = 0;
  let next = 0;

  // Indexing runs behind extraction, one batch at a time: Meilisearch works while the next files are
  // being extracted, and the batch only waits for it at the very end.
  let indexing: Promise<void> = Promise.resolve();
  const outbox = deps.searchOutbox ?? (deps.search ? createDocumentIndexWorker(deps.db, deps.search, deps.taxonomy) : undefined);
  const flushIndex = (force: boolean) => {
    if (!outbox || toIndex.length === 0 || (!force && toIndex.length < batchSize && pendingPages < batchPages)) return;
    const batch = toIndex.splice(0, toIndex.length);
    pendingPages = 0;
    indexing = indexing.then(async () => {
      // The rows were committed with the documents: a failure only delays them (the outbox retries).
      const applied = await outbox.drain().catch(() => false);
      if (!applied) for (const outcome of batch) outcome.flags.push(NOT_INDEXED);
    });
  };

  const worker = async () => {
    while (next < files.length && !options.signal?.aborted) {
      const index = next++;
      const file = files[index]!;
      const outcome = file.problem
        ? (await recordFailure(deps.db, file.path, undefined, 'unreadable', file.problem))
        : await ingestOneFile(file.path, deps, options, inFlight);
      outcomes[index] = outcome;
      if (outcome.status === 'ingested') {
        toIndex.push(outcome);
        pendingPages += outcome.pageCount ?? 0;
      }
      flushIndex(false);
      options.onOutcome?.(outcome, ++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 2, files.length)) }, worker));
  flushIndex(true);
  await indexing;
  // Without a stop, every slot is filled; after one, the files never started have none.
  return outcomes.filter(Boolean);
}

async function ingestOneFile(path: string, deps: IngestDependencies, options: IngestOptions, inFlight: Set<string>): Promise<IngestOutcome> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.size > maxBytes) {
      return recordFailure(deps.db, path, undefined, 'too-large', `The file is ${formatBytes(info.size)}; the limit is ${formatBytes(maxBytes)}.`);
    }
    bytes = await readFile(path);
  } catch (error) {
    return recordFailure(deps.db, path, undefined, 'unreadable', `Cannot read the file: ${(error as Error).message}`);
  }
  return ingestBytes(bytes, path, deps, options, inFlight);
}

/**
 * Ingests one file's bytes (`source` names it in jobs and messages). Used for folders on disk and,
 * later, for uploads.
 */
export async function ingestBytes(
  bytes: Uint8Array,
  source: string,
  deps: IngestDependencies,
  options: IngestOptions = {},
  inFlight: Set<string> = new Set(),
): Promise<IngestOutcome> {
  const { db } = deps;
  const sha256 = sha256Hex(bytes);
  const id = documentIdFor(sha256);
  const existing = await db.select({ id: documents.id, title: documents.title, mime: documents.mime }).from(documents).where(eq(documents.sha256, sha256)).get();
  if (existing || inFlight.has(sha256)) {
    // A run killed after the commit may have left the document without its index entry (or an older
    // store without its blob): a re-ingest of the same bytes repairs what is missing.
    const repaired = existing ? await repairDocument(deps, { id, sha256, mime: existing.mime }, bytes) : [];
    const message = existing
      ? `Already in the repository as “${existing.title}”${repaired.length ? `; repaired: ${repaired.join(', ')}` : ''}.`
      : 'The same file is being ingested from another path in this batch.';
    await recordJob(db, { source, sha256, status: 'duplicate', documentId: id, message });
    return { source, status: 'duplicate', documentId: id, title: existing?.title, message, flags: repaired.map((what) => `repaired: ${what}`) };
  }
  inFlight.add(sha256);
  const startedAt = new Date().toISOString();
  // Visible while the file is being worked on; a run killed meanwhile leaves it `running` until the next start recovers it.
  const job = await db.insert(ingestJobs).values({ source, sha256, status: 'running', message: 'Ingesting.', startedAt }).returning({ id: ingestJobs.id }).get();
  try {
    const ocr = deps.ocr;
    const allowImageOnly = ocr?.available ?? false;
    const fileName = basename(source);
    options.onStage?.('extracting');
    const extracted: ExtractedDocument & { facts?: DocumentFacts } = await (deps.extract ?? ((b: Uint8Array) => extractInSandbox(b, { timeoutMs: options.timeoutMs, maxMemoryMb: options.maxMemoryMb, maxBytes: options.maxBytes, fileName, allowImageOnly })))(bytes);
    // The sandbox analyzes within its time bound; an injected extractor (tests) leaves it to us.
    const facts = extracted.facts ?? analyzeDocument(extracted, fileName);
    const ocrPages = extracted.kind === 'pdf' && ocr ? ocr.selectPages(extracted.pages) : [];
    options.onStage?.('tagging');
    const matches = tagDocument({ pages: extracted.pages, title: facts.title });
    // A folder's README is about the folder, not the subject: ranked last (doctype:other).
    const doctype = isReadmeLike(fileName) ? 'doctype:other' : (facts.doctypeHint ?? DEFAULT_DOCTYPE);
    // National reports become structured answers in the same transaction as their document.
    const report = doctype === NATIONAL_REPORT_DOCTYPE ? parseNationalReport({ pages: extracted.pages, language: facts.language }, deps.taxonomy) : undefined;
    const flags = mergeFlags([...extracted.warnings, ...facts.flags, ...(report ? documentFlagsOf(report) : [])]);
    if (ocrPages.length > 0) flags.push(OCR_PENDING_FLAG);
    else if (ocr && !ocr.available && flags.some((f) => f.startsWith('low-quality-text'))) flags.push(`ocr-unavailable: ${ocr.unavailableReason}`);
    await deps.blobs.put(bytes, { contentType: extracted.mime, sha256 });

    const now = new Date().toISOString();
    await db.transaction(async (tx) => {
      await tx.insert(documents)
        .values({
          id,
          sha256,
          fileName,
          mime: extracted.mime,
          kind: extracted.kind,
          sizeBytes: bytes.byteLength,
          title: facts.title,
          symbol: facts.symbol ?? null,
          date: facts.date ?? null,
          year: facts.year ?? null,
          language: facts.language,
          doctype,
          pageCount: extracted.pageCount,
          flags,
          status: options.status ?? 'published',
          publishedAt: (options.status ?? 'published') === 'published' ? now : null,
          submittedBy: options.submittedBy ?? null,
          submittedForParty: options.submittedForParty ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      for (const p of extracted.pages) await tx.insert(pages).values({ documentId: id, page: p.page, text: p.text }).run();
      await replaceTaggerConcepts(tx, id, matches);
      if (report) await storeNationalReport(tx, id, report, now);
      if (ocrPages.length > 0) await tx.insert(ocrJobs).values(ocr!.jobValues(id, facts.language, ocrPages)).run();
      await enqueueSearchUpdates(tx, 'document', [id]);
      await tx.update(ingestJobs)
        .set({ status: 'ingested', documentId: id, flags, message: `Ingested ${extracted.pageCount} page(s).`, finishedAt: now })
        .where(eq(ingestJobs.id, job.id))
        .run();
    });
    if (ocrPages.length > 0) ocr!.schedule(id);
    options.onStage?.('stored');
    return {
      source,
      status: 'ingested',
      documentId: id,
      title: facts.title,
      language: facts.language,
      pageCount: extracted.pageCount,
      message: flags.length ? `Ingested with warnings: ${flags.join('; ')}` : `Ingested ${extracted.pageCount} page(s).`,
      flags,
    };
  } catch (error) {
    const code = error instanceof IngestError ? error.code : 'internal-error';
    let message = error instanceof IngestError ? error.message : `Unexpected error: ${(error as Error)?.message ?? String(error)}`;
    if (code === 'no-text' && deps.ocr && !deps.ocr.available) message += ` (${deps.ocr.unavailableReason})`;
    await db.delete(ingestJobs).where(eq(ingestJobs.id, job.id)).run();
    return recordFailure(db, source, sha256, code, message, startedAt);
  } finally {
    inFlight.delete(sha256);
  }
}

/**
 * Puts back what a known document lacks: its original in the blob store, its pending index update
 * when the index does not hold it. Returns what was repaired.
 */
async function repairDocument(deps: IngestDependencies, doc: { id: string; sha256: string; mime: string }, bytes: Uint8Array): Promise<string[]> {
  const repaired: string[] = [];
  if (!(await deps.blobs.has(doc.sha256))) {
    await deps.blobs.put(bytes, { contentType: doc.mime, sha256: doc.sha256 });
    repaired.push('blob');
  }
  if (deps.search && !(await isIndexed(deps.search, doc.id))) {
    await enqueueSearchUpdates(deps.db, 'document', [doc.id]);
    repaired.push('index entry');
  }
  return repaired;
}

/** True when the documents index holds the document; unknown (Meilisearch down) counts as held: the outbox covers it. */
async function isIndexed(search: SearchConnection, id: string): Promise<boolean> {
  try {
    await search.documents.getDocument(id, { fields: ['id'] });
    return true;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code !== 'document_not_found';
  }
}

/**
 * Marks ingest jobs left `running` by a process that died (kill -9, power loss) as failed with code
 * `interrupted`, so none stays `running` for ever; the file itself is repaired or ingested by the next
 * run that sees it. Only jobs started before `startedBefore` are touched: a run in another live process
 * started later is left alone. Returns how many were recovered.
 */
export async function recoverInterruptedIngestJobs(db: Db, startedBefore = new Date()): Promise<number> {
  const result = await db
    .update(ingestJobs)
    .set({ status: 'failed', errorCode: 'interrupted', message: 'Interrupted: the ingesting process stopped before finishing; ingest the file again.', finishedAt: new Date().toISOString() })
    .where(and(eq(ingestJobs.status, 'running'), lt(ingestJobs.startedAt, startedBefore.toISOString())))
    .run();
  return result.changes;
}

async function recordFailure(db: Db, source: string, sha256: string | undefined, errorCode: string, message: string, startedAt?: string): Promise<IngestOutcome> {
  await recordJob(db, { source, sha256, status: 'failed', errorCode, message, startedAt });
  return { source, status: 'failed', errorCode, message, flags: [] };
}

async function recordJob(
  db: Db,
  job: { source: string; sha256?: string; status: 'ingested' | 'duplicate' | 'failed'; documentId?: string; errorCode?: string; message: string; startedAt?: string },
): Promise<void> {
  const now = new Date().toISOString();
  await db.insert(ingestJobs)
    .values({ source: job.source, sha256: job.sha256 ?? null, status: job.status, documentId: job.documentId ?? null, errorCode: job.errorCode ?? null, message: job.message, startedAt: job.startedAt ?? now, finishedAt: now })
    .run();
}

/** One flag per code: a bare code (`low-quality-text`) is dropped when a described one (`low-quality-text: …`) exists. */
function mergeFlags(flags: string[]): string[] {
  const described = new Set(flags.filter((flag) => flag.includes(':')).map((flag) => flag.slice(0, flag.indexOf(':'))));
  return [...new Set(flags.filter((flag) => flag.includes(':') || !described.has(flag)))];
}

function formatBytes(size: number): string {
  return size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(size / 1024)} KB`;
}
