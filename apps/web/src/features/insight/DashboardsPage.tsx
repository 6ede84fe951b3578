import type { CoverageDto, CoverageFigureName, ForumActivityDto } from '@mep/api/contracts';
import { SEARCH_FACETS } from '@mep/vocabulary';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { useFacetLabel } from '../search/useFacetLabel';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { OpenSurveys } from '../surveys/OpenSurveys';
import { BarFigure } from './BarFigure';
import { ForumActivity } from './ForumActivity';
import { insightMessages } from './messages';
import { PartyTiles } from './PartyTiles';
import './insight.css';

/** Figures in the search facets' order, the UN regional group in the party's place (parties have their own tile map and table). */
const FIGURES: ReadonlyArray<Exclude<CoverageFigureName, 'party'>> = SEARCH_FACETS.flatMap((facet) => (facet === 'party' ? (['group'] as const) : [facet]));

/** The public dashboards: coverage of the repository and forum activity, each figure linked to its search. */
export default function DashboardsPage() {
  const t = useT(insightMessages);
  const { lang } = useLanguage();
  useDocumentTitle(t('dashboardsTitle'));
  const { state, retry } = useApi<CoverageDto>('/api/dashboards/coverage');
  const forum = useApi<ForumActivityDto>('/api/dashboards/forum-activity');
  const facetLabel = useFacetLabel();
  const conceptLabel = useConceptLabel();
  const label = (figure: CoverageFigureName, id: string) => (figure === 'group' ? conceptLabel(id) : facetLabel(figure, id));
  const data = state.data;
  return (
    <div className="page dashboards-page">
      <PageHeading>{t('dashboardsTitle')}</PageHeading>
      <p>{t('dashboardsIntro')}</p>
      <OpenSurveys />
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : null}
      {!data && state.status === 'loading' ? <Loading /> : null}
      {data ? (
        <>
          <p>
            {t('totalDocuments', { count: data.total })}{' '}
            <a href="/api/dashboards/coverage">{t('downloadJson')}</a>
          </p>
          <div className="figures">
            {FIGURES.map((figure) => (
              <BarFigure
                key={figure}
                title={t(`fig_${figure}`)}
                csvHref={`/api/dashboards/csv/${figure}?lang=${lang}`}
                bars={data.figures[figure].map((bar) => ({ ...bar, label: label(figure, bar.id) }))}
              />
            ))}
          </div>
          <PartyTiles parties={data.parties} />
        </>
      ) : null}
      {forum.state.data ? <ForumActivity rows={forum.state.data.rows} /> : null}
      {forum.state.status === 'error' ? <ErrorPanel error={forum.state.error} onRetry={forum.retry} /> : null}
    </div>
  );
}
