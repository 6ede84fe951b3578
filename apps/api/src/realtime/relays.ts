/**
 * Relays committed domain events to Socket.IO rooms. The server decides who hears what: posts go to
 * their thread's room, threads to their forum's, notifications to their user's; each payload is
 * presented again (never forwarded as emitted) so it carries exactly what a client may see.
 */
import type { AppContext } from '../context';
import type { DomainEventListener, DomainEventName } from '../events';
import { ANONYMOUS, type Viewer } from '../policies';
import { getNotificationDto, unreadCount } from '../services/notifications';
import { getUploadJob, presentUploadJob } from '../services/repository/uploads';
import { getRetagJob, presentRetagJob } from '../services/taxonomy/retag-jobs';
import { getPostsForBroadcast, getThreadDto } from '../services/threads';
import { recheckUserSockets } from './access';
import { rooms } from './rooms';
import type { RealtimeServer } from './types';

/** Sees everything, follows nothing: presents threads for room broadcasts. */
const BROADCAST_VIEWER: Viewer = { ...ANONYMOUS, role: 'moderator' };

type Relays = { [N in DomainEventName]?: (payload: Parameters<DomainEventListener<N>>[0]) => void | Promise<void> };

function relaysFor(db: AppContext['db'], io: RealtimeServer): Relays {
  const recheckUser = async (userId: string) => recheckUserSockets(db, await io.in(rooms.user(userId)).fetchSockets());
  return {
    'posts.created': async ({ postId }) => {
      for (const post of (await getPostsForBroadcast(db, [postId]))) io.to(rooms.thread(post.threadId)).emit('posts.created', { post });
    },
    'posts.updated': async ({ postId }) => {
      for (const post of (await getPostsForBroadcast(db, [postId]))) io.to(rooms.thread(post.threadId)).emit('posts.updated', { post });
    },
    'threads.created': async ({ threadId }) => {
      const thread = await getThreadDto(db, BROADCAST_VIEWER, threadId);
      io.to(rooms.forum(thread.forumId)).emit('threads.created', { thread });
    },
    'threads.updated': async ({ threadId, reason }) => {
      const thread = await getThreadDto(db, BROADCAST_VIEWER, threadId);
      // Replies reach the thread room as posts.created already; a second broadcast would double the fan-out.
      const target = reason === 'reply' ? io.to(rooms.forum(thread.forumId)) : io.to(rooms.forum(thread.forumId)).to(rooms.thread(thread.id));
      target.emit('threads.updated', { thread });
    },
    'notifications.created': async ({ notificationId, userId }) => {
      const notification = await getNotificationDto(db, notificationId);
      if (notification) io.to(rooms.user(userId)).emit('notifications.created', { notification, unreadCount: await unreadCount(db, userId) });
    },
    'uploads.progress': async ({ jobId, userId }) => {
      const job = await getUploadJob({ db }, jobId);
      if (job) io.to(rooms.user(userId)).emit('uploads.progress', { job: presentUploadJob(job) });
    },
    'taxonomy.retag.progress': async ({ jobId, userId }) => {
      const job = await getRetagJob({ db }, jobId);
      if (job) io.to(rooms.user(userId)).emit('taxonomy.retag.progress', { job: presentRetagJob(job) });
    },
    'notifications.read': async ({ userId }) => {
      io.to(rooms.user(userId)).emit('notifications.read', { unreadCount: await unreadCount(db, userId) });
    },
    // Access narrowed: the user's sockets, on every node, leave the rooms they may no longer be in
    // (moderators and admins keep private forums; a session that ended is disconnected).
    'forums.member.removed': ({ userId }) => recheckUser(userId),
    'users.role.changed': ({ userId }) => recheckUser(userId),
    'sessions.revoked': async ({ userId, sessionIds }) => {
      const room = rooms.user(userId);
      if (sessionIds === 'all') {
        io.in(room).disconnectSockets(true);
        return;
      }
      const ended = new Set(sessionIds);
      for (const socket of await io.in(room).fetchSockets()) if (socket.data.sessionId && ended.has(socket.data.sessionId)) socket.disconnect(true);
    },
  };
}

/** Subscribes the relays to the event bus; returns the unsubscribe function. A failing relay is logged, never thrown. */
export function relayDomainEvents(context: Pick<AppContext, 'db' | 'events' | 'log'>, io: RealtimeServer): () => void {
  const relays = relaysFor(context.db, io);
  const subscribe = <N extends DomainEventName>(name: N) => {
    const relay = relays[name];
    if (!relay) return () => undefined;
    return context.events.on(name, async (payload) => {
      try {
        await relay(payload);
      } catch (error) {
        context.log.error('Relaying a domain event to sockets failed', error);
      }
    });
  };
  const offs = (Object.keys(relays) as DomainEventName[]).map(subscribe);
  return () => offs.forEach((off) => off());
}
