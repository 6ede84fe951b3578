import { getVisibleThread, lastPostId } from '../../services/threads';
import { joinWithinBudget, rooms } from '../rooms';
import type { ClientEventHandler } from './handle';
import { threadPayload } from './payloads';

/** Follows a thread the viewer may see: its posts, presence and typing arrive from now on. */
export const threadsJoin: ClientEventHandler<'threads.join'> = {
  schema: threadPayload,
  async run({ threadId }, viewer, { db, io, socket, presence }) {
    await getVisibleThread(db, viewer, threadId);
    joinWithinBudget(socket, rooms.thread(threadId));
    presence.schedule(threadId);
    const count = presence.localCount(threadId);
    // Sent as a broadcast (to the socket's own room) so it carries a recovery offset: a client that
    // has received no broadcast yet has no offset, and could not recover a dropped connection.
    io.to(socket.id).emit('presence.count', { threadId, count });
    return { threadId, lastPostId: await lastPostId(db, threadId), presence: count };
  },
};
