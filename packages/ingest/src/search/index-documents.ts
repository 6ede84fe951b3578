import type { Db } from '@mep/db';
import { documents } from '@mep/db';
import type { Taxonomy } from '@mep/taxonomy';
import type { SearchConnection } from './connect-search';
import { createSearchOutboxWorker, type SearchOutboxOptions, type SearchOutboxWorker } from './search-outbox';
import { buildSearchRecords, type DocumentSearchRecord, type PassageSearchRecord } from './search-records';

/**
 * Makes the index say what the database says now about the given documents and waits until it is
 * searchable: present ones are (re)indexed, pages that no longer have a passage (OCR found them blank)
 * lose it, and documents no longer in the database leave both indexes. Idempotent, so the search
 * outbox may apply the same document twice.
 */
export async function indexDocuments(search: SearchConnection, db: Db, taxonomy: Taxonomy, documentIds: string[]): Promise<void> {
  if (documentIds.length === 0) return;
  const docRecords: DocumentSearchRecord[] = [];
  const passageRecords: PassageSearchRecord[] = [];
  const gone: string[] = [];
  const stalePassages: string[] = [];
  for (const id of documentIds) {
    const records = await buildSearchRecords(db, taxonomy, id);
    if (!records) {
      gone.push(id);
      continue;
    }
    docRecords.push(records.document);
    passageRecords.push(...records.passages);
    const kept = new Set(records.passages.map((p) => p.page));
    for (let page = 1; page <= records.document.pageCount; page++) if (!kept.has(page)) stalePassages.push(`${id}_${page}`);
  }
  const tasks = [];
  if (docRecords.length > 0) tasks.push(search.documents.addDocuments(docRecords, { primaryKey: 'id' }));
  if (gone.length > 0) {
    tasks.push(search.documents.deleteDocuments(gone));
    tasks.push(search.passages.deleteDocuments({ filter: `documentId IN [${gone.map((id) => JSON.stringify(id)).join(', ')}]` }));
  }
  if (stalePassages.length > 0) tasks.push(search.passages.deleteDocuments(stalePassages));
  for (let start = 0; start < passageRecords.length; start += 2000) {
    tasks.push(search.passages.addDocuments(passageRecords.slice(start, start + 2000), { primaryKey: 'id' }));
  }
  // Awaited together: with Meilisearch down every request fails, and none may be left unobserved.
  const settled = await Promise.allSettled(tasks.map((task) => task.waitTask({ timeout: 300_000 })));
  for (const result of settled) {
    if (result.status === 'rejected') throw result.reason;
    if (result.value.status === 'failed') throw new Error(`Meilisearch could not index documents: ${result.value.error?.message ?? 'unknown error'}`);
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

/**
 * A search outbox worker that applies document rows to this connection. A process adds the other kinds'
 * handlers (posts: the API) and calls `start()`; a caller that only drains it needs neither.
 */
export function createDocumentIndexWorker(db: Db, search: SearchConnection, taxonomy: Taxonomy, options?: SearchOutboxOptions): SearchOutboxWorker {
  const worker = createSearchOutboxWorker(db, options);
  worker.handle('document', (ids) => indexDocuments(search, db, taxonomy, ids));
  return worker;
}
