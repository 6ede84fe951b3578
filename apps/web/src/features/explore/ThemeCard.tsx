import type { SearchResponse, TaxonomyConcept } from '../../api/types';
import { useApi } from '../../api/useApi';
import { ConceptChips } from '../../components/ConceptChips';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { useT } from '../../i18n/LanguageProvider';
import { documentTextProps } from '../../i18n/languages';
import { Link } from '../../router/Router';
import { useConceptLabel, useConventionLabel } from '../../taxonomy/TaxonomyProvider';
import { FollowConceptButton } from '../follows/FollowConceptButton';
import { documentHref, newSearch, toSearchHref } from '../search/searchState';
import { conventionRefHref } from './convention';
import { exploreMessages } from './messages';

/** Latest documents per theme: a glimpse, the full list is one click away. */
const LATEST_COUNT = 3;

function LatestDocuments({ themeId }: { themeId: string }) {
  const t = useT(exploreMessages);
  const { state, retry } = useApi<SearchResponse>(`/api/search?theme=${encodeURIComponent(themeId)}&sort=date&page=1&pageSize=${LATEST_COUNT}`);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorPanel error={state.error} onRetry={retry} />;
  if (state.data.hits.length === 0) return <p className="hint">{t('noDocuments')}</p>;
  return (
    <ul className="latest-list">
      {state.data.hits.map((hit) => (
        <li key={hit.documentId}>
          <Link href={documentHref(hit.documentId, '')} {...documentTextProps(hit.language)}>
              {hit.title}
            </Link>
          {hit.year ? <span className="result-meta"> · {hit.year}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function ThemeCard({ themeId, concept, documentCount }: { themeId: string; concept: TaxonomyConcept | undefined; documentCount: number }) {
  const t = useT(exploreMessages);
  const label = useConceptLabel();
  const conventionLabel = useConventionLabel();
  const headingId = `theme-${themeId.slice('theme:'.length)}`;
  const narrower = concept?.narrower ?? [];
  const articles = concept?.articles ?? [];
  return (
    <li className="card theme-card">
      <h3 id={headingId}>
        <Link href={toSearchHref(newSearch({ filters: { theme: [themeId] } }))}>{label(themeId)}</Link>
      </h3>
      <p className="result-meta">
        {t('documentsInTheme', { count: documentCount })} <FollowConceptButton conceptId={themeId} />
      </p>
      {articles.length > 0 ? (
        <p className="theme-articles">
          {t('articlesOfTheme')}{' '}
          {articles.map((id, index) => (
            <span key={id}>
              {index > 0 ? ', ' : null}
              <Link href={conventionRefHref(id)}>{conventionLabel(id).ref}</Link>
            </span>
          ))}
        </p>
      ) : null}
      {narrower.length > 0 ? (
        <>
          <h4>{t('conceptsOfTheme')}</h4>
          <ConceptChips ids={narrower} />
        </>
      ) : null}
      <h4>{t('latestDocuments')}</h4>
      <LatestDocuments themeId={themeId} />
    </li>
  );
}
