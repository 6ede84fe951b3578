import type { PublicUserDto } from '@mep/api/realtime-events';
import { useT } from '../../i18n/LanguageProvider';
import { roleBadge } from './format';
import { forumMessages } from './messages';

/**
 * The role of a moderator, an administrator or a focal point, beside their name wherever it is
 * shown: names are chosen freely, the badge comes from the server's role, so it cannot be faked.
 */
export function RoleBadge({ user }: { user: PublicUserDto | null | undefined }) {
  const t = useT(forumMessages);
  const badge = user ? roleBadge(t, user) : null;
  return badge ? <span className="tag role-badge">{badge}</span> : null;
}
