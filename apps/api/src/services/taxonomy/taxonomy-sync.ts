/**
 * The taxonomy lives in memory (the tagger needs it fast) and is built from the committed data plus the
 * database's overlay rows (`taxonomy_concepts`). Its version is the number of taxonomy edits ever committed
 * (`taxonomy_revisions` rows are never deleted), so a node that has loaded version N knows it is behind
 * when the table counts more. Each node checks on every taxonomy read (one COUNT) and every few seconds in
 * the background, so an edit made on one node reaches the others' tagger within that interval and their
 * `/api/taxonomy` and SKOS answers at once.
 */
import { count } from 'drizzle-orm';
import { taxonomyConcepts, taxonomyRevisions, type Db } from '@mep/db';
import { setTaxonomyOverlays, type ConceptOverlay, type Taxonomy } from '@mep/taxonomy';

/** How often an idle node looks for other nodes' edits. */
export const TAXONOMY_POLL_MS = 5000;

/** The number of committed taxonomy edits: the version the in-memory taxonomy should have. */
export async function storedTaxonomyVersion(db: Pick<Db, 'select'>): Promise<number> {
  return Number((await db.select({ n: count() }).from(taxonomyRevisions).get())?.n ?? 0);
}

/** Rows as the taxonomy package's overlays. */
export function toOverlay(row: typeof taxonomyConcepts.$inferSelect): ConceptOverlay {
  return { id: row.id, ...row.concept };
}

/**
 * Loads the overlays and swaps the taxonomy when the database holds a newer version than the one in memory.
 * The version is read before the rows: an edit committed in between makes the rows newer than the version,
 * and the next check loads again (never the other way round).
 */
export async function syncTaxonomy(db: Db, taxonomy: Taxonomy): Promise<boolean> {
  const version = await storedTaxonomyVersion(db);
  if (version === taxonomy.version) return false;
  const rows = await db.select().from(taxonomyConcepts).all();
  setTaxonomyOverlays(rows.map(toOverlay), version);
  return true;
}

/** Checks for other nodes' edits every few seconds until the returned function is called. */
export function startTaxonomySync(db: Db, taxonomy: Taxonomy, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => {
    syncTaxonomy(db, taxonomy).catch(onError);
  }, TAXONOMY_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
