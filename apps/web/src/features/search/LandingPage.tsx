import type { SearchHit, SearchResponse } from '../../api/types';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useT } from '../../i18n/LanguageProvider';
import { documentTextProps } from '../../i18n/languages';
import { navigate } from '../../router/history';
import { Link } from '../../router/Router';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { THEME_IDS } from '../explore/convention';
import { landingMessages } from './landingMessages';
import { SearchForm } from './SearchForm';
import { doctypeConceptId, documentHref, newSearch, toSearchHref } from './searchState';

/** The Convention's own text: the search ranks its title match first among Convention texts. */
export const CONVENTION_URL = `/api/search?${new URLSearchParams({ q: 'Minamata Convention on Mercury', doctype: 'doctype:convention-text', pageSize: '1' })}`;
/** What the Conference of the Parties decided and asked for, newest first. */
const LATEST_DOCTYPES = ['doctype:cop-decision', 'doctype:guidance', 'doctype:meeting-document'];
export const LATEST_URL = `/api/search?${new URLSearchParams([...LATEST_DOCTYPES.map((d) => ['doctype', d]), ['sort', 'date'], ['pageSize', '5']])}`;
/** One browse request gives every theme's document count. */
export const THEME_COUNTS_URL = '/api/search?page=1&pageSize=0';

function DocumentLink({ hit }: { hit: SearchHit }) {
  const conceptLabel = useConceptLabel();
  const meta = [hit.symbol, conceptLabel(doctypeConceptId(hit.doctype)), hit.date ?? (hit.year ? String(hit.year) : null)].filter((part): part is string => Boolean(part));
  return (
    <li>
      <Link href={documentHref(hit.documentId, '')} {...documentTextProps(hit.language)}>
        {hit.title}
      </Link>
      <span className="result-meta"> · {meta.join(' · ')}</span>
    </li>
  );
}

/**
 * The first page a visitor meets: what they most often come for — the Convention, the latest
 * decisions and guidance, the thematic areas — rather than whatever document the index holds first.
 */
export function LandingPage() {
  const t = useT(landingMessages);
  const conceptLabel = useConceptLabel();
  useDocumentTitle(t('title'));
  const convention = useApi<SearchResponse>(CONVENTION_URL);
  const latest = useApi<SearchResponse>(LATEST_URL);
  const counts = useApi<SearchResponse>(THEME_COUNTS_URL);
  const themeCounts = counts.state.data?.facets.theme ?? {};
  const conventionHit = convention.state.data?.hits[0];
  const latestHref = toSearchHref(newSearch({ sort: 'date', filters: { doctype: LATEST_DOCTYPES } }));

  return (
    <div className="page landing-page">
      <PageHeading>{t('title')}</PageHeading>
      <p>{t('intro')}</p>
      <SearchForm initialQuery="" onSearch={(q) => navigate(toSearchHref(newSearch({ q })))} />

      <section aria-labelledby="landing-convention">
        <h2 id="landing-convention">{t('conventionHeading')}</h2>
        {convention.state.status === 'error' ? <ErrorPanel error={convention.state.error} onRetry={convention.retry} /> : null}
        {convention.state.status === 'loading' ? <Loading /> : null}
        <ul className="landing-list">
          {conventionHit ? <DocumentLink hit={conventionHit} /> : null}
          <li>
            <Link href="/explore">{t('conventionExplore')}</Link>
          </li>
        </ul>
      </section>

      <section aria-labelledby="landing-latest">
        <h2 id="landing-latest">{t('latestHeading')}</h2>
        {latest.state.status === 'error' ? <ErrorPanel error={latest.state.error} onRetry={latest.retry} /> : null}
        {latest.state.status === 'loading' ? <Loading /> : null}
        {latest.state.status === 'success' && latest.state.data.hits.length === 0 ? <p className="hint">{t('latestNone')}</p> : null}
        <ul className="landing-list">
          {(latest.state.data?.hits ?? []).map((hit) => (
            <DocumentLink key={hit.documentId} hit={hit} />
          ))}
        </ul>
        <p>
          <Link href={latestHref}>{t('latestMore')}</Link>
        </p>
      </section>

      <section aria-labelledby="landing-themes">
        <h2 id="landing-themes">{t('themesHeading')}</h2>
        <ul className="landing-themes">
          {THEME_IDS.map((id) => (
            <li key={id}>
              <Link href={toSearchHref(newSearch({ filters: { theme: [id] } }))}>{conceptLabel(id)}</Link>{' '}
              <span className="result-meta">{t('themeCount', { count: themeCounts[id] ?? 0 })}</span>
            </li>
          ))}
        </ul>
        <p>
          <Link href="/search">{t('browseAll')}</Link>
        </p>
      </section>
    </div>
  );
}
