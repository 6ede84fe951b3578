/**
 * The one typed description of what travels over Socket.IO between the API and the web app (the DTOs
 * are contracts.ts's, re-exported for the web app's forum code). Pure types and one list: the web app
 * imports this module (`@mep/api/realtime-events`) for types, so it must never import server code.
 */

import type { ErrorBody, NotificationDto, PostDto, RetagJobDto, ThreadDto, UploadJobDto } from '../contracts';

export type {
  DocumentCardDto,
  ErrorBody,
  ForumDto,
  LanguageCode,
  NotificationDto,
  PostDto,
  PublicUserDto,
  RetagJobDto,
  Role,
  SelfUserDto,
  ThreadDto,
  UploadJobDto,
} from '../contracts';

/** An acknowledgement that adds nothing to `{ ok: true }`. */
export type NoResult = Record<never, never>;

/** Every acknowledgement has this shape. */
export type Ack<T = NoResult> = ({ ok: true } & T) | { ok: false; error: ErrorBody };

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
  /** One of the user's web uploads moved on (queued → extracting → tagging → stored → indexed, or failed / duplicate). */
  'uploads.progress': (payload: { job: UploadJobDto }) => void;
  /** The background retag after one of the curator's taxonomy edits moved on (queued → scanning → retagging n/total → done, or failed). */
  'taxonomy.retag.progress': (payload: { job: RetagJobDto }) => void;
  /** How many connections currently view the thread. */
  'presence.count': (payload: { threadId: number; count: number }) => void;
  'typing': (payload: { threadId: number; user: { id: string; displayName: string } }) => void;
}

/** Per client event: the payload it carries and what its acknowledgement adds to `{ ok: true }`. */
export interface ClientEventMap {
  'threads.join': { payload: { threadId: number }; result: JoinThreadAck };
  'threads.leave': { payload: { threadId: number }; result: NoResult };
  'forums.join': { payload: { forumId: string }; result: { forumId: string } };
  'forums.leave': { payload: { forumId: string }; result: NoResult };
  'typing': { payload: { threadId: number }; result: NoResult };
}
export type ClientEventName = keyof ClientEventMap;

/** Socket.IO's listen map, derived from ClientEventMap: the acknowledgement callback is optional for every event. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientEventMap[E]['payload'], ack?: (result: Ack<ClientEventMap[E]['result']>) => void) => void;
};

/** Names of the client events, for the authorization matrix and for input validation. */
export const CLIENT_EVENT_NAMES = Object.keys({
  'threads.join': true,
  'threads.leave': true,
  'forums.join': true,
  'forums.leave': true,
  typing: true,
} satisfies Record<ClientEventName, true>) as ClientEventName[];


