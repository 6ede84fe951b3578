import { useSyncExternalStore } from 'react';
import type { SelfUserDto } from '@mep/api/realtime-events';
import { CSRF_HEADER } from '@mep/vocabulary';
import { ApiError } from '../../api/client';

/**
 * The signed-in user and the CSRF token, shared by every page. State-changing requests go through
 * `send`, which adds the token and, if the server says the token is stale, fetches a new one once.
 */
export interface SessionState {
  status: 'loading' | 'ready';
  user: SelfUserDto | null;
}

let state: SessionState = { status: 'loading', user: null };
let csrfToken: string | null = null;
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
      const response = await fetch('/api/auth/me', { headers: { accept: 'application/json' } });
      const body = (await response.json()) as { user?: SelfUserDto | null } | null;
      setState({ status: 'ready', user: response.ok ? (body?.user ?? null) : null });
    } catch {
      setState({ status: 'ready', user: null });
    }
  })();
  return loading;
}

/** Moderators and admins see the moderation page and the thread controls, and may post in locked threads. */
export function isModerator(user: Pick<SelfUserDto, 'role'> | null | undefined): boolean {
  return user?.role === 'moderator' || user?.role === 'admin';
}

/** The session as a React value; loads it on first use. */
export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state, () => state);
}

async function fetchCsrfToken(): Promise<string> {
  const response = await fetch('/api/auth/csrf', { headers: { accept: 'application/json' } });
  const body = (await response.json()) as { csrfToken: string };
  csrfToken = body.csrfToken;
  return csrfToken;
}

export interface SendError {
  code: string;
  message: string;
  status: number;
}

/** Error of a state-changing request, with the API's stable code (e.g. rate_limited). */
export class SendFailed extends ApiError {
  constructor(readonly detail: SendError) {
    super(detail.status === 404 ? 'not-found' : 'http', detail.message, detail.status);
  }
}

/** Sends a state-changing JSON request with the CSRF token; throws SendFailed with the API's code. */
export async function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, retried = false): Promise<T> {
  const token = csrfToken ?? (await fetchCsrfToken());
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { accept: 'application/json', 'content-type': 'application/json', [CSRF_HEADER]: token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new SendFailed({ code: 'network', message: 'Network error', status: 0 });
  }
  const json = (await response.json().catch(() => null)) as (T & { csrfToken?: string; error?: { code: string; message: string } }) | null;
  if (!response.ok) {
    const error = json?.error ?? { code: 'http', message: `HTTP ${response.status}` };
    if (error.code === 'csrf_failed' && !retried) {
      csrfToken = null;
      return send(method, url, body, true);
    }
    throw new SendFailed({ ...error, status: response.status });
  }
  // Sign-in, registration and sign-out rotate the token.
  if (json && typeof json.csrfToken === 'string') csrfToken = json.csrfToken;
  return json as T;
}
