import { useState } from 'react';
import type { PostDto } from '@mep/api/realtime-events';
import { ApiError, fetchJson, send } from '../../api/client';
import { useT } from '../../i18n/LanguageProvider';
import { Composer } from './Composer';
import { forumMessages } from './messages';
import { postMessages } from './postMessages';

/**
 * The author's own controls: edit (the Markdown source comes with the post for its author) and
 * delete, with a confirmation step in the page rather than a browser dialog.
 */
export function PostActions({ post, onChanged }: { post: PostDto; onChanged: (post: PostDto) => void }) {
  const t = useT(postMessages);
  const tf = useT(forumMessages);
  const [mode, setMode] = useState<'idle' | 'edit' | 'confirm-delete'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [source, setSource] = useState('');

  /** Live updates carry no Markdown source (they go to the whole room): read it fresh for the author. */
  async function startEdit() {
    setError(null);
    try {
      const fresh = post.body !== undefined ? post : (await fetchJson<{ post: PostDto }>(`/api/posts/${post.id}`)).post;
      setSource(fresh.body ?? '');
      setMode('edit');
    } catch (caught) {
      setError(tf('errorGeneric', { message: caught instanceof ApiError ? caught.message : String(caught) }));
    }
  }

  async function save(body: string) {
    const result = await send<{ post: PostDto }>('PATCH', `/api/posts/${post.id}`, { body });
    onChanged(result.post);
    setMode('idle');
  }

  async function remove() {
    setError(null);
    try {
      const result = await send<{ post: PostDto }>('DELETE', `/api/posts/${post.id}`);
      onChanged(result.post);
      setMode('idle');
    } catch (caught) {
      setError(tf('errorGeneric', { message: caught instanceof ApiError ? caught.message : String(caught) }));
    }
  }

  if (mode === 'edit') {
    return (
      <div className="post-edit">
        <Composer initialBody={source} submitLabel={t('saveEdit')} onSubmit={save} />
        <button type="button" className="link-button" onClick={() => setMode('idle')}>
          {t('cancel')}
        </button>
      </div>
    );
  }
  return (
    <div className="post-actions">
      {mode === 'confirm-delete' ? (
        <div role="group" aria-label={t('deletePost')} className="confirm-delete">
          <p>{t('confirmDelete')}</p>
          <button type="button" className="button" onClick={() => void remove()}>
            {t('confirmDeleteYes')}
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setMode('idle')}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <>
          <button type="button" className="link-button" onClick={() => void startEdit()}>
            {t('editPost')}
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setMode('confirm-delete')}>
            {t('deletePost')}
          </button>
        </>
      )}
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
