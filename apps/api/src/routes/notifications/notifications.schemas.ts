import { NOTIFICATION_KINDS } from '@mep/vocabulary';
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
  kind: z.enum(NOTIFICATION_KINDS),
  forumId: z.string().nullable(),
  threadId: z.number().nullable(),
  threadTitle: z.string().nullable(),
  postId: z.number().nullable(),
  actor: publicUserSchema.nullable(),
  createdAt: z.string(),
  read: z.boolean(),
  document: z
    .object({ id: z.string(), title: z.string(), decision: z.enum(['published', 'rejected', 'withdrawn']), reason: z.string().nullable() })
    .nullable()
    .describe('For `document.reviewed`: the document the user submitted and the curator\'s decision; for `concept.document`: the newly published document (null once the reader may no longer see it).'),
  conceptId: z.string().nullable().describe('For `concept.document` and `concept.thread`: the followed concept it is tagged with.'),
});

export const notificationListResponse = z.object({ items: z.array(notificationSchema), unreadCount: z.number() });
export const unreadResponse = z.object({ unreadCount: z.number() });
