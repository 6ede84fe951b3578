import { EventEmitter } from 'node:events';
import type { UserRole } from '@mep/vocabulary';

/**
 * Domain events, dispatched only after the change that caused them is committed. Subscribers (the
 * Socket.IO relays, the search indexer) never see a change that could still roll back. One declared
 * payload per event name and no index signature: emitting an undeclared event, or a declared one with
 * another payload, does not compile (see events.typecheck.ts).
 */
export interface DomainEventMap {
  /** A file became a new repository document (`mep ingest`, `mep serve --ingest`). */
  'documents.ingested': { documentId: string };
  'posts.created': { postId: number; threadId: number; forumId: string };
  /** Edited, hidden, restored or deleted. */
  'posts.updated': { postId: number; threadId: number; forumId: string };
  'threads.created': { threadId: number; forumId: string };
  /** `reply`: only its counters changed (the thread room already got the post). */
  'threads.updated': { threadId: number; forumId: string; reason?: 'reply' };
  'notifications.created': { notificationId: number; userId: string };
  'notifications.read': { userId: string };
  /** Access narrowed: the user's live sockets re-check every room they are in, on every node. */
  'forums.member.removed': { forumId: string; userId: string };
  /** Set by an admin; like a membership removal, the user's sockets re-check their rooms. */
  'users.role.changed': { userId: string; role: UserRole };
  /** Sessions ended (sign-out, sign-out everywhere, account deletion): their sockets are dropped. */
  'sessions.revoked': { userId: string; sessionIds: readonly string[] | 'all' };
  /** The account was wiped; its posts now show as written by "deleted user". */
  'users.deleted': { userId: string; postIds: readonly number[] };
}

export type DomainEventName = keyof DomainEventMap;

/** Every declared event, for tests (each must be emitted somewhere); written as a record so none can be missing. */
export const DOMAIN_EVENT_NAMES = Object.keys({
  'documents.ingested': true,
  'posts.created': true,
  'posts.updated': true,
  'threads.created': true,
  'threads.updated': true,
  'notifications.created': true,
  'notifications.read': true,
  'forums.member.removed': true,
  'sessions.revoked': true,
  'users.role.changed': true,
  'users.deleted': true,
} satisfies Record<DomainEventName, true>) as DomainEventName[];

export type DomainEventListener<N extends DomainEventName> = (payload: DomainEventMap[N]) => void | Promise<void>;

export interface EventBus {
  /** Queues an event; it is dispatched once `commit` has run successfully, or immediately outside a transaction. */
  emit<N extends DomainEventName>(name: N, payload: DomainEventMap[N]): void;
  on<N extends DomainEventName>(name: N, listener: DomainEventListener<N>): () => void;
  /** Runs `change` and, if it returns without throwing, dispatches the events it emitted. */
  afterCommit<T>(change: () => T): T;
}

/** Creates the in-process event bus. Listener failures are reported, never thrown into the caller. */
export function createEventBus(onListenerError: (name: string, error: unknown) => void): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(100);
  let pending: Array<[string, unknown]> | undefined;

  const dispatch = (name: string, payload: unknown) => {
    for (const listener of emitter.listeners(name)) {
      try {
        const result = (listener as (p: unknown) => unknown)(payload);
        if (result instanceof Promise) result.catch((error) => onListenerError(name, error));
      } catch (error) {
        onListenerError(name, error);
      }
    }
  };

  return {
    emit(name, payload) {
      if (pending) pending.push([name, payload]);
      else dispatch(name, payload);
    },
    on(name, listener) {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    afterCommit(change) {
      if (pending) return change();
      pending = [];
      let queued: Array<[string, unknown]> = [];
      try {
        const result = change();
        queued = pending;
        return result;
      } finally {
        pending = undefined;
        for (const [name, payload] of queued) dispatch(name, payload);
      }
    },
  };
}
