/**
 * Type-level tests, never run: `pnpm -r typecheck` (the first step of `pnpm test`) compiles this file, and
 * each `@ts-expect-error` below fails the build if the line after it ever compiles. They prove that a
 * route's handler must answer its response schema's shape, that domain events are checked by name
 * and payload, and that `authorize` narrows the viewer to a signed-in one.
 */
import { z } from 'zod';
import type { EventBus } from '../src/events';
import { defineRoute } from '../src/http/define-route';
import { authorize, canFollow, type Viewer } from '../src/policies';

const response = z.object({ id: z.string(), count: z.number().int() });

export const routeCases = [
  defineRoute({ method: 'get', path: '/ok', tag: 't', summary: 's', response, handler: () => ({ id: 'a', count: 1 }) }),
  defineRoute({ method: 'get', path: '/async', tag: 't', summary: 's', response, handler: async () => ({ id: 'a', count: 1 }) }),
  // @ts-expect-error a field of the wrong type
  defineRoute({ method: 'get', path: '/wrong-type', tag: 't', summary: 's', response, handler: () => ({ id: 'a', count: '1' }) }),
  // @ts-expect-error a field missing
  defineRoute({ method: 'get', path: '/missing', tag: 't', summary: 's', response, handler: () => ({ id: 'a' }) }),
  // @ts-expect-error a body from a route without a response schema (it must write the response itself)
  defineRoute({ method: 'get', path: '/undeclared', tag: 't', summary: 's', handler: () => ({ id: 'a' }) }),
];

export function eventCases(events: EventBus): void {
  events.emit('posts.created', { postId: 1, threadId: 2, forumId: 'asgm' });
  // @ts-expect-error an undeclared event
  events.emit('posts.exploded', { postId: 1 });
  // @ts-expect-error a declared event with a wrong payload
  events.emit('posts.created', { postId: '1', threadId: 2, forumId: 'asgm' });
  // @ts-expect-error a declared event with a missing field
  events.emit('sessions.revoked', { userId: 'u' });
  events.on('threads.updated', (event) => {
    const id: number = event.threadId;
    // @ts-expect-error listeners see the declared payload only
    void event.postId;
    void id;
  });
}

export function authorizeCases(viewer: Viewer): string {
  // @ts-expect-error before authorize the viewer may be anonymous
  const unchecked: string = viewer.userId;
  authorize(canFollow(viewer), viewer);
  return viewer.userId + unchecked;
}
