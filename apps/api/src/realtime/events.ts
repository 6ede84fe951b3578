/**
 * The one typed description of what travels over Socket.IO between the API and the web app (the DTOs
 * are contracts.ts's, re-exported for the web app's forum code). Pure types and one list: the web app
 * imports this module (`@mep/api/realtime-events`) for types, so it must never import server code.
 */

import type { ErrorBody, NotificationDto, PostDto, ThreadDto } from '../contracts';

export type {
  DocumentCardDto,
  ErrorBody,
  ForumDto,
  LanguageCode,
  NotificationDto,
  PostDto,
  PublicUserDto,
  Role,
  SelfUserDto,
  ThreadDto,
} from '../contracts';

/** Every acknowledgement has this shape. */
export type Ack<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; error: ErrorBody };

export interface JoinThreadAck {
  threadId: number;
  /** Id of the newest visible post, so the client can re-fetch what it may have missed. */
  lastPostId: number;
  presence: number;
}

export interface ServerToClientEvents {
  'posts.created': (payload: { post: PostDto }) => void;
  'posts.updated': (payload: { post: PostDto }) => void;
  'threads.created': (payload: { thread: ThreadDto }) => void;
  'threads.updated': (payload: { thread: ThreadDto }) => void;
  'notifications.created': (payload: { notification: NotificationDto; unreadCount: number }) => void;
  'notifications.read': (payload: { unreadCount: number }) => void;
  /** How many connections currently view the thread. */
  'presence.count': (payload: { threadId: number; count: number }) => void;
  'typing': (payload: { threadId: number; user: { id: string; displayName: string } }) => void;
}

export interface ClientToServerEvents {
  'threads.join': (payload: { threadId: number }, ack: (result: Ack<JoinThreadAck>) => void) => void;
  'threads.leave': (payload: { threadId: number }, ack: (result: Ack) => void) => void;
  'forums.join': (payload: { forumId: string }, ack: (result: Ack<{ forumId: string }>) => void) => void;
  'forums.leave': (payload: { forumId: string }, ack: (result: Ack) => void) => void;
  'typing': (payload: { threadId: number }, ack?: (result: Ack) => void) => void;
}

/** Names of the client events, for the authorization matrix and for input validation. */
export const CLIENT_EVENT_NAMES = ['threads.join', 'threads.leave', 'forums.join', 'forums.leave', 'typing'] as const satisfies readonly (keyof ClientToServerEvents)[];


