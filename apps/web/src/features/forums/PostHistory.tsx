import { useState } from 'react';
import type { PostHistoryResponse } from '@mep/api/contracts';
import { fetchJson, type ApiError } from '../../api/client';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { fillMessage } from '../../i18n/bidi';
import { formatDateTime } from '../../i18n/dates';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import type { PostKey } from './postMessages';
import { postMessages } from './postMessages';

const EVENT_KEYS: Record<string, PostKey> = {
  'post.delete': 'eventPostDelete',
  'post.hide': 'eventPostHide',
  'post.restore': 'eventPostRestore',
  'post.edit': 'eventPostEdit',
};

/**
 * A post's edit history for moderators: every earlier version (its Markdown, as written) and the
 * deletions, hides and restores, newest first. Loaded only when opened.
 */
export function PostHistory({ postId }: { postId: number }) {
  const t = useT(postMessages);
  const { lang } = useLanguage();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<{ data?: PostHistoryResponse; error?: ApiError; loading: boolean }>({ loading: false });
  const regionId = `post-${postId}-history`;

  async function load() {
    setState({ loading: true });
    try {
      setState({ loading: false, data: await fetchJson<PostHistoryResponse>(`/api/posts/${postId}/history`) });
    } catch (error) {
      setState({ loading: false, error: error as ApiError });
    }
  }

  function toggle() {
    if (!open && !state.data) void load();
    setOpen(!open);
  }

  const who = (name: string | undefined) => <bdi>{name ?? t('unknownUser')}</bdi>;
  const when = (iso: string) => <time dateTime={iso}>{formatDateTime(lang, iso)}</time>;
  return (
    <div className="post-history">
      <button type="button" className="link-button" aria-expanded={open} aria-controls={regionId} onClick={toggle}>
        {t('showHistory')}
      </button>
      {/* Not a landmark: a thread has many posts, and landmarks need unique names. */}
      <div id={regionId} hidden={!open}>
        <p className="visually-hidden">{t('historyHeading')}</p>
        {state.loading ? <Loading /> : null}
        {state.error ? <ErrorPanel error={state.error} onRetry={() => void load()} /> : null}
        {state.data ? (
          <>
            {state.data.events.length > 0 ? (
              <ul className="post-events">
                {state.data.events.map((event, index) => (
                  <li key={index}>
                    {fillMessage(t(EVENT_KEYS[event.action] ?? 'eventOther', { action: event.action }), { date: when(event.createdAt), name: who(event.actor?.displayName) })}
                    {event.reason ? <q dir="auto"> {event.reason}</q> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {state.data.revisions.length === 0 ? <p className="hint">{t('historyEmpty')}</p> : null}
            <ol className="post-revisions">
              {state.data.revisions.map((revision) => (
                <li key={revision.id}>
                  <p className="hint">{fillMessage(t('versionReplaced'), { date: when(revision.createdAt), name: who(revision.editor?.displayName) })}</p>
                  <pre className="revision-body" dir="auto">
                    {revision.body}
                  </pre>
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
    </div>
  );
}
