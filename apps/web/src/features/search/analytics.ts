/**
 * Search analytics on the client: the API returns a `searchId` with each first page; opening a result
 * reports its rank. Later pages of the same search reuse the first page's id.
 */
import { send } from '../../api/client';

let last: { key: string; id: string } | null = null;

/** The analytics id of the search `key` (the search state without its page), remembering first pages' ids. */
export function searchIdFor(key: string, id: string | null | undefined): string | null {
  if (id) last = { key, id };
  return last?.key === key ? last.id : null;
}

/** Fire-and-forget: the reader opened result `rank` (1-based). Failures are ignored: analytics never get in the way. */
export function reportOpened(searchId: string, documentId: string, rank: number): void {
  send('POST', '/api/search/clicks', { searchId, documentId, rank }).catch(() => undefined);
}
