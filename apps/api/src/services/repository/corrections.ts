/**
 * Curators correct what the machine got wrong: metadata (versioned, with optimistic concurrency) and tags
 * (confirm, reject, add). Every correction is audited and reaches search before the call returns.
 */
import { and, asc, desc, eq, like } from 'drizzle-orm';
import { documentConcepts, documentRevisions, documents, pages, tagDecisions, type DocumentMetadata } from '@mep/db';
import { enqueueSearchUpdates, retagDocument } from '@mep/ingest';
import type { AppContext } from '../../context';
import { ApiError, NotFoundError, ValidationError } from '../../errors';
import { authorize, canCurate, type Viewer } from '../../policies';
import { audit } from '../forums';
import { nowIso } from '../store';
import { applySearchUpdates } from './review';

/** 409 with the change that won, so the client can show it and let the curator decide. */
export class StaleVersionError extends ApiError {
  constructor(current: number, change: unknown) {
    super('stale_version', `This document was changed meanwhile (now version ${current}); review the other change and save again.`, 409, { currentVersion: current, change });
  }
}

export type MetadataPatch = DocumentMetadata;

/** Flags that said a field was guessed: a curator's value replaces the guess. */
const GUESS_FLAGS: Partial<Record<keyof DocumentMetadata, string[]>> = {
  title: ['title-from-file-name'],
  language: ['language-from-file-name', 'language-from-metadata'],
};

async function currentParties(tx: Tx, documentId: string): Promise<string[]> {
  return (await tx.select({ id: documentConcepts.conceptId }).from(documentConcepts).where(and(eq(documentConcepts.documentId, documentId), like(documentConcepts.conceptId, 'party:%'))).orderBy(asc(documentConcepts.conceptId)).all()).map((r) => r.id);
}

/**
 * Applies a metadata correction made on `version`. A stale version is a 409 carrying the newer
 * revision; nothing is overwritten silently. Parties are party concepts: setting them confirms the
 * listed ones and rejects the others, so a retag keeps the curator's list.
 */
export async function correctMetadata(context: AppContext, viewer: Viewer, documentId: string, version: number, patch: MetadataPatch) {
  authorize(canCurate(viewer), viewer);
  const { db, events, taxonomy } = context;
  for (const party of patch.parties ?? []) if (taxonomy.getConcept(party)?.scheme !== 'party') throw new ValidationError(`${party} is not a party of the Convention.`);
  const now = nowIso();
  await events.afterCommit(() =>
    db.transaction(async (tx) => {
      const row = await tx.select().from(documents).where(eq(documents.id, documentId)).get();
      if (!row) throw new NotFoundError(`Document ${documentId}`);
      if (row.version !== version) {
        const newer = await tx.select().from(documentRevisions).where(eq(documentRevisions.documentId, documentId)).orderBy(desc(documentRevisions.version)).limit(1).get();
        throw new StaleVersionError(row.version, newer ? { version: newer.version, actorId: newer.actorId, at: newer.createdAt, before: newer.before, after: newer.after } : null);
      }
      const parties = patch.parties ? await currentParties(tx, documentId) : [];
      const before: DocumentMetadata = {};
      const after: DocumentMetadata = {};
      const set: Partial<typeof documents.$inferInsert> = {};
      for (const key of ['title', 'symbol', 'date', 'doctype', 'language', 'summary'] as const) {
        if (patch[key] === undefined || patch[key] === row[key]) continue;
        (before as Record<string, unknown>)[key] = row[key];
        (after as Record<string, unknown>)[key] = patch[key];
        (set as Record<string, unknown>)[key] = patch[key];
      }
      if (set.date !== undefined) set.year = set.date ? Number(set.date.slice(0, 4)) : null;
      const nextParties = patch.parties ? [...new Set(patch.parties)].sort() : undefined;
      if (nextParties && nextParties.join() !== parties.join()) {
        before.parties = parties;
        after.parties = nextParties;
      }
      if (Object.keys(after).length === 0) return;
      const drop = new Set(Object.keys(after).flatMap((k) => GUESS_FLAGS[k as keyof DocumentMetadata] ?? []));
      set.flags = row.flags.filter((f) => !drop.has(f.split(':')[0]!.trim()));
      // The version check and the write are one statement: a concurrent save that got here first wins.
      const result = await tx.update(documents).set({ ...set, version: version + 1, updatedAt: now }).where(and(eq(documents.id, documentId), eq(documents.version, version))).run();
      if (result.changes === 0) throw new StaleVersionError(version + 1, null);
      if (nextParties && after.parties) {
        for (const party of parties.filter((p) => !nextParties.includes(p))) await decide(tx, viewer.userId!, documentId, party, 'rejected', null, now);
        for (const party of nextParties) await decide(tx, viewer.userId!, documentId, party, 'confirmed', null, now);
      }
      await tx.insert(documentRevisions).values({ documentId, version: version + 1, actorId: viewer.userId!, before, after, createdAt: now }).run();
      await audit(tx, viewer, 'document.edited', 'document', documentId, { version: version + 1, before, after });
      await enqueueSearchUpdates(tx, 'document', [documentId]);
      events.emit('documents.changed', { documentId });
    }),
  );
  await applySearchUpdates(context, documentId);
}

type Tx = Parameters<Parameters<AppContext['db']['transaction']>[0]>[0];

/** Records a tag decision and makes the document's concepts agree with it. */
async function decide(tx: Tx, actorId: string, documentId: string, conceptId: string, decision: 'confirmed' | 'rejected', page: number | null, now: string): Promise<void> {
  await tx.delete(tagDecisions).where(and(eq(tagDecisions.documentId, documentId), eq(tagDecisions.conceptId, conceptId))).run();
  await tx.insert(tagDecisions).values({ documentId, conceptId, decision, page, actorId, createdAt: now }).run();
  if (decision === 'rejected') {
    await tx.delete(documentConcepts).where(and(eq(documentConcepts.documentId, documentId), eq(documentConcepts.conceptId, conceptId))).run();
    return;
  }
  const existing = await tx.select().from(documentConcepts).where(and(eq(documentConcepts.documentId, documentId), eq(documentConcepts.conceptId, conceptId))).get();
  if (existing) {
    await tx.update(documentConcepts).set({ source: 'curator' }).where(and(eq(documentConcepts.documentId, documentId), eq(documentConcepts.conceptId, conceptId))).run();
    return;
  }
  // An added concept: its evidence is the page the curator named, if any.
  const evidence = page ? [{ page, text: ((await tx.select({ text: pages.text }).from(pages).where(and(eq(pages.documentId, documentId), eq(pages.page, page))).get())?.text ?? '').slice(0, 200) }] : [];
  await tx.insert(documentConcepts).values({ documentId, conceptId, score: 1, count: evidence.length, source: 'curator', evidence }).run();
}

/** Confirms, rejects or adds a concept on a document (optionally with the page that shows it). */
export async function decideTag(context: AppContext, viewer: Viewer, documentId: string, conceptId: string, decision: 'confirmed' | 'rejected', page: number | undefined) {
  authorize(canCurate(viewer), viewer);
  const { db, events, taxonomy } = context;
  if (!taxonomy.getConcept(conceptId)) throw new ValidationError(`${conceptId} is not a concept of the taxonomy.`);
  const now = nowIso();
  await events.afterCommit(() =>
    db.transaction(async (tx) => {
      const row = await tx.select({ id: documents.id, pageCount: documents.pageCount }).from(documents).where(eq(documents.id, documentId)).get();
      if (!row) throw new NotFoundError(`Document ${documentId}`);
      if (page !== undefined && page > row.pageCount) throw new ValidationError(`The document has ${row.pageCount} page(s); page ${page} does not exist.`);
      await decide(tx, viewer.userId!, documentId, conceptId, decision, page ?? null, now);
      await tx.update(documents).set({ updatedAt: now }).where(eq(documents.id, documentId)).run();
      await audit(tx, viewer, `tag.${decision}`, 'document', documentId, { conceptId, ...(page ? { page } : {}) });
      await enqueueSearchUpdates(tx, 'document', [documentId]);
      events.emit('documents.changed', { documentId });
    }),
  );
  await applySearchUpdates(context, documentId);
}

/** Runs the tagger again on a document; curators' decisions hold. */
export async function retag(context: AppContext, viewer: Viewer, documentId: string) {
  authorize(canCurate(viewer), viewer);
  const result = await context.events.afterCommit(async () => {
    const done = await retagDocument(context.db, documentId);
    if (!done) throw new NotFoundError(`Document ${documentId}`);
    await audit(context.db, viewer, 'document.retagged', 'document', documentId, { concepts: done.concepts });
    context.events.emit('documents.changed', { documentId });
    return done;
  });
  await applySearchUpdates(context, documentId);
  return result;
}

/** The metadata history of a document, newest first. */
export async function listRevisions(context: AppContext, viewer: Viewer, documentId: string) {
  authorize(canCurate(viewer), viewer);
  const rows = await context.db.select().from(documentRevisions).where(eq(documentRevisions.documentId, documentId)).orderBy(desc(documentRevisions.version)).all();
  return { revisions: rows.map((r) => ({ version: r.version, actorId: r.actorId, at: r.createdAt, before: r.before, after: r.after })) };
}
