import { EventEmitter } from 'node:events';

/**
 * Domain events, dispatched only after the change that caused them is committed. Subscribers (the
 * Socket.IO gateway, the search indexer) never see a change that could still roll back.
 */
export interface DomainEventMap {
  'documents.ingested': { documentId: string };
  [name: `${string}.${string}`]: Record<string, unknown>;
}

export type DomainEventName = keyof DomainEventMap & string;

export interface EventBus {
  /** Queues an event; it is dispatched once `commit` has run successfully, or immediately outside a transaction. */
  emit<N extends DomainEventName>(name: N, payload: DomainEventMap[N]): void;
  on<N extends DomainEventName>(name: N, listener: (payload: DomainEventMap[N]) => void | Promise<void>): () => void;
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
