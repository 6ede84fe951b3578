/**
 * The one typed description of what travels over Socket.IO between the API and the web app, plus the
 * JSON shapes (DTOs) the HTTP API answers for forums. Pure types and constants: the web app imports
 * this module (`@mep/api/realtime-events`), so it must never import server code.
 */

import type { Lang, Role } from '@mep/vocabulary';

export type { Role } from '@mep/vocabulary';
export type LanguageCode = Lang;

/** Another user as everyone may see them: never their e-mail. */
export interface PublicUserDto {
  id: string;
  displayName: string;
  role: Exclude<Role, 'anonymous'>;
  /** `party:<ISO3>` for focal points. */
  party: string | null;
  deleted: boolean;
}

/** The signed-in user, as they see themselves. */
export interface SelfUserDto extends PublicUserDto {
  email: string;
  locale: string | null;
  digestEnabled: boolean;
  createdAt: string;
}

export interface ForumDto {
  id: string;
  conceptId: string | null;
  title: Record<string, string>;
  description: Record<string, string>;
  visibility: 'public' | 'private';
  threadCount: number;
  postCount: number;
  lastPostAt: string | null;
  following: boolean;
}

export interface ThreadDto {
  id: number;
  forumId: string;
  title: string;
  author: PublicUserDto;
  concepts: string[];
  documentIds: string[];
  locked: boolean;
  pinned: boolean;
  postCount: number;
  lastPostAt: string;
  createdAt: string;
  following: boolean;
}

export interface DocumentCardDto {
  id: string;
  title: string;
  doctype: string;
  year: number | null;
}

export interface PostDto {
  /** Ever-increasing: order by it and de-duplicate on it. */
  id: number;
  threadId: number;
  forumId: string;
  author: PublicUserDto;
  /** Sanitized HTML; empty when the post is hidden or deleted. */
  html: string;
  /** The Markdown source, only for the author and moderators. */
  body?: string;
  status: 'visible' | 'hidden' | 'deleted';
  createdAt: string;
  editedAt: string | null;
  documents: DocumentCardDto[];
}

export interface NotificationDto {
  id: number;
  kind: 'post.created' | 'thread.created' | 'post.hidden';
  forumId: string | null;
  threadId: number | null;
  threadTitle: string | null;
  postId: number | null;
  actor: PublicUserDto | null;
  createdAt: string;
  read: boolean;
}

export interface ErrorBody {
  code: string;
  message: string;
}

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

export { CSRF_COOKIE, CSRF_HEADER, SOCKET_PATH } from '@mep/vocabulary';
