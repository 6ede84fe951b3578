import { z } from 'zod';
import { publicUserSchema } from '../auth/auth.schemas';
import { postSchema } from '../forums/forums.schemas';

export const flagBody = z.object({ reason: z.string().trim().min(3).max(1000) });
export const flagIdParams = z.object({ flagId: z.coerce.number().int().positive() });
export const resolveFlagBody = z.object({ action: z.enum(['hide', 'dismiss']) });
export const flagsQuery = z.object({ status: z.enum(['open', 'resolved', 'dismissed']).default('open') });
export const moderationReasonBody = z.object({ reason: z.string().trim().max(1000).optional() });
export const lockBody = z.object({ locked: z.boolean() });
export const pinBody = z.object({ pinned: z.boolean() });
export const auditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const flagResponse = z.object({ id: z.number() });
export const flagListResponse = z.object({
  flags: z.array(
    z.object({
      id: z.number(),
      postId: z.number(),
      reason: z.string(),
      status: z.enum(['open', 'resolved', 'dismissed']),
      reporter: publicUserSchema.nullable(),
      createdAt: z.string(),
      resolvedAt: z.string().nullable(),
      post: postSchema.nullable(),
    }),
  ),
});
export const auditResponse = z.object({
  total: z.number(),
  entries: z.array(
    z.object({
      id: z.number(),
      actor: publicUserSchema.nullable(),
      action: z.string(),
      targetType: z.string(),
      targetId: z.string(),
      details: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
});
