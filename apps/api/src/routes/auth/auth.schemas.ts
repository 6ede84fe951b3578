import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '@mep/vocabulary';
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
  /** False until the address is confirmed by the link sent to it; no posting before. */
  emailVerified: z.boolean(),
});

// Length only here: the strength policy (password-policy.ts) answers 400 weak_password with its reason.
export const registerBody = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  displayName: z.string().max(200),
  locale: languageSchema.optional(),
});

/** The same answer whether or not the address already had an account. */
export const registerResponse = z.object({ status: z.literal('check_email'), message: z.string() });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export const changePasswordResponse = z.object({ sessionsEnded: z.number().int() });

export const passwordResetBody = z.object({ email: z.email().max(254) });
export const passwordResetConfirmBody = z.object({
  token: z.string().min(16).max(200),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export const passwordResetConfirmResponse = z.object({ sessionsEnded: z.number().int() });
export const emailTokenBody = z.object({ token: z.string().min(16).max(200) });
export const emailTokenResponse = z.object({ result: z.enum(['verified', 'changed']) });
export const changeEmailBody = z.object({ password: z.string().min(1).max(PASSWORD_MAX_LENGTH), newEmail: z.email().max(254) });
/** Accepted: the answer says nothing of whether the address was free; the e-mails sent do. */
export const checkEmailResponse = z.object({ status: z.literal('check_email'), message: z.string() });

export const signInBody = z.object({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(200),
});

export const csrfResponse = z.object({ csrfToken: z.string() });
export const sessionResponse = z.object({ user: selfUserSchema, csrfToken: z.string() });
export const meResponse = z.object({ user: selfUserSchema.nullable() });
export const signOutResponse = z.object({ csrfToken: z.string(), sessionsEnded: z.number().int() });
