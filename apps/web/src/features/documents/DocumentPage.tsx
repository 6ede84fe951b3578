import type { DocumentDetail } from '../../api/types';
import { useApi } from '../../api/useApi';
import type { PageProps } from '../../app/routeTypes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { documentTextProps } from '../../i18n/languages';
import { Link, useLocation } from '../../router/Router';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { conceptSearchHref, doctypeConceptId, documentHref, newSearch, toSearchHref } from '../search/searchState';
import { useDocumentLanguageName } from '../search/useFacetLabel';
import { DocumentThreads } from '../forums/DocumentThreads';
import { ConceptList } from './ConceptList';
import { DocumentNotices } from './DocumentNotices';
import { formatDate, parsePageHash } from './format';
import { documentMessages } from './messages';
import { OriginalFile } from './OriginalFile';
import { PageViewer } from './PageViewer';
import { RelatedDocuments } from './RelatedDocuments';
import { ReportProblem, UsefulFeedback } from '../feedback/Feedback';

function DocumentMeta({ doc }: { doc: DocumentDetail }) {
  const t = useT(documentMessages);
  const { lang } = useLanguage();
  const conceptLabel = useConceptLabel();
  const languageName = useDocumentLanguageName();
  const parties = doc.concepts.filter((c) => c.scheme === 'party');
  const doctypeId = doctypeConceptId(doc.doctype);
  const date = formatDate(lang, doc.date, doc.year);
  return (
    <dl className="doc-meta">
      {doc.symbol ? (
        <div>
          <dt>{t('symbol')}</dt>
          <dd>{doc.symbol}</dd>
        </div>
      ) : null}
      {date ? (
        <div>
          <dt>{t('date')}</dt>
          <dd>{date}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('doctype')}</dt>
        <dd>
          <Link href={conceptSearchHref(doctypeId, conceptLabel(doctypeId))}>{conceptLabel(doctypeId)}</Link>
        </dd>
      </div>
      <div>
        <dt>{t('language')}</dt>
        <dd>{languageName(doc.language)}</dd>
      </div>
      {parties.length > 0 ? (
        <div>
          <dt>{t('parties')}</dt>
          <dd>
            {parties.map((party, index) => (
              <span key={party.id}>
                {index > 0 ? ', ' : null}
                <Link href={conceptSearchHref(party.id, conceptLabel(party.id))}>{conceptLabel(party.id)}</Link>
              </span>
            ))}
          </dd>
        </div>
      ) : null}
      <div>
        <dt>{t('pageCount')}</dt>
        <dd>{doc.pageCount}</dd>
      </div>
    </dl>
  );
}

export default function DocumentPage({ params }: PageProps) {
  const t = useT(documentMessages);
  const id = params.id ?? '';
  const { search, hash } = useLocation();
  const q = new URLSearchParams(search).get('q') ?? '';
  const { state, retry } = useApi<DocumentDetail>(`/api/documents/${encodeURIComponent(id)}`);
  const doc = state.status === 'success' ? state.data : null;
  useDocumentTitle(doc?.title ?? null);

  const hashPage = parsePageHash(hash);
  const pageCount = Math.max(doc?.pageCount ?? 1, 1);
  const page = Math.min(hashPage ?? 1, pageCount);
  const pageHref = (n: number) => documentHref(id, q, n);

  return (
    <div className="page document-page">
      <p className="back-link">
        <Link href={toSearchHref(newSearch({ q }))}>{q ? t('backToResults', { query: q }) : t('backToSearch')}</Link>
      </p>
      {state.status === 'error' ? (
        <>
          <PageHeading>{state.error.kind === 'not-found' ? t('notFoundTitle') : t('errorHeading')}</PageHeading>
          <ErrorPanel error={state.error} onRetry={retry} {...(state.error.kind === 'not-found' ? { message: t('notFound') } : {})} />
        </>
      ) : null}
      {state.status === 'loading' ? <Loading /> : null}
      {doc ? (
        <>
          <PageHeading>
            <span {...documentTextProps(doc.language)}>{doc.title}</span>
          </PageHeading>
          <DocumentMeta doc={doc} />
          <DocumentNotices flags={doc.flags ?? []} />
          <div className="document-layout">
            <div className="document-main">
              <PageViewer documentId={doc.id} pageCount={pageCount} page={page} q={q} jumpedTo={hashPage !== null} pageHref={pageHref} textProps={documentTextProps(doc.language)} />
              <OriginalFile doc={doc} page={page} />
            </div>
            <div className="document-side">
              <section aria-labelledby="concepts-heading">
                <h2 id="concepts-heading">{t('conceptsHeading')}</h2>
                <p className="hint">{t('conceptsIntro')}</p>
                <ConceptList concepts={doc.concepts} pageHref={pageHref} />
              </section>
              <DocumentThreads documentId={doc.id} page={page} />
              <RelatedDocuments documentId={doc.id} />
              <UsefulFeedback key={doc.id} documentId={doc.id} />
              <ReportProblem key={`problem-${doc.id}`} documentId={doc.id} />
            </div>
          </div>
        </>
      ) : null}
    </div>
  );
}
