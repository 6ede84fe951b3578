import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '@mep/vocabulary';
import { languageSchema, roleSchema } from '../vocabulary.schemas';

export { languageSchema, roleSchema };

export const publicUserSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  role: roleSchema,
  party: z.string().nullable(),
  deleted: z.boolean(),
});

export const selfUserSchema = publicUserSchema.extend({
  email: z.string(),
  locale: z.string().nullable(),
  digestEnabled: z.boolean(),
  createdAt: z.string(),
});

export const registerBody = z.object({
  email: z.email().max(254),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(200),
  displayName: z.string().trim().min(2).max(80),
  locale: languageSchema.optional(),
});

export const signInBody = z.object({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(200),
});

export const csrfResponse = z.object({ csrfToken: z.string() });
export const sessionResponse = z.object({ user: selfUserSchema, csrfToken: z.string() });
export const meResponse = z.object({ user: selfUserSchema.nullable() });
export const signOutResponse = z.object({ csrfToken: z.string(), sessionsEnded: z.number().int() });
