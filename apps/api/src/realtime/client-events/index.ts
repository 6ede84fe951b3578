import { forumsJoin } from './forums-join';
import { forumsLeave } from './forums-leave';
import type { ClientEventHandlers } from './handle';
import { threadsJoin } from './threads-join';
import { threadsLeave } from './threads-leave';
import { typing } from './typing';

/** Every client event's handler, one file each. */
export const CLIENT_EVENT_HANDLERS: ClientEventHandlers = {
  'threads.join': threadsJoin,
  'threads.leave': threadsLeave,
  'forums.join': forumsJoin,
  'forums.leave': forumsLeave,
  typing,
};

export { listen, type ClientEventContext } from './handle';
