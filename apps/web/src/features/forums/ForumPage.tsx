import './forums.css';
import { useEffect, useState } from 'react';
import type { ForumDto, ThreadDto } from '@mep/api/realtime-events';
import { useApi } from '../../api/useApi';
import type { PageProps } from '../../app/routeTypes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { navigate } from '../../router/history';
import { Link } from '../../router/Router';
import { useSession } from '../account/session';
import { send } from '../../api/client';
import { UnverifiedNotice } from '../account/UnverifiedNotice';
import { Composer } from './Composer';
import { FollowButton } from './FollowButton';
import { fillMessage } from '../../i18n/bidi';
import { formatDateTime } from '../../i18n/dates';
import { forumTitle } from './format';
import { forumMessages } from './messages';
import { RoleBadge } from './RoleBadge';
import { useForumSocket } from './socket';

/** A forum: its threads (pinned first, live additions) and the form to start one. */
export default function ForumPage({ params }: PageProps) {
  const forumId = params.forumId ?? '';
  const t = useT(forumMessages);
  const { lang } = useLanguage();
  const session = useSession();
  const socket = useForumSocket();
  const forum = useApi<{ forum: ForumDto }>(`/api/forums/${encodeURIComponent(forumId)}`);
  const list = useApi<{ threads: ThreadDto[]; total: number }>(`/api/forums/${encodeURIComponent(forumId)}/threads?pageSize=50`);
  const [live, setLive] = useState<ThreadDto[]>([]);
  const title = forum.state.data ? forumTitle(forum.state.data.forum.title, lang) : null;
  useDocumentTitle(title);

  useEffect(() => {
    if (!socket) return;
    const join = () => void socket.emit('forums.join', { forumId }, () => undefined);
    const onThread = ({ thread }: { thread: ThreadDto }) => {
      if (thread.forumId === forumId) setLive((previous) => [thread, ...previous.filter((t) => t.id !== thread.id)]);
    };
    socket.on('connect', join);
    socket.on('threads.created', onThread);
    socket.on('threads.updated', onThread);
    if (socket.connected) join();
    return () => {
      socket.off('connect', join);
      socket.off('threads.created', onThread);
      socket.off('threads.updated', onThread);
      socket.emit('forums.leave', { forumId }, () => undefined);
    };
  }, [socket, forumId]);

  const loaded = list.state.data?.threads ?? [];
  const threads = [...live, ...loaded.filter((thread) => !live.some((l) => l.id === thread.id))].sort(
    (a, b) => Number(b.pinned) - Number(a.pinned) || b.lastPostAt.localeCompare(a.lastPostAt),
  );


  async function startThread(body: string, threadTitle: string | undefined, idempotencyKey: string) {
    const result = await send<{ thread: ThreadDto }>('POST', `/api/forums/${encodeURIComponent(forumId)}/threads`, { title: threadTitle ?? '', body, concepts: forum.state.data?.forum.conceptId ? [forum.state.data.forum.conceptId] : [], documentIds: [] }, { idempotencyKey });
    navigate(`/forums/threads/${result.thread.id}`);
  }

  if (forum.state.status === 'error') return <ErrorPanel error={forum.state.error} onRetry={forum.retry} />;
  if (!forum.state.data) return <Loading />;
  return (
    <div className="page forum-page">
      <p>
        <Link href="/forums">{t('allForums')}</Link>
      </p>
      <PageHeading>{title}</PageHeading>
      <FollowButton url={`/api/forums/${encodeURIComponent(forumId)}/follow`} initial={forum.state.data.forum.following} />
      <section aria-labelledby="threads-heading">
        <h2 id="threads-heading">{t('threadsHeading')}</h2>
        {list.state.status === 'error' ? <ErrorPanel error={list.state.error} onRetry={list.retry} /> : null}
        {list.state.status === 'loading' && !list.state.data ? <Loading /> : null}
        {list.state.data && threads.length === 0 ? <p>{t('noThreads')}</p> : null}
        <ul className="thread-list">
          {threads.map((thread) => (
            <li key={thread.id}>
              <Link href={`/forums/threads/${thread.id}`} dir="auto">
                {thread.title}
              </Link>
              {thread.pinned ? <span className="tag">{t('pinned')}</span> : null}{' '}
              <span className="hint">
                {fillMessage(t('byAuthor'), { name: <bdi>{thread.author.displayName}</bdi> })} <RoleBadge user={thread.author} /> · {t('postCount', { count: thread.postCount })} ·{' '}
                <time dateTime={thread.lastPostAt}>{formatDateTime(lang, thread.lastPostAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="new-thread-heading">
        <h2 id="new-thread-heading">{t('newThread')}</h2>
        {session.user && !session.user.emailVerified ? (
          <UnverifiedNotice />
        ) : session.user ? (
          <Composer withTitle submitLabel={t('publishThread')} onSubmit={startThread} />
        ) : (
          <p>
            <Link href={`/sign-in?next=${encodeURIComponent(`/forums/${forumId}`)}`}>{t('signInToPost')}</Link>
          </p>
        )}
      </section>
    </div>
  );
}
