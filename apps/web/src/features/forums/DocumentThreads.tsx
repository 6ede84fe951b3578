import type { ThreadDto } from '@mep/api/realtime-events';
import { useApi } from '../../api/useApi';
import { useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { forumMessages } from './messages';

/** The threads that discuss a repository document, for its page (renders nothing when there are none). */
export function DocumentThreads({ documentId }: { documentId: string }) {
  const t = useT(forumMessages);
  const { state } = useApi<{ threads: ThreadDto[] }>(`/api/documents/${encodeURIComponent(documentId)}/threads`);
  const threads = state.data?.threads ?? [];
  if (!threads.length) return null;
  return (
    <section className="related document-threads" aria-labelledby="document-threads-heading">
      <h2 id="document-threads-heading">{t('discussionsOfDocument')}</h2>
      <ul className="related-list">
        {threads.map((thread) => (
          <li key={thread.id}>
            <Link href={`/forums/threads/${thread.id}`}>{thread.title}</Link> <span className="hint">{t('postCount', { count: thread.postCount })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
