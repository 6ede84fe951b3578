import { useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { canUseWorkspace, isCurator, isModerator, useSession } from '../account/session';
import { adminMessages } from './adminMessages';
import { workspaceMessages } from './messages';

/** Links between the workspace's pages, each shown to those who may use it (the API decides in the end). */
export function AdminLinks() {
  const t = useT(adminMessages);
  const tw = useT(workspaceMessages);
  const user = useSession().user;
  const links = [
    canUseWorkspace(user) ? { href: '/workspace', label: tw('title') } : null,
    isCurator(user) || isModerator(user) ? { href: '/workspace/audit', label: t('auditTitle') } : null,
    user?.role === 'admin' ? { href: '/workspace/users', label: t('usersTitle') } : null,
  ].filter((link): link is { href: string; label: string } => link !== null);
  if (links.length < 2) return null;
  return (
    <nav aria-label={t('adminLinks')} className="admin-links">
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
