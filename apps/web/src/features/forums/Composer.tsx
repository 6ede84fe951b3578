import { useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/LanguageProvider';
import { ApiError, newIdempotencyKey, send } from '../../api/client';
import { forumMessages } from './messages';
import { PostBody } from './PostBody';

interface ComposerProps {
  /**
   * Submits the Markdown (and the title field's value, when there is one); rejects to keep the text. The
   * idempotency key names this draft: a retry of the same draft (after a failure) sends the same key, so a
   * post that did reach the server is never posted twice.
   */
  onSubmit(body: string, title: string | undefined, idempotencyKey: string): Promise<void>;
  submitLabel: string;
  withTitle?: boolean;
  onTyping?: () => void;
  /** Text to start from: a post being edited, or a link to the document being discussed. */
  initialBody?: string;
  initialTitle?: string;
}

/** Markdown editor with a server-rendered preview (exactly what the post will look like). */
export function Composer({ onSubmit, submitLabel, withTitle, onTyping, initialBody = '', initialTitle = '' }: ComposerProps) {
  const t = useT(forumMessages);
  const id = useId();
  const [body, setBody] = useState(initialBody);
  const [title, setTitle] = useState(initialTitle);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [previewHtml, setPreviewHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const draftKey = useRef<string | null>(null);

  async function showPreview() {
    setMode('preview');
    setPreviewHtml(null);
    try {
      const result = await send<{ html: string }>('POST', '/api/markdown/preview', { body });
      setPreviewHtml(result.html);
    } catch (caught) {
      setError(t('errorGeneric', { message: (caught as Error).message }));
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      draftKey.current ??= newIdempotencyKey();
      await onSubmit(body, withTitle ? title : undefined, draftKey.current);
      draftKey.current = null;
      setBody('');
      setTitle('');
      setMode('write');
    } catch (caught) {
      const rateLimited = caught instanceof ApiError && caught.code === 'rate_limited';
      setError(rateLimited ? t('rateLimited') : t('errorGeneric', { message: (caught as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="composer stack-form" onSubmit={submit}>
      {error ? (
        <p className="error-panel" role="alert">
          {error}
        </p>
      ) : null}
      {withTitle ? (
        <p>
          <label htmlFor={`${id}-title`}>{t('threadTitle')}</label>
          <input id={`${id}-title`} dir="auto" value={title} onChange={(e) => setTitle(e.target.value)} required minLength={3} maxLength={200} />
        </p>
      ) : null}
      <div className="composer-tabs" role="group" aria-label={`${t('write')} / ${t('preview')}`}>
        <button type="button" className="button" aria-pressed={mode === 'write'} onClick={() => setMode('write')}>
          {t('write')}
        </button>
        <button type="button" className="button" aria-pressed={mode === 'preview'} onClick={() => void showPreview()} disabled={!body.trim()}>
          {t('preview')}
        </button>
      </div>
      {mode === 'write' ? (
        <p>
          <label htmlFor={`${id}-body`}>{t('body')}</label>
          <textarea
            id={`${id}-body`}
            dir="auto"
            value={body}
            rows={6}
            required
            maxLength={20000}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              setBody(e.target.value);
              onTyping?.();
            }}
          />
          <span id={`${id}-hint`} className="hint">
            {t('bodyHint')}
          </span>
        </p>
      ) : (
        <div className="post-body preview" aria-live="polite">
          {previewHtml === null ? <p>{t('previewEmpty')}</p> : <PostBody html={previewHtml} className="preview-body" />}
        </div>
      )}
      <p>
        <button type="submit" className="button button-primary" disabled={busy || !body.trim()}>
          {submitLabel}
        </button>
      </p>
    </form>
  );
}
