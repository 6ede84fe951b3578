import type { users } from '@mep/db';
import type { PublicUserDto, SelfUserDto } from '../realtime/events';

type UserRow = typeof users.$inferSelect;

/** Label every reader sees for the author of a post whose account was deleted. */
export const DELETED_USER_NAME = 'deleted user';

/** A user as other users see them: no e-mail, and nothing personal once the account is deleted. */
export function presentPublicUser(user: Pick<UserRow, 'id' | 'displayName' | 'role' | 'party' | 'deletedAt'>): PublicUserDto {
  if (user.deletedAt) return { id: user.id, displayName: DELETED_USER_NAME, role: 'member', party: null, deleted: true };
  return { id: user.id, displayName: user.displayName, role: user.role, party: user.party, deleted: false };
}

/** The signed-in user as they see themselves (the only place an e-mail appears). */
export function presentSelf(user: UserRow): SelfUserDto {
  return {
    ...presentPublicUser(user),
    email: user.email ?? '',
    locale: user.locale,
    digestEnabled: user.digestEnabled,
    createdAt: user.createdAt,
    emailVerified: user.emailVerifiedAt !== null,
  };
}
