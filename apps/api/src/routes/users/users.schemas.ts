import { z } from 'zod';
import { languageSchema, publicUserSchema, roleSchema, selfUserSchema } from '../auth/auth.schemas';

export const updateMeBody = z
  .object({
    // Normalised and checked by display-names.ts (400 display_name_invalid / display_name_reserved).
    displayName: z.string().max(200).optional(),
    locale: languageSchema.nullable().optional(),
    digestEnabled: z.boolean().optional(),
  })
  .strict();

export const deleteMeBody = z.object({ password: z.string().min(1).max(200) });

export const userIdParams = z.object({ id: z.string().min(1).max(64) });

export const setRoleBody = z.object({
  role: roleSchema,
  party: z.string().regex(/^party:[A-Z]{3}$/).nullable().optional(),
});

export const listUsersQuery = z.object({ q: z.string().max(100).optional() });

export const adminUserSchema = selfUserSchema;
export const meResponse = z.object({ user: selfUserSchema });
export const userListResponse = z.object({ users: z.array(adminUserSchema) });
export const userResponse = z.object({ user: publicUserSchema });
export const deletedResponse = z.object({ deleted: z.literal(true) });
/** Everything held about the user, grouped by kind (account, sessions, posts, …). */
export const userExportResponse = z.record(z.string(), z.unknown());
