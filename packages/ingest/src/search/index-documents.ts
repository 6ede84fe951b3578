import type { Db } from '@mep/db';
import { documents } from '@mep/db';
import type { Taxonomy } from '@mep/taxonomy';
import type { SearchConnection } from './connect-search';
import { buildSearchRecords, type DocumentSearchRecord, type PassageSearchRecord } from './search-records';

/**
 * Sends the given documents (as SQLite has them now) to Meilisearch and waits until they are searchable.
 * Document ids come from the bytes, so a document's pages never change once indexed: nothing stale to remove.
 */
export async function indexDocuments(search: SearchConnection, db: Db, taxonomy: Taxonomy, documentIds: string[]): Promise<void> {
  if (documentIds.length === 0) return;
  const docRecords: DocumentSearchRecord[] = [];
  const passageRecords: PassageSearchRecord[] = [];
  for (const id of documentIds) {
    const records = await buildSearchRecords(db, taxonomy, id);
    if (!records) continue;
    docRecords.push(records.document);
    passageRecords.push(...records.passages);
  }
  const tasks = [search.documents.addDocuments(docRecords, { primaryKey: 'id' })];
  for (let start = 0; start < passageRecords.length; start += 2000) {
    tasks.push(search.passages.addDocuments(passageRecords.slice(start, start + 2000), { primaryKey: 'id' }));
  }
  for (const task of tasks) {
    const done = await task.waitTask({ timeout: 300_000 });
    if (done.status === 'failed') throw new Error(`Meilisearch could not index documents: ${done.error?.message ?? 'unknown error'}`);
  }
}

/**
 * Rebuilds the documents and passages indexes from SQLite alone: drops them, re-applies settings and
 * re-adds every document in batches. Returns how many documents were indexed.
 */
export async function rebuildSearchIndexes(search: SearchConnection, db: Db, taxonomy: Taxonomy, onProgress?: (done: number, total: number) => void): Promise<number> {
  await Promise.all([search.documents.delete().waitTask(), search.passages.delete().waitTask()]);
  await search.ensureIndexes();
  const ids = (await db.select({ id: documents.id }).from(documents).all()).map((row) => row.id);
  for (let start = 0; start < ids.length; start += 50) {
    const batch = ids.slice(start, start + 50);
    await indexDocuments(search, db, taxonomy, batch);
    onProgress?.(Math.min(start + batch.length, ids.length), ids.length);
  }
  return ids.length;
}
