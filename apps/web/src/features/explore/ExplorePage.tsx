import type { SearchResponse } from '../../api/types';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useT } from '../../i18n/LanguageProvider';
import { useTaxonomy } from '../../taxonomy/TaxonomyProvider';
import { ConventionNavigator } from './ConventionNavigator';
import { THEME_IDS } from './convention';
import { exploreMessages } from './messages';
import { ThemeCard } from './ThemeCard';

/** One browse request gives the document count of every theme and article at once. */
const FACET_COUNTS_URL = '/api/search?page=1&pageSize=0';

export default function ExplorePage() {
  const t = useT(exploreMessages);
  useDocumentTitle(t('title'));
  const taxonomy = useTaxonomy();
  const { state: counts, retry } = useApi<SearchResponse>(FACET_COUNTS_URL);
  const facets = counts.data?.facets;
  return (
    <div className="page explore-page">
      <PageHeading>{t('title')}</PageHeading>
      <p>{t('intro')}</p>
      {taxonomy.state.status === 'error' ? <ErrorPanel error={taxonomy.state.error} onRetry={taxonomy.retry} /> : null}
      {counts.status === 'error' ? <ErrorPanel error={counts.error} onRetry={retry} /> : null}
      <section aria-labelledby="themes-heading">
        <h2 id="themes-heading">{t('themesHeading')}</h2>
        {taxonomy.state.status === 'loading' ? <Loading /> : null}
        <ul className="card-grid">
          {THEME_IDS.map((id) => (
            <ThemeCard key={id} themeId={id} concept={taxonomy.concepts.get(id)} documentCount={facets?.theme?.[id] ?? 0} />
          ))}
        </ul>
      </section>
      <ConventionNavigator articleCounts={facets?.article ?? {}} />
    </div>
  );
}
