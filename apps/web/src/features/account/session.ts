import { useSyncExternalStore } from 'react';
import type { SelfUserDto } from '@mep/api/realtime-events';
import { fetchJson } from '../../api/client';

/** The signed-in user, shared by every page (requests, CSRF token included, go through api/client.ts). */
export interface SessionState {
  status: 'loading' | 'ready';
  user: SelfUserDto | null;
}

let state: SessionState = { status: 'loading', user: null };
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!loading) void refreshSession();
  return () => listeners.delete(listener);
}

/** Reloads who is signed in (after sign-in, sign-out, account deletion). */
export function refreshSession(): Promise<void> {
  loading = (async () => {
    try {
      const body = await fetchJson<{ user: SelfUserDto | null }>('/api/auth/me');
      setState({ status: 'ready', user: body.user });
    } catch {
      setState({ status: 'ready', user: null });
    }
  })();
  return loading;
}

/** Curators and admins curate the repository; focal points submit documents for their party. */
export function canUseWorkspace(user: Pick<SelfUserDto, 'role' | 'party'> | null | undefined): boolean {
  return user?.role === 'curator' || user?.role === 'admin' || (user?.role === 'focal_point' && Boolean(user.party));
}

/** Curators and admins curate: the insight page (search analytics, reader feedback), as canCurate in the API. */
export function isCurator(user: Pick<SelfUserDto, 'role'> | null | undefined): boolean {
  return user?.role === 'curator' || user?.role === 'admin';
}

/** Moderators and admins see the moderation page and the thread controls, and may post in locked threads. */
export function isModerator(user: Pick<SelfUserDto, 'role'> | null | undefined): boolean {
  return user?.role === 'moderator' || user?.role === 'admin';
}

/** The session as a React value; loads it on first use. */
export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state, () => state);
}
