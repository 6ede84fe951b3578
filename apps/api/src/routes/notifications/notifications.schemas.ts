import { z } from 'zod';
import { publicUserSchema } from '../auth/auth.schemas';

export const listNotificationsQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  unread: z.enum(['0', '1', 'true', 'false']).optional(),
});

export const markReadBody = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }),
  z.object({ all: z.literal(true) }),
]);

export const notificationSchema = z.object({
  id: z.number(),
  kind: z.enum(['post.created', 'thread.created', 'post.hidden', 'feedback.answered']),
  forumId: z.string().nullable(),
  threadId: z.number().nullable(),
  threadTitle: z.string().nullable(),
  postId: z.number().nullable(),
  actor: publicUserSchema.nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});

export const notificationListResponse = z.object({ items: z.array(notificationSchema), unreadCount: z.number() });
export const unreadResponse = z.object({ unreadCount: z.number() });
