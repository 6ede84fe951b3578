import { useEffect, type ReactNode } from 'react';
import type { DiscussionSearchResponse } from '@mep/api/contracts';
import type { ForumDto } from '@mep/api/realtime-events';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { toSafeSnippetHtml } from '../search/snippet';
import { fillMessage } from '../../i18n/bidi';
import { formatDateTime } from '../../i18n/dates';
import { forumTitle } from './format';
import { forumMessages } from './messages';

export const DISCUSSIONS_PAGE_SIZE = 10;

interface Props {
  q: string;
  page?: number;
  /** The count to announce in the page's live region ('' while loading). */
  onStatus?: (text: string) => void;
  /** Links to the other result pages (the search page builds them from its URL state). */
  renderPagination?: (totalPages: number) => ReactNode;
}

/** Forum posts matching a query (the search page's "Discussions" tab); private forums only for their members. */
export function DiscussionResults({ q, page = 1, onStatus, renderPagination }: Props) {
  const t = useT(forumMessages);
  const { lang } = useLanguage();
  const params = new URLSearchParams({ q, page: String(page), pageSize: String(DISCUSSIONS_PAGE_SIZE) });
  const { state, retry } = useApi<DiscussionSearchResponse>(`/api/discussions/search?${params.toString()}`);
  const forums = useApi<{ forums: ForumDto[] }>('/api/forums', { cache: true });
  const titles = new Map((forums.state.data?.forums ?? []).map((forum) => [forum.id, forumTitle(forum.title, lang)]));
  const loading = state.status === 'loading';
  const total = state.status === 'success' ? state.data.total : null;

  useEffect(() => {
    if (!onStatus) return;
    if (total === null) onStatus(loading ? t('searchingDiscussions') : '');
    else onStatus(q ? t('discussionsForQuery', { count: total, query: q }) : t('discussionsAll', { count: total }));
  }, [onStatus, total, loading, q, t]);

  if (state.status === 'error') return <ErrorPanel error={state.error} onRetry={retry} />;
  if (!state.data) return <Loading />;
  if (state.data.total === 0) {
    return (
      <section className="empty-state" aria-labelledby="discussions-empty-title">
        <h3 id="discussions-empty-title">{t('noDiscussionsTitle')}</h3>
        <p>{q ? t('noDiscussionsForQuery', { query: q }) : t('noDiscussions')}</p>
        <p>
          <Link href="/forums">{t('allForums')}</Link>
        </p>
      </section>
    );
  }
  const totalPages = Math.min(Math.ceil(state.data.total / DISCUSSIONS_PAGE_SIZE), 1000);
  return (
    <div className={loading ? 'results-stale' : undefined}>
      <ol className="results discussion-results" start={(page - 1) * DISCUSSIONS_PAGE_SIZE + 1}>
        {state.data.hits.map((hit) => {
          const forum = titles.get(hit.forumId);
          return (
            <li key={hit.postId} className="result">
              <h3 className="result-title">
                <Link href={`/forums/threads/${hit.threadId}#post-${hit.postId}`} dir="auto">
                  {hit.threadTitle}
                </Link>
              </h3>
              <p className="snippet" dir="auto" dangerouslySetInnerHTML={{ __html: toSafeSnippetHtml(hit.snippet) }} />
              <p className="hint">
                {fillMessage(t('byAuthor'), { name: <bdi>{hit.authorName}</bdi> })}
                {forum ? <> {fillMessage(t('inForum'), { forum: <bdi>{forum}</bdi> })}</> : null} · <time dateTime={hit.createdAt}>{formatDateTime(lang, hit.createdAt)}</time>
              </p>
            </li>
          );
        })}
      </ol>
      {renderPagination ? renderPagination(totalPages) : null}
    </div>
  );
}
