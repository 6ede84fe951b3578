import './workspace.css';
import { useEffect, useState, type FormEvent } from 'react';
import type { WorkspaceAuditResponse } from '@mep/api/contracts';
import { ApiError, fetchJson } from '../../api/client';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { formatDateTime } from '../../i18n/dates';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { isCurator, isModerator, useSession } from '../account/session';
import { ACTION_KEYS } from '../moderation/auditActions';
import { AuditTableHead } from '../moderation/AuditTableHead';
import { moderationMessages } from '../moderation/messages';
import { adminMessages, type AdminKey } from './adminMessages';
import { AdminLinks } from './AdminLinks';

type Entry = WorkspaceAuditResponse['entries'][number];

/** The action filter: a whole family (`document.` matches every document action) or one action. */
const ACTIONS: Array<[string, AdminKey]> = [
  ['', 'action_all'],
  ['document.', 'action_documents'],
  ['document.published', 'action_published'],
  ['tag.', 'action_tags'],
  ['post.', 'action_posts'],
  ['thread.', 'action_threads'],
  ['flag.', 'action_flags'],
  ['forum.', 'action_forums'],
  ['user.', 'action_users'],
  ['taxonomy.', 'action_taxonomy'],
];
const PAGE = 100;
/** Labels of the repository's actions; the forum's come from the moderation catalog (ACTION_KEYS). */
const REPOSITORY_ACTIONS: Record<string, AdminKey> = {
  'document.published': 'did_document_published',
  'document.rejected': 'did_document_rejected',
  'document.withdrawn': 'did_document_withdrawn',
  'document.edited': 'did_document_edited',
  'document.retagged': 'did_document_retagged',
  'document.uploaded': 'did_document_uploaded',
  'tag.confirmed': 'did_tag_confirmed',
  'tag.rejected': 'did_tag_rejected',
};

interface Filters {
  actor: string;
  action: string;
  documentId: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { actor: '', action: '', documentId: '', from: '', to: '' };

function queryOf(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value.trim());
  return params.toString();
}

function targetHref(entry: Entry): string | null {
  if (entry.targetType === 'document') return `/documents/${entry.targetId}`;
  if (entry.targetType === 'thread') return `/forums/threads/${entry.targetId}`;
  return null;
}

/** The audit log of curators', moderators' and administrators' actions: filters, CSV export, older pages. */
export default function AuditPage() {
  const t = useT(adminMessages);
  const tm = useT(moderationMessages);
  const { lang } = useLanguage();
  useDocumentTitle(t('auditTitle'));
  // An action without a label yet (say, a new taxonomy edit) shows its stable code.
  const actionLabel = (action: string) => (REPOSITORY_ACTIONS[action] ? t(REPOSITORY_ACTIONS[action]) : ACTION_KEYS[action] ? tm(ACTION_KEYS[action]) : action);
  const session = useSession();
  const [form, setForm] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState('');
  const allowed = isCurator(session.user) || isModerator(session.user);

  const load = async (filters: Filters, before?: number) => {
    setError(null);
    try {
      const query = queryOf(filters);
      const page = await fetchJson<WorkspaceAuditResponse>(`/api/workspace/audit?limit=${PAGE}${query ? `&${query}` : ''}${before ? `&before=${before}` : ''}`);
      setEntries((current) => (before && current ? [...current, ...page.entries] : page.entries));
      setMore(page.entries.length === PAGE);
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError('invalid', String(caught));
      if (apiError.status === 400) setNotice(t('badFilter', { message: apiError.message }));
      else setError(apiError);
    }
  };

  useEffect(() => {
    if (allowed) void load(NO_FILTERS);
    // Loads once the session says who is asking; later loads follow the form.
  }, [allowed]);

  if (session.status === 'loading') return <Loading />;
  if (!allowed) {
    return (
      <>
        <PageHeading>{t('auditTitle')}</PageHeading>
        <p>{t('auditNotAllowed')}</p>
      </>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    if (form.from && form.to && form.from > form.to) {
      setNotice(t('datesInverted'));
      return;
    }
    setApplied(form);
    void load(form);
  };
  const field = (key: keyof Filters) => ({ value: form[key], onChange: (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value }) });
  const csvQuery = queryOf(applied);

  return (
    <>
      <PageHeading>{t('auditTitle')}</PageHeading>
      <AdminLinks />
      <p>{t('auditIntro')}</p>
      <form className="audit-filters" onSubmit={submit} aria-label={t('applyFilters')}>
        {/* Labels stand beside their controls: a wrapping label would add the chosen option to the name. */}
        <div>
          <label htmlFor="audit-actor">{t('filterActor')}</label>
          <input id="audit-actor" {...field('actor')} maxLength={100} dir="auto" />
        </div>
        <div>
          <label htmlFor="audit-action">{t('filterAction')}</label>
          <select id="audit-action" {...field('action')}>
            {ACTIONS.map(([value, key]) => (
              <option key={value} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-document">{t('filterDocument')}</label>
          <input id="audit-document" {...field('documentId')} maxLength={64} pattern="[a-f0-9]{16,64}" dir="ltr" />
        </div>
        <div>
          <label htmlFor="audit-from">{t('filterFrom')}</label>
          <input id="audit-from" type="date" {...field('from')} min="2000-01-01" max="2100-12-31" />
        </div>
        <div>
          <label htmlFor="audit-to">{t('filterTo')}</label>
          <input id="audit-to" type="date" {...field('to')} min="2000-01-01" max="2100-12-31" />
        </div>
        <div className="queue-actions">
          <button type="submit" className="button">
            {t('applyFilters')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setForm(NO_FILTERS);
              setApplied(NO_FILTERS);
              setNotice('');
              void load(NO_FILTERS);
            }}
          >
            {t('clearFilters')}
          </button>
          <a className="button" href={`/api/workspace/audit?format=csv&limit=5000${csvQuery ? `&${csvQuery}` : ''}`} download="audit-log.csv">
            {t('exportCsv')}
          </a>
        </div>
      </form>
      <p role="status" className="workspace-notice">
        {notice}
      </p>
      {error ? <ErrorPanel error={error} onRetry={() => void load(applied)} /> : null}
      {entries === null && !error ? <Loading /> : null}
      {entries && entries.length === 0 ? <p className="hint">{t('noEntries')}</p> : null}
      {entries && entries.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('auditTitle')}>
          <table className="audit-table">
            <AuditTableHead />
            <tbody>
              {entries.map((entry) => {
                const href = targetHref(entry);
                return (
                  <tr key={entry.id} className="audit-entry" data-action={entry.action}>
                    <td>
                      <time dateTime={entry.at}>{formatDateTime(lang, entry.at)}</time>
                    </td>
                    <td>
                      <bdi>{entry.actorName ?? (entry.actorId === 'system' ? t('unknownActor') : entry.actorId)}</bdi>
                    </td>
                    <td>
                      {actionLabel(entry.action)} <code className="hint">{entry.action}</code>
                    </td>
                    <td>
                      {href ? (
                        <Link href={href} dir="ltr">
                          {entry.targetType} {entry.targetId}
                        </Link>
                      ) : (
                        <span dir="ltr">
                          {entry.targetType} {entry.targetId}
                        </span>
                      )}
                    </td>
                    <td className="audit-details">
                      <bdi>{Object.keys(entry.details).length ? JSON.stringify(entry.details) : ''}</bdi>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {more && entries ? (
        <p>
          <button type="button" className="button" onClick={() => void load(applied, entries.at(-1)?.id)}>
            {t('olderEntries')}
          </button>
        </p>
      ) : null}
    </>
  );
}
