import './forums.css';
import { useState } from 'react';
import type { ForumDto, ThreadDto } from '@mep/api/realtime-events';
import { send } from '../../api/client';
import type { DocumentDetail } from '../../api/types';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { navigate } from '../../router/history';
import { Link, useLocation } from '../../router/Router';
import { useSession } from '../account/session';
import { UnverifiedNotice } from '../account/UnverifiedNotice';
import { Composer } from './Composer';
import { forumTitle } from './format';
import { LinkedDocuments } from './LinkedDocuments';
import { postMessages } from './postMessages';

const escapeLinkText = (text: string) => text.replace(/[[\]\\]/g, (c) => `\\${c}`);

/** The forum a document most likely belongs in: the first whose theme the document carries. */
function suggestForum(forums: ForumDto[], doc: DocumentDetail): string {
  const concepts = new Set(doc.concepts.map((c) => c.id));
  return (forums.find((f) => f.conceptId && concepts.has(f.conceptId)) ?? forums[0])?.id ?? '';
}

/**
 * "Discuss this document" (`/forums/new?document=<id>[&page=N]`): a new thread with the document
 * attached, its first post starting with a link to the document (and to the page, when one was
 * being read), which the server renders as the document's card.
 */
export default function NewThreadPage() {
  const t = useT(postMessages);
  const { lang } = useLanguage();
  const session = useSession();
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  const documentId = params.get('document') ?? '';
  const pageNumber = Number(params.get('page'));
  const page = Number.isInteger(pageNumber) && pageNumber > 0 ? pageNumber : null;
  const docState = useApi<DocumentDetail>(documentId ? `/api/documents/${encodeURIComponent(documentId)}` : null, { cache: true });
  const forumsState = useApi<{ forums: ForumDto[] }>('/api/forums');
  const [chosenForum, setChosenForum] = useState<string | null>(null);
  useDocumentTitle(t('discussTitle'));

  const doc = docState.state.data;
  const forums = forumsState.state.data?.forums ?? [];
  const forumId = chosenForum ?? (doc ? suggestForum(forums, doc) : '');

  async function start(body: string, title: string | undefined, idempotencyKey: string) {
    const forum = forums.find((f) => f.id === forumId);
    const result = await send<{ thread: ThreadDto }>('POST', `/api/forums/${encodeURIComponent(forumId)}/threads`, {
      title: title ?? '',
      body,
      concepts: forum?.conceptId ? [forum.conceptId] : [],
      documentIds: [documentId],
    }, { idempotencyKey });
    navigate(`/forums/threads/${result.thread.id}`);
  }

  let content;
  if (!documentId) content = <p>{t('noDocumentChosen')}</p>;
  else if (docState.state.status === 'error') content = <ErrorPanel error={docState.state.error} onRetry={docState.retry} />;
  else if (forumsState.state.status === 'error') content = <ErrorPanel error={forumsState.state.error} onRetry={forumsState.retry} />;
  else if (!doc || !forumsState.state.data || session.status === 'loading') content = <Loading />;
  else if (!session.user) {
    content = (
      <p>
        <Link href={`/sign-in?next=${encodeURIComponent(pathname + search)}`}>{t('signInToDiscuss')}</Link>
      </p>
    );
  } else if (!session.user.emailVerified) {
    content = <UnverifiedNotice />;
  } else {
    const linkText = page ? t('discussLinkText', { title: doc.title, page }) : doc.title;
    const initialBody = `[${escapeLinkText(linkText)}](/documents/${encodeURIComponent(doc.id)}${page ? `#page-${page}` : ''})\n\n`;
    content = (
      <>
        <p className="stack-form">
          <label htmlFor="discuss-forum">{t('forumLabel')}</label>
          <select id="discuss-forum" value={forumId} onChange={(event) => setChosenForum(event.target.value)}>
            {forums.map((forum) => (
              <option key={forum.id} value={forum.id}>
                {forumTitle(forum.title, lang)}
              </option>
            ))}
          </select>
        </p>
        <Composer key={`${doc.id}-${page ?? 0}`} withTitle initialTitle={doc.title.slice(0, 200)} initialBody={initialBody} submitLabel={t('discussTitle')} onSubmit={start} />
      </>
    );
  }

  return (
    <div className="page new-thread-page">
      <PageHeading>{t('discussTitle')}</PageHeading>
      {documentId ? (
        <>
          <p className="hint">{t('discussAbout')}</p>
          <LinkedDocuments documentIds={[documentId]} posts={[]} postsLoaded />
        </>
      ) : null}
      {content}
    </div>
  );
}
