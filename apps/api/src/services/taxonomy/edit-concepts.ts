/**
 * Curators edit the taxonomy: add a concept, edit one (six labels, alternative labels, broader / related,
 * articles, exactMatch), deprecate one in favour of a replacement. Edits are versioned per concept (a stale
 * one is a 409 carrying the change that won, as document corrections are), audited, and stored as overlay
 * rows; once committed, the in-memory taxonomy is rebuilt and swapped, and the documents the edit may change
 * are retagged in the background (retag-jobs.ts).
 */
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq } from 'drizzle-orm';
import { documentConcepts, taxonomyConcepts, taxonomyRetagJobs, taxonomyRevisions, type StoredConcept } from '@mep/db';
import { buildSearchSynonyms, type Concept, type Taxonomy } from '@mep/taxonomy';
import { EXTENSIBLE_SCHEMES, type ConceptScheme } from '@mep/vocabulary';
import type { AppContext } from '../../context';
import { ApiError, ConflictError, NotFoundError } from '../../errors';
import { presentConcept } from '../../presenters/concept';
import { authorize, canCurate, type Viewer } from '../../policies';
import type { ConceptContent } from '../../routes/taxonomy/taxonomy.schemas';
import { audit } from '../forums';
import { documentIsPublished } from '../repository/visibility';
import { nowIso } from '../store';
import { presentRetagJob, scheduleRetag, type RetagJobRow } from './retag-jobs';
import { syncTaxonomy } from './taxonomy-sync';

/** 409 with the change that won, so the client can show it and let the curator decide. */
export class StaleConceptError extends ApiError {
  constructor(current: number, change: unknown) {
    super('stale_version', `This concept was changed meanwhile (now version ${current}); review the other change and save again.`, 409, { currentVersion: current, change });
  }
}

/** A reference to a concept that does not exist (or may not be used there): 400 with the id. */
class UnknownConceptError extends ApiError {
  constructor(id: string, field: string, why = 'is not a concept of the taxonomy') {
    super('unknown_concept', `${field}: ${id} ${why}.`, 400, { field, conceptId: id });
  }
}

/** Broader links that would make the concept its own ancestor. */
class TaxonomyCycleError extends ApiError {
  constructor(id: string, via: string) {
    super('taxonomy_cycle', `${via} is ${id} itself or below it: a concept cannot be broader than itself.`, 422, { conceptId: id, broader: via });
  }
}

type Tx = Parameters<Parameters<AppContext['db']['transaction']>[0]>[0];

const isExtensible = (scheme: string): boolean => (EXTENSIBLE_SCHEMES as readonly string[]).includes(scheme);

/** The stored form of a concept (everything but narrower, which is computed). */
function storedOf(c: Omit<Concept, 'narrower' | 'id'>): StoredConcept {
  return {
    scheme: c.scheme,
    prefLabel: { ...c.prefLabel },
    altLabels: Object.fromEntries(Object.entries(c.altLabels).filter(([, list]) => list && list.length)),
    broader: [...c.broader],
    related: [...c.related],
    articles: [...c.articles],
    exactMatch: [...c.exactMatch],
    ...(c.notation ? { notation: c.notation } : {}),
    ...(c.deprecated ? { deprecated: true } : {}),
    ...(c.replacedBy ? { replacedBy: c.replacedBy } : {}),
  };
}

/** Every reference exists, none is deprecated, and no broader link closes a cycle. */
function validateReferences(taxonomy: Taxonomy, id: string, content: ConceptContent): void {
  for (const [field, list] of [['broader', content.broader], ['related', content.related], ['articles', content.articles]] as const) {
    for (const ref of list) {
      const target = taxonomy.getConcept(ref);
      if (!target) throw new UnknownConceptError(ref, field);
      if (ref === id) throw field === 'broader' ? new TaxonomyCycleError(id, ref) : new UnknownConceptError(ref, field, 'is the concept itself');
      if (target.deprecated) throw new UnknownConceptError(ref, field, `is deprecated (use ${target.replacedBy ?? 'another concept'})`);
    }
  }
  for (const b of content.broader) if (taxonomy.ancestorsOf(b).includes(id)) throw new TaxonomyCycleError(id, b);
}

async function documentCount(context: AppContext, id: string): Promise<number> {
  return (await context.db.select({ n: count() }).from(documentConcepts).where(and(eq(documentConcepts.conceptId, id), documentIsPublished(documentConcepts.documentId))).get())?.n ?? 0;
}

/** The concept's current version: its overlay row's, or 0 for a committed concept never edited. */
export async function conceptVersion(context: Pick<AppContext, 'db'>, id: string): Promise<number> {
  return (await context.db.select({ version: taxonomyConcepts.version }).from(taxonomyConcepts).where(eq(taxonomyConcepts.id, id)).get())?.version ?? 0;
}

/** A concept with its document count and version, as `GET /api/taxonomy/concepts/:id` answers. */
export async function readConcept(context: AppContext, id: string) {
  await syncTaxonomy(context.db, context.taxonomy);
  const concept = context.taxonomy.getConcept(id);
  if (!concept) throw new NotFoundError(`Concept ${id}`);
  return presentConcept(concept, await documentCount(context, id), await conceptVersion(context, id));
}

/**
 * Writes a concept's new content on `version`, with its revision, audit entry and retag job, in one
 * transaction; then swaps the taxonomy in and queues the retag.
 */
async function saveConcept(context: AppContext, viewer: Viewer & { userId: string }, id: string, version: number, after: StoredConcept, action: string) {
  const { db, events } = context;
  const now = nowIso();
  const synonymsBefore = JSON.stringify(buildSearchSynonyms({ acronymsOnly: true }));
  const job = await events.afterCommit(() =>
    db.transaction(async (tx) => {
      const row = await tx.select().from(taxonomyConcepts).where(eq(taxonomyConcepts.id, id)).get();
      const current = row?.version ?? 0;
      if (action === 'taxonomy.added' && row) throw new ConflictError('concept_exists', `${id} exists already; edit it instead.`);
      if (current !== version) throw await staleError(tx, id, current);
      const before = row?.concept ?? (action === 'taxonomy.added' ? null : storedOf(context.taxonomy.getConcept(id)!));
      // The version check and the write are one statement: a concurrent save that got here first wins.
      const written = row
        ? await tx.update(taxonomyConcepts).set({ concept: after, version: version + 1, updatedBy: viewer.userId, updatedAt: now }).where(and(eq(taxonomyConcepts.id, id), eq(taxonomyConcepts.version, version))).run()
        : await tx.insert(taxonomyConcepts).values({ id, concept: after, version: version + 1, updatedBy: viewer.userId, createdAt: now, updatedAt: now }).onConflictDoNothing().run();
      if (written.changes === 0) throw action === 'taxonomy.added' ? new ConflictError('concept_exists', `${id} exists already; edit it instead.`) : await staleError(tx, id, version + 1);
      await tx.insert(taxonomyRevisions).values({ conceptId: id, version: version + 1, actorId: viewer.userId, before, after, createdAt: now }).run();
      await audit(tx, viewer, action, 'concept', id, { version: version + 1, before, after });
      const jobRow: RetagJobRow = { id: randomUUID(), conceptId: id, userId: viewer.userId, stage: 'queued', total: 0, done: 0, message: null, createdAt: now, updatedAt: now };
      await tx.insert(taxonomyRetagJobs).values(jobRow).run();
      events.emit('taxonomy.retag.progress', { jobId: jobRow.id, userId: viewer.userId });
      return jobRow;
    }),
  );
  await syncTaxonomy(db, context.taxonomy);
  void scheduleRetag(context, job, synonymsBefore);
  const concept = context.taxonomy.getConcept(id)!;
  return { concept: presentConcept(concept, await documentCount(context, id), version + 1), job: presentRetagJob(job) };
}

async function staleError(tx: Tx, id: string, current: number): Promise<StaleConceptError> {
  const newer = await tx.select().from(taxonomyRevisions).where(eq(taxonomyRevisions.conceptId, id)).orderBy(desc(taxonomyRevisions.version)).limit(1).get();
  return new StaleConceptError(current, newer ? { version: newer.version, actorId: newer.actorId, at: newer.createdAt, before: newer.before, after: newer.after } : null);
}

/** Adds a concept to an extensible scheme (topics): `scheme:slug` must be new. */
export async function addConcept(context: AppContext, viewer: Viewer, scheme: ConceptScheme, slug: string, content: ConceptContent) {
  authorize(canCurate(viewer), viewer);
  await syncTaxonomy(context.db, context.taxonomy);
  const id = `${scheme}:${slug}`;
  if (!isExtensible(scheme)) throw new ApiError('scheme_closed', `Concepts cannot be added to ${scheme}.`, 400);
  if (context.taxonomy.getConcept(id)) throw new ConflictError('concept_exists', `${id} exists already; edit it instead.`);
  validateReferences(context.taxonomy, id, content);
  return saveConcept(context, viewer, id, 0, storedOf({ scheme, ...content }), 'taxonomy.added');
}

/** Edits a concept as of `version`; its scheme and notation stay. A deprecated concept is not edited. */
export async function editConcept(context: AppContext, viewer: Viewer, id: string, version: number, content: ConceptContent) {
  authorize(canCurate(viewer), viewer);
  await syncTaxonomy(context.db, context.taxonomy);
  const existing = context.taxonomy.getConcept(id);
  if (!existing) throw new NotFoundError(`Concept ${id}`);
  if (existing.deprecated) throw new ConflictError('concept_deprecated', `${id} is deprecated; edit its replacement ${existing.replacedBy ?? ''}.`.trim());
  validateReferences(context.taxonomy, id, content);
  const after = storedOf({ ...existing, ...content });
  return saveConcept(context, viewer, id, version, after, 'taxonomy.edited');
}

/** Deprecates a concept of an extensible scheme: it keeps resolving, is no longer tagged, and names its replacement. */
export async function deprecateConcept(context: AppContext, viewer: Viewer, id: string, version: number, replacedBy: string) {
  authorize(canCurate(viewer), viewer);
  await syncTaxonomy(context.db, context.taxonomy);
  const existing = context.taxonomy.getConcept(id);
  if (!existing) throw new NotFoundError(`Concept ${id}`);
  if (!isExtensible(existing.scheme)) throw new ApiError('scheme_closed', `Concepts of ${existing.scheme} cannot be deprecated.`, 400);
  if (existing.deprecated) throw new ConflictError('concept_deprecated', `${id} is deprecated already.`);
  const replacement = context.taxonomy.getConcept(replacedBy);
  if (!replacement || replacement.scheme !== existing.scheme) throw new UnknownConceptError(replacedBy, 'replacedBy', `is not a concept of ${existing.scheme}`);
  if (replacedBy === id) throw new UnknownConceptError(replacedBy, 'replacedBy', 'is the concept itself');
  if (replacement.deprecated) throw new UnknownConceptError(replacedBy, 'replacedBy', 'is deprecated itself');
  return saveConcept(context, viewer, id, version, storedOf({ ...existing, deprecated: true, replacedBy }), 'taxonomy.deprecated');
}
