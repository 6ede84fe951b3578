/**
 * Uploads from the web: each file streams to a private temporary folder (never held in memory), then
 * goes through the same pipeline as `mep ingest` (sniffing, sandbox, tagging, storage, index). Its
 * progress is an `upload_jobs` row — what a reloaded page reads back — and a live `uploads.progress`
 * socket event to the uploader. A cut-off or refused upload leaves neither a file nor a row behind.
 */
import type { NewDocumentStatus } from '@mep/vocabulary';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import { documents, uploadJobs, type UploadStage } from '@mep/db';
import { ingestFiles } from '@mep/ingest';
import type { AppContext } from '../../context';
import { ApiError, PayloadTooLargeError, RateLimitedError, ValidationError } from '../../errors';
import { ANONYMOUS, authorize, canSubmitDocuments, isCurator, type Viewer } from '../../policies';
import { audit } from '../forums';
import { nowIso } from '../store';

/** Largest file accepted from the web (the same default as `mep ingest`). */
export const UPLOAD_MAX_BYTES = 100 * 1024 * 1024;
/** Files one user may have waiting or in progress at once: hundreds are fine, an unbounded flood is not. */
export const UPLOAD_MAX_ACTIVE = 300;
const ACTIVE: UploadStage[] = ['queued', 'extracting', 'tagging', 'stored'];

export type UploadJobRow = typeof uploadJobs.$inferSelect;

/** The client's view of one upload. */
export function presentUploadJob(row: UploadJobRow) {
  return {
    id: row.id,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    stage: row.stage,
    targetStatus: row.targetStatus,
    errorCode: row.errorCode,
    message: row.message,
    documentId: row.documentId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A file name safe to keep: its last path segment, without control characters, at most 200 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base].filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127).join('').trim().slice(-200);
  if (!cleaned || cleaned === '.' || cleaned === '..') throw new ValidationError('The file needs a name.');
  return cleaned;
}

/** Files are processed one at a time per node (each already uses the sandbox pool), in arrival order. */
let processing: Promise<void> = Promise.resolve();

/**
 * Receives one file from the request body and queues it. Refuses before reading when the declared size is
 * over the limit; stops reading (and deletes what arrived) when the body runs past it or is cut off.
 */
export async function receiveUpload(context: AppContext, viewer: Viewer, req: Request, input: { name: string; status?: NewDocumentStatus }) {
  authorize(canSubmitDocuments(viewer), viewer);
  const fileName = safeFileName(input.name);
  const declared = Number(req.headers['content-length']);
  if (!Number.isFinite(declared) || declared < 0) throw new ApiError('length_required', 'Send the file with its Content-Length.', 411);
  if (declared > UPLOAD_MAX_BYTES) throw new PayloadTooLargeError(`The file is larger than the limit of ${UPLOAD_MAX_BYTES / 1024 / 1024} MB.`);
  if (declared === 0) throw new ValidationError('The file is empty.');
  const active = await context.db.select({ id: uploadJobs.id }).from(uploadJobs).where(and(eq(uploadJobs.userId, viewer.userId), inArray(uploadJobs.stage, ACTIVE))).limit(UPLOAD_MAX_ACTIVE).all();
  if (active.length >= UPLOAD_MAX_ACTIVE) throw new RateLimitedError(`You already have ${UPLOAD_MAX_ACTIVE} files in progress; wait for some to finish.`, 30);

  // Focal points submit drafts for their party; curators choose (published unless they ask for a draft).
  const targetStatus = isCurator(viewer) ? (input.status ?? 'published') : 'draft';
  const id = randomUUID();
  const dir = join(context.config.dataDir, 'uploads', id);
  const path = join(dir, fileName);
  await mkdir(dir, { recursive: true });
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > UPLOAD_MAX_BYTES || received > declared) done(new PayloadTooLargeError(`The file is larger than the limit of ${UPLOAD_MAX_BYTES / 1024 / 1024} MB.`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(req, counter, createWriteStream(path, { flags: 'wx' }));
    if (received !== declared) throw new ValidationError('The upload was cut off before the whole file arrived.');
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    if (error instanceof ApiError) throw error;
    throw new ValidationError('The upload was cut off before the whole file arrived.');
  }

  const now = nowIso();
  const row = await context.db
    .insert(uploadJobs)
    .values({ id, userId: viewer.userId, fileName, sizeBytes: received, stage: 'queued', targetStatus, createdAt: now, updatedAt: now })
    .returning()
    .get();
  context.events.emit('uploads.progress', { jobId: id, userId: viewer.userId });
  const submitter = { userId: viewer.userId, party: viewer.role === 'focal_point' ? viewer.party : null };
  processing = processing.then(() => processUpload(context, row, path, submitter)).catch((error) => context.log.error('An upload failed unexpectedly', error));
  return presentUploadJob(row);
}

async function setStage(context: AppContext, job: UploadJobRow, stage: UploadStage, extra: Partial<UploadJobRow> = {}): Promise<void> {
  await context.db.update(uploadJobs).set({ stage, ...extra, updatedAt: nowIso() }).where(eq(uploadJobs.id, job.id)).run();
  context.events.emit('uploads.progress', { jobId: job.id, userId: job.userId });
}

async function processUpload(context: AppContext, job: UploadJobRow, path: string, submitter: { userId: string; party: string | null }): Promise<void> {
  const stages: Promise<void>[] = [];
  try {
    const [outcome] = await ingestFiles([path], context, {
      status: job.targetStatus,
      submittedBy: submitter.userId,
      ...(submitter.party ? { submittedForParty: submitter.party } : {}),
      onStage: (stage) => stages.push(setStage(context, job, stage)),
    });
    await Promise.all(stages);
    if (!outcome) return setStage(context, job, 'failed', { errorCode: 'internal-error', message: 'The server stopped before the file was read.' });
    if (outcome.status === 'duplicate') return setStage(context, job, 'duplicate', { documentId: outcome.documentId ?? null, message: outcome.message });
    if (outcome.status === 'failed') return setStage(context, job, 'failed', { errorCode: outcome.errorCode ?? 'internal-error', message: outcome.message });
    if (outcome.documentId) {
      // A curator's upload may publish at once: the audit log shows who put which document in, and as what.
      await audit(context.db, { ...ANONYMOUS, userId: job.userId }, 'document.uploaded', 'document', outcome.documentId, { status: job.targetStatus, fileName: job.fileName });
      context.events.emit('documents.ingested', { documentId: outcome.documentId });
    }
    await setStage(context, job, 'indexed', { documentId: outcome.documentId ?? null, message: outcome.message });
  } catch (error) {
    await Promise.allSettled(stages);
    await setStage(context, job, 'failed', { errorCode: 'internal-error', message: (error as Error).message });
  } finally {
    await rm(join(path, '..'), { recursive: true, force: true });
  }
}

/** The viewer's uploads of the last day, newest first: what the workspace shows after a reload. */
export async function listUploads(context: AppContext, viewer: Viewer) {
  authorize(canSubmitDocuments(viewer), viewer);
  const since = new Date(Date.now() - 24 * 3600_000).toISOString();
  const rows = await context.db.select().from(uploadJobs).where(and(eq(uploadJobs.userId, viewer.userId), gte(uploadJobs.createdAt, since))).orderBy(desc(uploadJobs.createdAt)).limit(500).all();
  const titles = new Map(
    rows.some((r) => r.documentId)
      ? (await context.db.select({ id: documents.id, title: documents.title }).from(documents).where(inArray(documents.id, rows.flatMap((r) => (r.documentId ? [r.documentId] : [])))).all()).map((d) => [d.id, d.title])
      : [],
  );
  return { maxBytes: UPLOAD_MAX_BYTES, jobs: rows.map((r) => ({ ...presentUploadJob(r), documentTitle: r.documentId ? (titles.get(r.documentId) ?? null) : null })) };
}

/** One job, for the socket relay (only ever sent to its owner's room). */
export async function getUploadJob(context: Pick<AppContext, 'db'>, jobId: string): Promise<UploadJobRow | undefined> {
  return context.db.select().from(uploadJobs).where(eq(uploadJobs.id, jobId)).get();
}
