import '../forums/forums.css';
import { useEffect, useRef, useState } from 'react';
import type { AuditEntryDto, AuditLogPage, FlagDto, FlagStatus, ThreadDto } from '@mep/api/contracts';
import { fetchJson } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT, type TranslateFn } from '../../i18n/LanguageProvider';
import { navigate } from '../../router/history';
import { Link, useLocation } from '../../router/Router';
import { isModerator, useSession } from '../account/session';
import { send } from '../../api/client';
import { fillMessage } from '../../i18n/bidi';
import { formatDateTime } from '../../i18n/dates';
import { ACTION_KEYS } from './auditActions';
import { AuditTableHead } from './AuditTableHead';
import { moderationMessages, type ModerationKey } from './messages';
import { ThreadModerationControls } from './ThreadModerationControls';

export const FLAG_STATUSES = ['open', 'resolved', 'dismissed'] as const satisfies readonly FlagStatus[];

const AUDIT_PAGE = 50;

/** The thread of a flagged post, with lock / pin controls. */
function FlagThread({ threadId }: { threadId: number }) {
  const t = useT(moderationMessages);
  const { state } = useApi<{ thread: ThreadDto }>(`/api/threads/${threadId}`);
  const [thread, setThread] = useState<ThreadDto | null>(null);
  useEffect(() => {
    if (state.data) setThread(state.data.thread);
  }, [state.data]);
  if (!thread) return null;
  const states = [thread.locked ? t('threadState_locked') : null, thread.pinned ? t('threadState_pinned') : null].filter(Boolean);
  return (
    <div className="flag-thread">
      <p>
        {t('threadControls', { title: thread.title })}
        {states.length ? ` (${states.join(', ')})` : ''}
      </p>
      <ThreadModerationControls thread={thread} onChanged={setThread} />
    </div>
  );
}

function FlagItem({ flag, onDone }: { flag: FlagDto; onDone: (message: string) => void }) {
  const t = useT(moderationMessages);
  const { lang } = useLanguage();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const post = flag.post;
  const headingId = `flag-${flag.id}-heading`;

  async function act(method: 'POST', url: string, body: unknown, done: ModerationKey) {
    if (busy) return;
    setBusy(true);
    try {
      await send(method, url, body);
      setStatus('');
      onDone(t(done));
    } catch (caught) {
      setStatus(t('actionFailed', { message: (caught as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="flag" aria-labelledby={headingId}>
      <h3 id={headingId} className="flag-heading">
        {post ? fillMessage(t('postBy'), { name: <bdi>{post.author.displayName}</bdi> }) : t('postNotAvailable')}
      </h3>
      <p className="hint">
        {fillMessage(t('reportedBy'), { name: <bdi>{flag.reporter?.displayName ?? t('deletedUser')}</bdi>, date: <time dateTime={flag.createdAt}>{formatDateTime(lang, flag.createdAt)}</time> })}
      </p>
      <dl className="flag-reason">
        <dt>{t('reason')}</dt>
        <dd dir="auto">{flag.reason}</dd>
      </dl>
      {post ? (
        <>
          <p className="hint">
            {t('postStatus', { status: t(`postStatus_${post.status}`) })} ·{' '}
            <Link href={`/forums/threads/${post.threadId}#post-${post.id}`}>{t('viewInThread')}</Link>
          </p>
          {post.html ? <blockquote className="post-body flag-post" dir="auto" dangerouslySetInnerHTML={{ __html: post.html }} /> : null}
        </>
      ) : null}
      <div className="moderation-actions">
        {flag.status === 'open' ? (
          <>
            <button type="button" className="button" aria-disabled={busy} onClick={() => void act('POST', `/api/moderation/flags/${flag.id}/resolve`, { action: 'hide' }, 'doneHidden')}>
              {t('hidePost')}
            </button>
            <button type="button" className="button" aria-disabled={busy} onClick={() => void act('POST', `/api/moderation/flags/${flag.id}/resolve`, { action: 'dismiss' }, 'doneDismissed')}>
              {t('dismiss')}
            </button>
          </>
        ) : post && post.status === 'visible' ? (
          <button type="button" className="button" aria-disabled={busy} onClick={() => void act('POST', `/api/posts/${post.id}/hide`, { reason: flag.reason }, 'doneHiddenDirect')}>
            {t('hidePost')}
          </button>
        ) : post ? (
          <button type="button" className="button" aria-disabled={busy} onClick={() => void act('POST', `/api/posts/${post.id}/restore`, {}, 'doneRestored')}>
            {t('restorePost')}
          </button>
        ) : null}
      </div>
      <p role="status" className="moderation-status">
        {status}
      </p>
      {post ? <FlagThread threadId={post.threadId} /> : null}
    </li>
  );
}

function FlagQueue({ status, onAction }: { status: FlagStatus; onAction: () => void }) {
  const t = useT(moderationMessages);
  const { search } = useLocation();
  const { state, retry } = useApi<{ flags: FlagDto[] }>(`/api/moderation/flags?status=${status}`);
  const [done, setDone] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  function choose(next: string) {
    const params = new URLSearchParams(search);
    if (next === 'open') params.delete('status');
    else params.set('status', next);
    const query = params.toString();
    navigate(`/moderation${query ? `?${query}` : ''}`, { replace: true });
  }

  return (
    <section aria-labelledby="queue-heading" className="moderation-queue">
      <h2 id="queue-heading" ref={heading} tabIndex={-1}>
        {t('queueHeading')}
      </h2>
      <p role="status" className="moderation-status">
        {done}
      </p>
      <div className="flag-filter">
        <label htmlFor="flag-status">{t('statusFilter')}</label>{' '}
        <select id="flag-status" value={status} onChange={(event) => choose(event.target.value)}>
          {FLAG_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`status_${value}`)}
            </option>
          ))}
        </select>
      </div>
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : null}
      {!state.data && state.status === 'loading' ? <Loading /> : null}
      {state.data ? (
        <>
          <p className="hint">{t('flagCount', { count: state.data.flags.length })}</p>
          {state.data.flags.length === 0 ? (
            <p>{t('noFlags')}</p>
          ) : (
            <ul className="flag-list">
              {state.data.flags.map((flag) => (
                <FlagItem
                  key={flag.id}
                  flag={flag}
                  onDone={(message) => {
                    // The flag may leave this list: say what happened and keep focus in the queue.
                    setDone(message);
                    heading.current?.focus();
                    retry();
                    onAction();
                  }}
                />
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}


function AuditTarget({ entry }: { entry: AuditEntryDto }) {
  const t = useT(moderationMessages);
  const id = entry.targetId;
  switch (entry.targetType) {
    case 'thread':
      return <Link href={`/forums/threads/${encodeURIComponent(id)}`}>{t('target_thread', { id })}</Link>;
    case 'forum':
      return <Link href={`/forums/${encodeURIComponent(id)}`}>{t('target_forum', { id })}</Link>;
    case 'post':
      return <>{t('target_post', { id })}</>;
    case 'flag':
      return <>{t('target_flag', { id })}</>;
    case 'user':
      return <>{t('target_user')}</>;
    default:
      return <>{`${entry.targetType} ${id}`}</>;
  }
}

function auditDetails(t: TranslateFn<ModerationKey>, details: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof details.reason === 'string' && details.reason) parts.push(t('detailReason', { reason: details.reason }));
  if (typeof details.postId === 'number') parts.push(t('detailPost', { id: details.postId }));
  if (typeof details.role === 'string') parts.push(t('detailRole', { role: details.role }));
  return parts.join(' · ');
}

function AuditLog() {
  const t = useT(moderationMessages);
  const { lang } = useLanguage();
  const { state, retry } = useApi<AuditLogPage>(`/api/moderation/audit?limit=${AUDIT_PAGE}`);
  const [older, setOlder] = useState<AuditEntryDto[]>([]);
  const [olderError, setOlderError] = useState<string | null>(null);
  const entries = [...(state.data?.entries ?? []), ...older];
  const total = state.data?.total ?? 0;

  async function loadOlder() {
    const last = entries[entries.length - 1];
    if (!last) return;
    try {
      const body = await fetchJson<{ entries: AuditEntryDto[] }>(`/api/moderation/audit?limit=${AUDIT_PAGE}&before=${last.id}`);
      setOlder((list) => [...list, ...body.entries]);
      setOlderError(null);
    } catch (caught) {
      setOlderError(t('actionFailed', { message: (caught as Error).message }));
    }
  }

  return (
    <section aria-labelledby="audit-heading" className="audit-log">
      <h2 id="audit-heading">{t('auditHeading')}</h2>
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : null}
      {!state.data && state.status === 'loading' ? <Loading /> : null}
      {state.data && entries.length === 0 ? <p>{t('noAudit')}</p> : null}
      {entries.length > 0 ? (
        <div className="table-scroll" role="group" aria-labelledby="audit-heading" tabIndex={0}>
          <table className="audit-table">
            <caption>{t('auditCaption', { count: total })}</caption>
            <AuditTableHead />
            <tbody>
              {entries.map((entry) => {
                const key = ACTION_KEYS[entry.action];
                return (
                  <tr key={entry.id}>
                    <td>
                      <time dateTime={entry.createdAt}>{formatDateTime(lang, entry.createdAt)}</time>
                    </td>
                    <td>
                      <bdi>{entry.actor?.displayName ?? t('system')}</bdi>
                    </td>
                    <td>{key ? t(key) : entry.action}</td>
                    <td>
                      <AuditTarget entry={entry} />
                    </td>
                    <td>{auditDetails(t, entry.details)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {entries.length > 0 && entries.length < total ? (
        <button type="button" className="button" onClick={() => void loadOlder()}>
          {t('loadOlder')}
        </button>
      ) : null}
      {olderError ? <p role="alert">{olderError}</p> : null}
    </section>
  );
}

/** The moderators' page: the reports queue (hide, dismiss, restore; lock, pin the thread) and the audit log. */
export default function ModerationPage() {
  const t = useT(moderationMessages);
  const session = useSession();
  const { search } = useLocation();
  const requested = new URLSearchParams(search).get('status');
  const status: FlagStatus = FLAG_STATUSES.find((s) => s === requested) ?? 'open';
  // The audit log lists every decision: re-read it after each action by keying it on a counter.
  const [auditVersion, setAuditVersion] = useState(0);
  useDocumentTitle(t('title'));

  if (session.status === 'loading') return <Loading />;
  if (!session.user || !isModerator(session.user)) {
    return (
      <div className="page moderation-page">
        <PageHeading>{t('title')}</PageHeading>
        {session.user ? (
          <p>{t('notAllowed')}</p>
        ) : (
          <p>
            <Link href={`/sign-in?next=${encodeURIComponent(`/moderation${search}`)}`}>{t('signInRequired')}</Link>
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="page moderation-page">
      <PageHeading>{t('title')}</PageHeading>
      <p className="hint">{t('intro')}</p>
      <FlagQueue status={status} onAction={() => setAuditVersion((n) => n + 1)} />
      <AuditLog key={auditVersion} />
    </div>
  );
}
