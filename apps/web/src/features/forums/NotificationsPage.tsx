import './forums.css';
import { useState } from 'react';
import type { NotificationDto } from '@mep/api/realtime-events';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { useSession } from '../account/session';
import { send } from '../../api/client';
import { fillMessage } from '../../i18n/bidi';
import { formatDateTime } from '../../i18n/dates';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { followMessages } from '../follows/messages';
import { forumMessages } from './messages';

/** The signed-in user's notifications, newest first. */
export default function NotificationsPage() {
  const t = useT(forumMessages);
  const tf = useT(followMessages);
  const conceptLabel = useConceptLabel();
  const { lang } = useLanguage();
  useDocumentTitle(t('notificationsTitle'));
  const session = useSession();
  const { state, retry } = useApi<{ items: NotificationDto[]; unreadCount: number }>(session.user ? '/api/notifications?limit=50' : null);
  const [allRead, setAllRead] = useState(false);

  if (session.status === 'loading') return <Loading />;
  if (!session.user) {
    return (
      <div className="page">
        <PageHeading>{t('notificationsTitle')}</PageHeading>
        <Link href="/sign-in?next=%2Fnotifications">{t('signIn')}</Link>
      </div>
    );
  }
  const text = (n: NotificationDto) => {
    // No title: the thread is in a forum the reader has left, or was deleted. Names and titles are
    // the users' own text: isolated, so a Latin title keeps its quotes on the right side in Arabic.
    const nodes = { name: <bdi>{n.actor?.displayName ?? ''}</bdi>, title: <bdi>{n.threadTitle ?? t('threadUnavailable')}</bdi> };
    if (n.kind === 'concept.document' || n.kind === 'concept.thread') {
      const concept = <bdi>{n.conceptId ? conceptLabel(n.conceptId) : ''}</bdi>;
      const title = n.kind === 'concept.document' ? <bdi>{n.document?.title ?? tf('documentUnavailable')}</bdi> : nodes.title;
      return fillMessage(tf(n.kind === 'concept.document' ? 'notifConceptDocument' : 'notifConceptThread'), { concept, title });
    }
    if (n.kind === 'feedback.answered') return fillMessage(t('notifFeedbackAnswered'), { answer: <bdi>{n.threadTitle ?? ''}</bdi> });
    if (n.kind === 'document.reviewed' && n.document) {
      const doc = { title: <bdi>{n.document.title}</bdi>, reason: <bdi>{n.document.reason ?? ''}</bdi> };
      return fillMessage(t(n.document.decision === 'published' ? 'notifDocPublished' : n.document.decision === 'rejected' ? 'notifDocRejected' : 'notifDocWithdrawn'), doc);
    }
    const key = n.kind === 'thread.created' ? 'notifThreadCreated' : n.kind === 'post.hidden' ? 'notifPostHidden' : 'notifPostCreated';
    return fillMessage(t(key), nodes);
  };
  return (
    <div className="page notifications-page">
      <PageHeading>{t('notificationsTitle')}</PageHeading>
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : null}
      {state.status === 'loading' && !state.data ? <Loading /> : null}
      {state.data?.items.length ? (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => {
              void send('POST', '/api/notifications/read', { all: true }).then(() => setAllRead(true));
            }}
          >
            {t('markAllRead')}
          </button>
        </p>
      ) : null}
      {state.data && !state.data.items.length ? <p>{t('noNotifications')}</p> : null}
      <ul className="notification-list">
        {state.data?.items.map((n) => (
          <li key={n.id} className={n.read || allRead ? 'read' : 'unread'}>
            <Link href={n.document ? `/documents/${n.document.id}` : n.kind === 'feedback.answered' ? '/notifications' : n.threadId ? `/forums/threads/${n.threadId}${n.postId ? `#post-${n.postId}` : ''}` : '/forums'}>{text(n)}</Link>{' '}
            <time className="hint" dateTime={n.createdAt}>
              {formatDateTime(lang, n.createdAt)}
            </time>
          </li>
        ))}
      </ul>
    </div>
  );
}
