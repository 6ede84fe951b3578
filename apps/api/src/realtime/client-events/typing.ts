import { ApiError } from '../../errors';
import { authorize, canReply } from '../../policies';
import { getVisibleThread } from '../../services/threads';
import { rooms } from '../rooms';
import type { RealtimeSocket } from '../types';
import type { ClientEventHandler } from './handle';
import { threadPayload } from './payloads';

const TYPING_INTERVAL_MS = 1000;
/** When each connection last announced typing: at most one announcement per interval reaches the room. */
const lastTyping = new WeakMap<RealtimeSocket, number>();

/** "Someone is typing" to the other viewers of a thread the viewer may reply in and has joined. */
export const typing: ClientEventHandler<'typing'> = {
  schema: threadPayload,
  async run({ threadId }, viewer, { db, socket }) {
    const room = rooms.thread(threadId);
    const { thread, forum } = await getVisibleThread(db, viewer, threadId);
    authorize(canReply(viewer, forum, thread), viewer);
    if (!socket.rooms.has(room)) throw new ApiError('not_joined', 'Join the thread before announcing typing.', 409);
    const now = Date.now();
    if (now - (lastTyping.get(socket) ?? 0) >= TYPING_INTERVAL_MS) {
      lastTyping.set(socket, now);
      socket.to(room).emit('typing', { threadId, user: { id: viewer.userId, displayName: viewer.displayName ?? '' } });
    }
    return {};
  },
};
