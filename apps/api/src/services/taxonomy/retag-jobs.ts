/**
 * After a taxonomy edit, the documents it may change are retagged in the background: those that carry the
 * concept (or a narrower one, whose implied tags follow its broader links), and those whose text names one of
 * its labels now. Each retag is ingest's `retagDocument` (curators' confirmed and rejected tags hold; the
 * search outbox row commits with the new concepts). Progress is a `taxonomy_retag_jobs` row
 * (what a reloaded page reads) and a live `taxonomy.retag.progress` event to the editing curator's sockets.
 */
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { documentConcepts, documents, pages, taxonomyRetagJobs, type Db } from '@mep/db';
import { retagDocument } from '@mep/ingest';
import { buildSearchSynonyms, createLabelProbe, type Concept, type Taxonomy } from '@mep/taxonomy';
import type { AppContext } from '../../context';
import { nowIso } from '../store';

export type RetagJobRow = typeof taxonomyRetagJobs.$inferSelect;

/** Progress (row and event) at most this often per job (stage changes always go out). */
const PROGRESS_EVERY_MS = 250;
/** Documents whose pages are read at once while looking for the concept's labels. */
const SCAN_BATCH = 50;

/** The client's view of one job. */
export function presentRetagJob(row: RetagJobRow) {
  return { id: row.id, conceptId: row.conceptId, stage: row.stage, total: row.total, done: row.done, message: row.message, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** One job, for the socket relay (sent to its curator's own sockets only). */
export async function getRetagJob(context: Pick<AppContext, 'db'>, jobId: string): Promise<RetagJobRow | undefined> {
  return context.db.select().from(taxonomyRetagJobs).where(eq(taxonomyRetagJobs.id, jobId)).get();
}

/** The viewer's jobs of the last day, newest first. */
export async function listRetagJobs(context: AppContext, userId: string) {
  const since = new Date(Date.now() - 24 * 3600_000).toISOString();
  const rows = await context.db.select().from(taxonomyRetagJobs).where(eq(taxonomyRetagJobs.userId, userId)).orderBy(desc(taxonomyRetagJobs.createdAt)).limit(50).all();
  return { jobs: rows.filter((r) => r.createdAt >= since).map(presentRetagJob) };
}

/** Jobs run one at a time per node, in the order of the edits. */
let queue: Promise<void> = Promise.resolve();

/**
 * Queues the retag of `job` (already committed, stage `queued`); resolves when it has run. `acronymSynonyms`
 * are the search synonyms (JSON) from before the edit: when they changed, the index settings are applied again.
 */
export function scheduleRetag(context: AppContext, job: RetagJobRow, acronymSynonyms: string): Promise<void> {
  const run = queue.then(() => runRetag(context, job, acronymSynonyms));
  queue = run.catch((error) => context.log.error('A taxonomy retag failed unexpectedly', error));
  return queue;
}

/** Resolves once the queued retags have run, or after `timeoutMs` (shutdown waits this long at most). */
export function retagsIdle(timeoutMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  return Promise.race([queue, timeout]).finally(() => clearTimeout(timer));
}

/** The concept and every concept below it (their implied tags depend on its broader links). */
function withNarrower(taxonomy: Taxonomy, id: string): string[] {
  const seen = new Set<string>([id]);
  const stack = [id];
  while (stack.length) {
    for (const n of taxonomy.getConcept(stack.pop()!)?.narrower ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return [...seen];
}

async function documentsNaming(db: Db, concept: Concept, onScanned: (done: number, total: number) => Promise<void>): Promise<string[]> {
  if (concept.deprecated) return [];
  const probe = createLabelProbe([concept]);
  const all = (await db.select({ id: documents.id, title: documents.title }).from(documents).orderBy(asc(documents.id)).all());
  const found: string[] = [];
  for (let i = 0; i < all.length; i += SCAN_BATCH) {
    const batch = all.slice(i, i + SCAN_BATCH);
    const rows = await db.select({ documentId: pages.documentId, text: pages.text }).from(pages).where(inArray(pages.documentId, batch.map((d) => d.id))).all();
    const texts = new Map<string, string[]>(batch.map((d) => [d.id, [d.title]]));
    for (const row of rows) if (row.text) texts.get(row.documentId)?.push(row.text);
    for (const [id, list] of texts) if (list.some(probe)) found.push(id);
    await onScanned(Math.min(i + SCAN_BATCH, all.length), all.length);
  }
  return found;
}

async function runRetag(context: AppContext, job: RetagJobRow, acronymSynonyms: string): Promise<void> {
  const { db, taxonomy } = context;
  let lastEmit = 0;
  // The row (what a reloaded page reads) and the live event go out together, at most every PROGRESS_EVERY_MS
  // (stage changes always): one write per document would double a large retag's database work.
  const update = async (set: Partial<RetagJobRow>, force = false) => {
    if (!force && Date.now() - lastEmit < PROGRESS_EVERY_MS) return;
    lastEmit = Date.now();
    await db.update(taxonomyRetagJobs).set({ ...set, updatedAt: nowIso() }).where(eq(taxonomyRetagJobs.id, job.id)).run();
    context.events.emit('taxonomy.retag.progress', { jobId: job.id, userId: job.userId });
  };
  try {
    const concept = taxonomy.getConcept(job.conceptId);
    if (!concept) throw new Error(`Concept ${job.conceptId} is not in the taxonomy.`);
    await update({ stage: 'scanning' }, true);
    const ids = withNarrower(taxonomy, concept.id);
    const tagged = (await db.selectDistinct({ id: documentConcepts.documentId }).from(documentConcepts).where(inArray(documentConcepts.conceptId, ids)).all()).map((r) => r.id);
    const naming = await documentsNaming(db, concept, (done, total) => update({ done, total }));
    const targets = [...new Set([...tagged, ...naming])].sort();
    await update({ stage: 'retagging', done: 0, total: targets.length }, true);
    for (const [i, documentId] of targets.entries()) {
      await retagDocument(db, documentId);
      context.searchOutbox.notify();
      await update({ done: i + 1 });
    }
    // Acronyms are search synonyms: a new or changed one is applied to the index settings.
    if (JSON.stringify(buildSearchSynonyms({ acronymsOnly: true })) !== acronymSynonyms) {
      await context.search.ensureIndexes().catch((error) => context.log.error('Updating the search synonyms failed', error));
    }
    await update({ stage: 'done', done: targets.length, total: targets.length, message: null }, true);
  } catch (error) {
    await update({ stage: 'failed', message: (error as Error).message.slice(0, 500) }, true);
  }
}
