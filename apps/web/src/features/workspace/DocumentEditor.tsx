import { useEffect, useState, type FormEvent } from 'react';
import type { DocumentDetail } from '@mep/api/contracts';
import { ApiError, send } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ConflictAlert } from '../../components/ConflictAlert';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { workspaceMessages } from './messages';

interface Fields {
  title: string;
  symbol: string;
  date: string;
  summary: string;
}

const fieldsOf = (doc: DocumentDetail): Fields => ({ title: doc.title, symbol: doc.symbol ?? '', date: doc.date?.slice(0, 10) ?? '', summary: doc.summary ?? '' });

/** A curator corrects one document: metadata (versioned; a stale save shows the other change) and tags. */
export function DocumentEditor({ id }: { id: string }) {
  const t = useT(workspaceMessages);
  const { state, retry } = useApi<DocumentDetail>(`/api/documents/${id}`, { cache: false });
  const [fields, setFields] = useState<Fields | null>(null);
  const [status, setStatus] = useState('');
  const [conflict, setConflict] = useState<string | null>(null);
  const [concept, setConcept] = useState('');
  const [page, setPage] = useState('');
  const doc = state.data;

  useEffect(() => {
    if (doc) setFields(fieldsOf(doc));
  }, [doc]);

  if (state.status === 'loading' || (!fields && !state.error)) return <Loading />;
  if (state.status === 'error') return <ErrorPanel error={state.error} onRetry={retry} />;
  if (!doc || !fields) return null;

  async function act(run: () => Promise<unknown>, done: string) {
    try {
      await run();
      setStatus(done);
      setConflict(null);
      retry();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        const other = (error as ApiError & { details?: { change?: { after?: { title?: string } } } }).details?.change?.after?.title;
        setConflict(t('conflict', { title: other ?? '…' }));
      } else setStatus(t('actionFailed', { message: (error as Error).message }));
    }
  }

  const save = (event: FormEvent) => {
    event.preventDefault();
    const before = fieldsOf(doc);
    const patch: Record<string, unknown> = { version: doc.version };
    if (fields.title !== before.title) patch.title = fields.title;
    if (fields.symbol !== before.symbol) patch.symbol = fields.symbol || null;
    if (fields.date !== before.date) patch.date = fields.date || null;
    if (fields.summary !== before.summary) patch.summary = fields.summary || null;
    void act(() => send('PATCH', `/api/documents/${id}`, patch), t('saved'));
  };
  const tag = (conceptId: string, decision: 'confirmed' | 'rejected', onPage?: number) =>
    act(() => send('PUT', `/api/documents/${id}/concepts/${conceptId}`, { decision, ...(onPage ? { page: onPage } : {}) }), t('saved'));
  const field = (name: keyof Fields) => ({ value: fields[name], onChange: (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value }) });

  return (
    <>
      <PageHeading>{t('editHeading', { title: doc.title })}</PageHeading>
      <p>
        <Link href={`/documents/${id}`}>{t('openDocument')}</Link>
      </p>
      <p role="status">{status}</p>
      <ConflictAlert message={conflict ?? ''} reloadLabel={t('reload')} onReload={retry} />
      <form className="editor-form" onSubmit={save}>
        <label>
          {t('fieldTitle')}
          <input {...field('title')} required maxLength={500} dir="auto" />
        </label>
        <label>
          {t('fieldSymbol')}
          <input {...field('symbol')} maxLength={100} dir="ltr" />
        </label>
        <label>
          {t('fieldDate')}
          <input type="date" {...field('date')} />
        </label>
        <label>
          {t('fieldSummary')}
          <textarea {...field('summary')} maxLength={4000} rows={4} dir="auto" />
        </label>
        <button type="submit" className="button button-primary">
          {t('save')}
        </button>
      </form>
      <section aria-labelledby="tags-heading" className="workspace-section">
        <h2 id="tags-heading">{t('tagsHeading')}</h2>
        <ul className="tag-list">
          {doc.concepts.map((c) => (
            <li key={c.id} data-concept={c.id}>
              <code>{c.id}</code> <span className="hint">{c.source === 'curator' ? t('tagCurator') : t('tagTagger')}</span>{' '}
              {c.source === 'tagger' ? (
                <button type="button" className="button" onClick={() => void tag(c.id, 'confirmed')}>
                  {t('confirmTag', { concept: c.id })}
                </button>
              ) : null}{' '}
              <button type="button" className="button" onClick={() => void tag(c.id, 'rejected')}>
                {t('rejectTag', { concept: c.id })}
              </button>
            </li>
          ))}
        </ul>
        <form
          className="editor-form"
          onSubmit={(event) => {
            event.preventDefault();
            void tag(concept.trim(), 'confirmed', page ? Number(page) : undefined).then(() => setConcept(''));
          }}
        >
          <label>
            {t('addTag')}
            <input value={concept} onChange={(event) => setConcept(event.target.value)} required pattern="[a-z]+:[A-Za-z0-9\-]+" dir="ltr" />
          </label>
          <label>
            {t('addTagPage')}
            <input type="number" min={1} max={doc.pageCount} value={page} onChange={(event) => setPage(event.target.value)} />
          </label>
          <button type="submit" className="button">
            {t('add')}
          </button>
        </form>
        <button type="button" className="button" onClick={() => void act(() => send('POST', `/api/documents/${id}/retag`), t('retagged'))}>
          {t('retag')}
        </button>
      </section>
    </>
  );
}
