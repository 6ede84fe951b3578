import { useEffect, useState } from 'react';
import { fetchJson } from '../api/client';
import { useSession } from '../features/account/session';
import { useT } from '../i18n/LanguageProvider';
import { Link, useLocation } from '../router/Router';
import { commonMessages } from './messages';

/**
 * The header's account links on every page: Sign in and Register for visitors; the account and the
 * notifications with their unread count for members. The count is read over HTTP on each page and
 * kept live over Socket.IO, whose code loads only for signed-in readers.
 */
export function HeaderAccount() {
  const t = useT(commonMessages);
  const session = useSession();
  const { pathname, search, hash } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const userId = session.user?.id ?? null;

  useEffect(() => {
    if (!userId) {
      setUnread(null);
      return;
    }
    const controller = new AbortController();
    // The badge is a hint: when the count cannot be read, it is simply not shown.
    fetchJson<{ unreadCount: number }>('/api/notifications/unread-count', { signal: controller.signal }).then(
      (body) => setUnread(body.unreadCount),
      () => undefined,
    );
    return () => controller.abort();
  }, [userId, pathname]);

  useEffect(() => {
    if (!userId) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('../features/forums/socket').then(
      ({ watchUnreadCount }) => {
        if (!cancelled) stop = watchUnreadCount(userId, setUnread);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [userId]);

  if (session.status === 'loading') return null;
  // Back to the very place after signing in or registering, the page of a document included.
  const here = encodeURIComponent(pathname + search + hash);
  const onAuthPage = pathname === '/sign-in' || pathname === '/register';
  return (
    <nav className="account-nav" aria-label={t('accountNav')}>
      <ul>
        {session.user ? (
          <>
            <li>
              <Link href="/account" aria-current={pathname === '/account' ? 'page' : undefined}>
                {t('navAccount')}
              </Link>
            </li>
            <li>
              <Link href="/notifications" aria-current={pathname === '/notifications' ? 'page' : undefined}>
                {t('navNotifications')}
                {unread ? <span className="badge">{t('unreadBadge', { count: unread })}</span> : null}
              </Link>
            </li>
          </>
        ) : (
          <>
            <li>
              <Link href={onAuthPage ? '/sign-in' : `/sign-in?next=${here}`} aria-current={pathname === '/sign-in' ? 'page' : undefined}>
                {t('navSignIn')}
              </Link>
            </li>
            <li>
              <Link href={onAuthPage ? '/register' : `/register?next=${here}`} aria-current={pathname === '/register' ? 'page' : undefined}>
                {t('navRegister')}
              </Link>
            </li>
          </>
        )}
      </ul>
    </nav>
  );
}
