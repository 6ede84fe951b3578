import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { authorize, canUseNotifications } from '../../policies';
import { listNotifications, markNotificationsRead, unreadCount } from '../../services/notifications';
import { viewerOf } from '../auth/auth.middleware';
import { listNotificationsQuery, markReadBody, notificationListResponse, unreadResponse } from './notifications.schemas';

export function notificationRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      tag: 'notifications',
      summary: "The signed-in user's notifications, newest first, with the unread count.",
      query: listNotificationsQuery,
      response: notificationListResponse,
      errors: [401],
      handler: async ({ req, query }) =>
        listNotifications(context.db, viewerOf(req), { before: query.before, limit: query.limit, unreadOnly: query.unread === '1' || query.unread === 'true' }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/notifications/unread-count',
      tag: 'notifications',
      summary: 'How many notifications are unread (the badge).',
      response: unreadResponse,
      errors: [401],
      handler: async ({ req }) => {
        const viewer = viewerOf(req);
        authorize(canUseNotifications(viewer), viewer);
        return { unreadCount: await unreadCount(context.db, viewer.userId) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/read',
      tag: 'notifications',
      summary: 'Marks notifications read: `{ ids: [...] }` or `{ all: true }`.',
      body: markReadBody,
      response: unreadResponse,
      errors: [401, 403],
      handler: async ({ req, body }) => ({ unreadCount: await markNotificationsRead(context.db, context.events, viewerOf(req), 'all' in body ? 'all' : body.ids) }),
    }),
  ];
}
