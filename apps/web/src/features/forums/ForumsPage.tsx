import './forums.css';
import type { ForumDto } from '@mep/api/realtime-events';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { formatDateTime, forumTitle } from './format';
import { forumMessages } from './messages';

/** Every forum the reader may see, with its activity. */
export default function ForumsPage() {
  const t = useT(forumMessages);
  const { lang } = useLanguage();
  useDocumentTitle(t('forumsTitle'));
  const { state, retry } = useApi<{ forums: ForumDto[] }>('/api/forums');
  return (
    <div className="page forums-page">
      <PageHeading>{t('forumsTitle')}</PageHeading>
      <p>{t('forumsIntro')}</p>
      {state.status === 'loading' && !state.data ? <Loading /> : null}
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : null}
      <ul className="card-grid forum-list">
        {state.data?.forums.map((forum) => (
          <li key={forum.id} className="card">
            <h2>
              <Link href={`/forums/${encodeURIComponent(forum.id)}`}>{forumTitle(forum.title, lang)}</Link>
            </h2>
            {forum.visibility === 'private' ? <p className="tag">{t('privateForum')}</p> : null}
            <p>
              {t('threadCount', { count: forum.threadCount })} · {t('postCount', { count: forum.postCount })}
            </p>
            <p className="hint">{forum.lastPostAt ? t('lastActivity', { date: formatDateTime(lang, forum.lastPostAt) }) : t('noActivity')}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
