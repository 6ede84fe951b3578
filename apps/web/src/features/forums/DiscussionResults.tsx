import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { formatDateTime } from './format';
import { forumMessages } from './messages';

interface DiscussionHit {
  postId: number;
  threadId: number;
  forumId: string;
  threadTitle: string;
  authorName: string;
  createdAt: string;
  /** Escaped by the API, with <mark> around the matches. */
  snippet: string;
}

/** Forum posts matching a query (the search page's "Discussions" tab); private forums only for their members. */
export function DiscussionResults({ q, page = 1 }: { q: string; page?: number }) {
  const t = useT(forumMessages);
  const { lang } = useLanguage();
  const { state, retry } = useApi<{ total: number; hits: DiscussionHit[] }>(`/api/discussions/search?q=${encodeURIComponent(q)}&page=${page}`);
  if (state.status === 'error') return <ErrorPanel error={state.error} onRetry={retry} />;
  if (!state.data) return <Loading />;
  return (
    <ol className="results discussion-results">
      {state.data.hits.map((hit) => (
        <li key={hit.postId} className="result">
          <Link href={`/forums/threads/${hit.threadId}#post-${hit.postId}`}>{hit.threadTitle}</Link>
          <p className="snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
          <p className="hint">
            {t('byAuthor', { name: hit.authorName })} · {formatDateTime(lang, hit.createdAt)}
          </p>
        </li>
      ))}
    </ol>
  );
}
