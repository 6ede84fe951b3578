import type { ThreadDto } from '@mep/api/realtime-events';
import { useApi } from '../../api/useApi';
import { useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { forumMessages } from './messages';
import { postMessages } from './postMessages';

/** Where "Discuss this document" (and "Discuss page N": the page is kept) leads. */
export function discussHref(documentId: string, page?: number): string {
  const params = new URLSearchParams({ document: documentId });
  if (page) params.set('page', String(page));
  return `/forums/new?${params.toString()}`;
}

/**
 * The document page's discussion box: the threads that discuss the document, and the way to start
 * one about the whole document or about the page being read.
 */
export function DocumentThreads({ documentId, page }: { documentId: string; page?: number }) {
  const t = useT(forumMessages);
  const tp = useT(postMessages);
  const { state } = useApi<{ threads: ThreadDto[] }>(`/api/documents/${encodeURIComponent(documentId)}/threads`);
  const threads = state.data?.threads ?? [];
  return (
    <section className="related document-threads" aria-labelledby="document-threads-heading">
      <h2 id="document-threads-heading">{t('discussionsOfDocument')}</h2>
      {threads.length ? (
        <ul className="related-list">
          {threads.map((thread) => (
            <li key={thread.id}>
              <Link href={`/forums/threads/${thread.id}`} dir="auto">
                {thread.title}
              </Link>{' '}
              <span className="hint">{t('postCount', { count: thread.postCount })}</span>
            </li>
          ))}
        </ul>
      ) : state.data ? (
        <p className="hint">{tp('noDocumentDiscussions')}</p>
      ) : null}
      <ul className="discuss-links">
        <li>
          <Link href={discussHref(documentId)} className="button">
            {tp('discussDocument')}
          </Link>
        </li>
        {page ? (
          <li>
            <Link href={discussHref(documentId, page)}>{tp('discussPage', { page })}</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
