import { getVisibleForum } from '../../services/forums';
import { joinWithinBudget, rooms } from '../rooms';
import type { ClientEventHandler } from './handle';
import { forumPayload } from './payloads';

/** Follows a forum the viewer may see: its new and updated threads arrive from now on. */
export const forumsJoin: ClientEventHandler<'forums.join'> = {
  schema: forumPayload,
  async run({ forumId }, viewer, { db, socket }) {
    await getVisibleForum(db, viewer, forumId);
    joinWithinBudget(socket, rooms.forum(forumId));
    return { forumId };
  },
};
