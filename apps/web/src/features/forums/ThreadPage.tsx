import './forums.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PostDto, ThreadDto } from '@mep/api/realtime-events';
import { ApiError, fetchJson } from '../../api/client';
import { useApi } from '../../api/useApi';
import type { PageProps } from '../../app/routeTypes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { isModerator, useSession } from '../account/session';
import { send } from '../../api/client';
import { UnverifiedNotice } from '../account/UnverifiedNotice';
import { Composer } from './Composer';
import { fillMessage } from '../../i18n/bidi';
import { FollowButton } from './FollowButton';
import { ThreadModerationControls } from '../moderation/ThreadModerationControls';
import { LinkedDocuments } from './LinkedDocuments';
import { forumMessages } from './messages';
import { PostView } from './PostView';
import { useForumSocket } from './socket';

/** Posts keyed by their ever-increasing id: live events, re-fetches and our own answers merge without duplicates. */
function mergePosts(current: ReadonlyMap<number, PostDto>, incoming: PostDto[]): Map<number, PostDto> {
  const next = new Map(current);
  for (const post of incoming) next.set(post.id, post);
  return next;
}

const TYPING_SHOWN_MS = 3000;

/** A thread with live updates: new posts are announced politely to screen readers, never shown twice. */
export default function ThreadPage({ params }: PageProps) {
  const threadId = Number(params.threadId);
  const t = useT(forumMessages);
  const session = useSession();
  const socket = useForumSocket();
  const threadState = useApi<{ thread: ThreadDto }>(Number.isInteger(threadId) && threadId > 0 ? `/api/threads/${threadId}` : null);
  const [thread, setThread] = useState<ThreadDto | null>(null);
  const [posts, setPosts] = useState<Map<number, PostDto>>(new Map());
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [postsLoaded, setPostsLoaded] = useState(false);
  const [announcements, setAnnouncements] = useState<Array<{ id: number; text: string }>>([]);
  const [presence, setPresence] = useState<number | null>(null);
  const [typing, setTyping] = useState<string | null>(null);
  const lastId = useRef(0);
  const lastTypingSent = useRef(0);

  useEffect(() => {
    if (threadState.state.data) setThread(threadState.state.data.thread);
  }, [threadState.state.data]);
  useDocumentTitle(thread?.title ?? null);

  const addPosts = useCallback((incoming: PostDto[]) => {
    if (!incoming.length) return;
    lastId.current = Math.max(lastId.current, ...incoming.map((p) => p.id));
    setPosts((current) => mergePosts(current, incoming));
  }, []);

  /** Loads the posts after the newest one we hold (all of them the first time). */
  const refetch = useCallback(async () => {
    try {
      const body = await fetchJson<{ posts: PostDto[] }>(`/api/threads/${threadId}/posts?after=${lastId.current}&limit=500`);
      addPosts(body.posts);
      setLoadError(null);
    } catch (error) {
      if (error instanceof ApiError) setLoadError(error);
    }
    setPostsLoaded(true);
  }, [threadId, addPosts]);

  useEffect(() => {
    lastId.current = 0;
    setPosts(new Map());
    void refetch();
  }, [refetch]);

  useEffect(() => {
    if (!socket) return;
    const join = () => {
      socket.emit('threads.join', { threadId }, (ack) => {
        if (ack.ok) setPresence(ack.presence);
      });
    };
    const onConnect = () => {
      // A recovered connection got the missed events replayed; otherwise rejoin and re-fetch.
      if (socket.recovered) return;
      join();
      void refetch();
    };
    const onCreated = ({ post }: { post: PostDto }) => {
      if (post.threadId !== threadId) return;
      setPosts((current) => {
        if (!current.has(post.id)) setAnnouncements((list) => [...list.slice(-2), { id: post.id, text: t('newPostAnnounce', { name: post.author.displayName }) }]);
        return mergePosts(current, [post]);
      });
      lastId.current = Math.max(lastId.current, post.id);
    };
    const onUpdated = ({ post }: { post: PostDto }) => {
      if (post.threadId === threadId) setPosts((current) => mergePosts(current, [post]));
    };
    const onThread = ({ thread: updated }: { thread: ThreadDto }) => {
      if (updated.id === threadId) setThread((current) => ({ ...updated, following: current?.following ?? updated.following }));
    };
    const onPresence = ({ threadId: id, count }: { threadId: number; count: number }) => {
      if (id === threadId) setPresence(count);
    };
    let typingTimer: ReturnType<typeof setTimeout> | undefined;
    const onTyping = ({ threadId: id, user }: { threadId: number; user: { displayName: string } }) => {
      if (id !== threadId) return;
      setTyping(user.displayName);
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => setTyping(null), TYPING_SHOWN_MS);
    };
    socket.on('connect', onConnect);
    socket.on('posts.created', onCreated);
    socket.on('posts.updated', onUpdated);
    socket.on('threads.updated', onThread);
    socket.on('presence.count', onPresence);
    socket.on('typing', onTyping);
    if (socket.connected) join();
    return () => {
      clearTimeout(typingTimer);
      socket.off('connect', onConnect);
      socket.off('posts.created', onCreated);
      socket.off('posts.updated', onUpdated);
      socket.off('threads.updated', onThread);
      socket.off('presence.count', onPresence);
      socket.off('typing', onTyping);
      socket.emit('threads.leave', { threadId }, () => undefined);
    };
  }, [socket, threadId, refetch, t]);

  const announceTyping = () => {
    const now = Date.now();
    if (!socket || now - lastTypingSent.current < 2000) return;
    lastTypingSent.current = now;
    socket.emit('typing', { threadId }, () => undefined);
  };

  async function reply(body: string, _title: string | undefined, idempotencyKey: string) {
    const result = await send<{ post: PostDto }>('POST', `/api/threads/${threadId}/posts`, { body }, { idempotencyKey });
    addPosts([result.post]);
  }


  if (threadState.state.status === 'error') return <ErrorPanel error={threadState.state.error} onRetry={threadState.retry} />;
  if (!thread) return <Loading />;
  const ordered = [...posts.values()].sort((a, b) => a.id - b.id);
  return (
    <div className="page thread-page">
      <p>
        <Link href={`/forums/${encodeURIComponent(thread.forumId)}`}>{t('threadsHeading')}</Link>
      </p>
      <PageHeading>
        <bdi>{thread.title}</bdi>
      </PageHeading>
      <p className="hint">
        {thread.pinned ? <span className="tag">{t('pinned')}</span> : null} {presence ? t('viewers', { count: presence }) : null}
      </p>
      {thread.locked ? <p className="hint">{t('locked')}</p> : null}
      <FollowButton url={`/api/threads/${threadId}/follow`} initial={thread.following} />
      {isModerator(session.user) ? (
        <ThreadModerationControls thread={thread} onChanged={(updated) => setThread((current) => ({ ...updated, following: current?.following ?? updated.following }))} />
      ) : null}
      <LinkedDocuments documentIds={thread.documentIds} posts={posts.values()} postsLoaded={postsLoaded} />
      <section aria-labelledby="posts-heading">
        <h2 id="posts-heading">{t('postsHeading')}</h2>
        {loadError ? <ErrorPanel error={loadError} onRetry={() => void refetch()} /> : null}
        <div className="post-list">
          {ordered.map((post) => (
            <PostView
              key={post.id}
              post={post}
              canFlag={Boolean(session.user) && session.user?.id !== post.author.id}
              isOwn={Boolean(session.user) && session.user?.id === post.author.id}
              showHistory={isModerator(session.user)}
              onChanged={(changed) => addPosts([changed])}
            />
          ))}
        </div>
      </section>
      <div className="visually-hidden" aria-live="polite" aria-relevant="additions" data-testid="live-announcements">
        {announcements.map((a) => (
          <p key={a.id}>{a.text}</p>
        ))}
      </div>
      <p className="hint" aria-live="off">
        {typing ? fillMessage(t('typing'), { name: <bdi>{typing}</bdi> }) : '\u00a0'}
      </p>
      <section aria-labelledby="reply-heading">
        <h2 id="reply-heading">{t('replyHeading')}</h2>
        {!session.user ? (
          <p>
            <Link href={`/sign-in?next=${encodeURIComponent(`/forums/threads/${threadId}`)}`}>{t('signInToPost')}</Link>
          </p>
        ) : !session.user.emailVerified ? (
          <UnverifiedNotice />
        ) : thread.locked && !isModerator(session.user) ? null : (
          <Composer submitLabel={t('postReply')} onSubmit={reply} onTyping={announceTyping} />
        )}
      </section>
    </div>
  );
}
