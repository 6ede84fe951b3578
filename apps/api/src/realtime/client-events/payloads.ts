import { z } from 'zod';

export const threadPayload = z.object({ threadId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict();
export const forumPayload = z.object({ forumId: z.string().min(1).max(64) }).strict();
