import { rooms } from '../rooms';
import type { ClientEventHandler } from './handle';
import { forumPayload } from './payloads';

export const forumsLeave: ClientEventHandler<'forums.leave'> = {
  schema: forumPayload,
  run({ forumId }, _viewer, { socket }) {
    void socket.leave(rooms.forum(forumId));
    return {};
  },
};
