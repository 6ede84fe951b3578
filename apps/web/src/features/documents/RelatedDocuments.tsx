import type { RelatedResponse } from '../../api/types';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { useT } from '../../i18n/LanguageProvider';
import { documentTextProps } from '../../i18n/languages';
import { Link } from '../../router/Router';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { documentHref } from '../search/searchState';
import { useDocumentLanguageName } from '../search/useFacetLabel';
import { documentMessages } from './messages';

/** Concepts named per related document: the first few explain the link well enough. */
const MAX_SHARED = 4;

export function RelatedDocuments({ documentId }: { documentId: string }) {
  const t = useT(documentMessages);
  const conceptLabel = useConceptLabel();
  const languageName = useDocumentLanguageName();
  const { state, retry } = useApi<RelatedResponse>(`/api/documents/${encodeURIComponent(documentId)}/related?limit=5`);
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading">{t('relatedHeading')}</h2>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : null}
      {state.status === 'success' ? (
        state.data.documents.length === 0 ? (
          <p>{t('noRelated')}</p>
        ) : (
          <ul className="related-list">
            {state.data.documents.map((doc) => (
              <li key={doc.documentId}>
                <Link href={documentHref(doc.documentId, '')} {...documentTextProps(doc.language)}>
                  {doc.title}
                </Link>
                <p className="result-meta">
                  {[languageName(doc.language), doc.year ? String(doc.year) : null].filter(Boolean).join(' · ')}
                </p>
                {doc.sharedConcepts.length > 0 ? (
                  <p className="hint">
                    {t('sharedConcepts', { list: doc.sharedConcepts.slice(0, MAX_SHARED).map(conceptLabel).join(', ') })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
