import { useState, type FormEvent } from 'react';
import type { PostDto } from '@mep/api/realtime-events';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { send } from '../../api/client';
import { formatDateTime } from '../../i18n/dates';
import { forumMessages } from './messages';
import { PostActions } from './PostActions';
import { PostBody } from './PostBody';
import { PostHistory } from './PostHistory';
import { RoleBadge } from './RoleBadge';

interface PostViewProps {
  post: PostDto;
  canFlag: boolean;
  /** The signed-in reader wrote it: edit and delete are offered. */
  isOwn?: boolean;
  /** Moderators read the edit history. */
  showHistory?: boolean;
  onChanged?: (post: PostDto) => void;
}

/**
 * One post. Its HTML was sanitized by the server (scripts, handlers, javascript: URLs removed);
 * PostBody only sets directions and localizes document cards. The author's name is isolated (<bdi>)
 * so that it cannot reorder the date and dots around it.
 */
export function PostView({ post, canFlag, isOwn = false, showHistory = false, onChanged }: PostViewProps) {
  const t = useT(forumMessages);
  const { lang } = useLanguage();
  const [flagOpen, setFlagOpen] = useState(false);
  const [flagStatus, setFlagStatus] = useState<string | null>(null);
  const headingId = `post-${post.id}-author`;

  async function flag(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '');
    try {
      await send('POST', `/api/posts/${post.id}/flags`, { reason });
      setFlagStatus(t('flagSent'));
      setFlagOpen(false);
    } catch (caught) {
      setFlagStatus(t('errorGeneric', { message: (caught as Error).message }));
    }
  }

  return (
    <article className="post" id={`post-${post.id}`} aria-labelledby={headingId} data-post-id={post.id}>
      <header className="post-meta">
        <bdi id={headingId} className="post-author">
          {post.author.displayName}
        </bdi>
        <RoleBadge user={post.author} /> ·{' '}
        <time dateTime={post.createdAt}>{formatDateTime(lang, post.createdAt)}</time>
        {post.editedAt ? <span> · {t('edited')}</span> : null}
      </header>
      {post.status === 'hidden' && !post.html ? <p className="hint">{t('hiddenPost')}</p> : null}
      {post.status === 'deleted' && !post.html ? <p className="hint">{t('deletedPost')}</p> : null}
      {post.html ? <PostBody html={post.html} /> : null}
      {isOwn && post.status === 'visible' && onChanged ? <PostActions post={post} onChanged={onChanged} /> : null}
      {showHistory && (post.editedAt || post.status !== 'visible') ? <PostHistory postId={post.id} /> : null}
      {canFlag && post.status === 'visible' ? (
        <div className="post-actions">
          <button type="button" className="link-button" aria-expanded={flagOpen} onClick={() => setFlagOpen((open) => !open)}>
            {t('flag')}
          </button>
          {flagOpen ? (
            <form className="stack-form" onSubmit={flag}>
              <label htmlFor={`flag-${post.id}`}>{t('flagReason')}</label>
              <input id={`flag-${post.id}`} name="reason" required minLength={3} maxLength={1000} />
              <button type="submit" className="button">
                {t('sendFlag')}
              </button>
            </form>
          ) : null}
          {flagStatus ? <p role="status">{flagStatus}</p> : null}
        </div>
      ) : null}
    </article>
  );
}
