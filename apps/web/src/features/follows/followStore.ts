import { useEffect, useSyncExternalStore } from 'react';
import type { ConceptFollowResponse, FollowedConceptsResponse } from '@mep/api/contracts';
import { fetchJson, send } from '../../api/client';

/**
 * The concepts the signed-in user follows, shared by every follow button on a page (a document's concept
 * list, the Explore themes, an article's page, the profile's "Following" list): loaded once per user and
 * kept in step after each toggle.
 */
export interface FollowState {
  /** Whose list this is; another user signing in loads their own. */
  owner: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: FollowedConceptsResponse['concepts'];
  ids: ReadonlySet<string>;
}

const EMPTY: FollowState = { owner: null, status: 'idle', items: [], ids: new Set() };
let state: FollowState = EMPTY;
let loadingFor: string | null = null;
const listeners = new Set<() => void>();

function setState(next: FollowState): void {
  state = next;
  for (const listener of listeners) listener();
}

function withItems(owner: string, items: FollowedConceptsResponse['concepts']): FollowState {
  return { owner, status: 'ready', items, ids: new Set(items.map((i) => i.conceptId)) };
}

/** Loads the list of `owner` (the signed-in user); several buttons asking at once share one request. */
async function loadFollowedConcepts(owner: string): Promise<void> {
  if (loadingFor === owner) return;
  loadingFor = owner;
  setState({ ...EMPTY, owner, status: 'loading' });
  try {
    const { concepts } = await fetchJson<FollowedConceptsResponse>('/api/follows/concepts');
    if (loadingFor === owner) setState(withItems(owner, concepts));
  } catch {
    if (loadingFor === owner) setState({ ...EMPTY, owner, status: 'error' });
  } finally {
    if (loadingFor === owner) loadingFor = null;
  }
}

/** Follows or unfollows one concept; the shared list follows the server's answer. */
export async function setConceptFollowed(conceptId: string, follow: boolean): Promise<void> {
  const result = await send<ConceptFollowResponse>(follow ? 'PUT' : 'DELETE', `/api/follows/concepts/${encodeURIComponent(conceptId)}`);
  if (!state.owner) return;
  const rest = state.items.filter((i) => i.conceptId !== conceptId);
  setState(withItems(state.owner, result.following ? [{ conceptId, followedAt: new Date().toISOString() }, ...rest] : rest));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The followed concepts of the signed-in user `userId` as a React value (empty for anonymous readers). */
export function useFollowedConcepts(userId: string | null): FollowState {
  const current = useSyncExternalStore(subscribe, () => state, () => state);
  useEffect(() => {
    if (userId && state.owner !== userId) void loadFollowedConcepts(userId);
  }, [userId]);
  return userId && current.owner === userId ? current : EMPTY;
}
