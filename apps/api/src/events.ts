import { AsyncLocalStorage } from 'node:async_hooks';
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
  /** A curator changed a document: its status, metadata or tags (search is updated by the service). */
  'documents.changed': { documentId: string };
  /** A web upload moved to another stage (its owner's sockets hear of it). */
  'uploads.progress': { jobId: string; userId: string };
  /** A taxonomy edit's background retag moved on (the editing curator's sockets hear of it). */
  'taxonomy.retag.progress': { jobId: string; userId: string };
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
  'documents.changed': true,
  'uploads.progress': true,
  'taxonomy.retag.progress': true,
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
  /**
   * Runs `change` (which commits its transaction) and, if it settles without throwing, dispatches the events it
   * emitted. Each call keeps its own queue (an async context), so overlapping requests never mix their events.
   */
  afterCommit<T>(change: () => T | Promise<T>): Promise<T>;
}

/** Creates the in-process event bus. Listener failures are reported, never thrown into the caller. */
export function createEventBus(onListenerError: (name: string, error: unknown) => void): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(100);
  const pending = new AsyncLocalStorage<Array<[string, unknown]>>();

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
      const queue = pending.getStore();
      if (queue) queue.push([name, payload]);
      else dispatch(name, payload);
    },
    on(name, listener) {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    async afterCommit(change) {
      // Nested: the outer call dispatches once everything has committed.
      if (pending.getStore()) return change();
      const queue: Array<[string, unknown]> = [];
      const result = await pending.run(queue, change);
      for (const [name, payload] of queue) dispatch(name, payload);
      return result;
    },
  };
}
