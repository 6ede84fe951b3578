import { rooms } from '../rooms';
import type { ClientEventHandler } from './handle';
import { threadPayload } from './payloads';

export const threadsLeave: ClientEventHandler<'threads.leave'> = {
  schema: threadPayload,
  run({ threadId }, _viewer, { socket, presence }) {
    void socket.leave(rooms.thread(threadId));
    presence.schedule(threadId);
    return {};
  },
};
