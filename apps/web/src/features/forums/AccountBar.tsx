import './forums.css';
import { useEffect, useState } from 'react';
import { fetchJson } from '../../api/client';
import { useT } from '../../i18n/LanguageProvider';
import { Link, useLocation } from '../../router/Router';
import { useSession } from '../account/session';
import { forumMessages } from './messages';
import { useForumSocket } from './socket';

/** Sign-in link, or the account link and a live unread-notifications badge. */
export function AccountBar() {
  const t = useT(forumMessages);
  const session = useSession();
  const socket = useForumSocket();
  const { pathname, search } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const signedIn = Boolean(session.user);

  useEffect(() => {
    if (!signedIn) return;
    const controller = new AbortController();
    // The badge is a hint: when the count cannot be read, it is simply not shown.
    fetchJson<{ unreadCount: number }>('/api/notifications/unread-count', { signal: controller.signal }).then(
      (body) => setUnread(body.unreadCount),
      () => undefined,
    );
    return () => controller.abort();
  }, [signedIn]);

  useEffect(() => {
    if (!socket) return;
    const onCreated = ({ unreadCount }: { unreadCount: number }) => setUnread(unreadCount);
    socket.on('notifications.created', onCreated);
    socket.on('notifications.read', onCreated);
    return () => {
      socket.off('notifications.created', onCreated);
      socket.off('notifications.read', onCreated);
    };
  }, [socket]);

  if (session.status === 'loading') return null;
  if (!session.user) {
    return (
      <p className="account-bar">
        <Link href={`/sign-in?next=${encodeURIComponent(pathname + search)}`}>{t('signIn')}</Link>
      </p>
    );
  }
  return (
    <p className="account-bar">
      <Link href="/account">{t('account')}</Link> ·{' '}
      <Link href="/notifications">
        {t('notificationsTitle')}
        {unread ? <span className="badge"> ({t('unreadCount', { count: unread })})</span> : null}
      </Link>
    </p>
  );
}
