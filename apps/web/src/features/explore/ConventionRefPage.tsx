import type { ConceptDetail, ConventionSection } from '../../api/types';
import { useApi } from '../../api/useApi';
import type { PageProps } from '../../app/routeTypes';
import { ConceptChips } from '../../components/ConceptChips';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { documentTextProps } from '../../i18n/languages';
import { Link, useLocation } from '../../router/Router';
import { splitConventionLabel, useConventionLabel, useTaxonomy } from '../../taxonomy/TaxonomyProvider';
import { FollowConceptButton } from '../follows/FollowConceptButton';
import { documentHref, newSearch, toSearchHref } from '../search/searchState';
import { useDocumentLanguageName } from '../search/useFacetLabel';
import { conventionRefHref, findNeighbours, parseConventionRef, THEME_IDS } from './convention';
import { ConventionText } from './ConventionText';
import { exploreMessages } from './messages';

/** Documents listed here; the search page has the rest, with facets. */
const REFERRING_LIMIT = 10;

/** The documents that refer to the article, best first, each with the pages that do. */
function ReferringDocuments({ conceptId, section }: { conceptId: string; section: ConventionSection }) {
  const t = useT(exploreMessages);
  const languageName = useDocumentLanguageName();
  const hits = section.referring;
  if (hits.length === 0) return <p>{t('noReferring')}</p>;
  return (
    <>
      <ul className="related-list">
        {hits.map((hit) => (
          <li key={hit.documentId}>
            <Link href={documentHref(hit.documentId, '', hit.evidence[0]?.page)} {...documentTextProps(hit.language)}>
              {hit.title}
            </Link>
            <p className="result-meta">
              {[hit.symbol, languageName(hit.language), hit.year ? String(hit.year) : null].filter(Boolean).join(' · ')}
              {hit.evidence.length > 0 ? ' · ' : null}
              {hit.evidence.map((e, i) => (
                <span key={e.page}>
                  {i > 0 ? ', ' : null}
                  <Link href={documentHref(hit.documentId, '', e.page)}>{t('evidencePage', { page: e.page })}</Link>
                </span>
              ))}
            </p>
          </li>
        ))}
      </ul>
      <p>
        <Link href={toSearchHref(newSearch({ filters: { article: [conceptId] } }))}>{t('openInSearch', { count: section.referringTotal })}</Link>
      </p>
    </>
  );
}

/** An article or annex of the Convention: its title, themes, related concepts and the documents citing it. */
export default function ConventionRefPage({ params }: PageProps) {
  const t = useT(exploreMessages);
  const { lang } = useLanguage();
  const { pathname } = useLocation();
  const { concepts } = useTaxonomy();
  const kind = pathname.startsWith('/annexes/') ? 'annex' : 'article';
  const conceptId = parseConventionRef(kind, params.ref ?? '');
  const { state, retry } = useApi<ConceptDetail>(conceptId ? `/api/taxonomy/concepts/${encodeURIComponent(conceptId)}` : null);
  const section = useApi<ConventionSection>(conceptId ? `/api/convention/${encodeURIComponent(conceptId)}?lang=${lang}&limit=${REFERRING_LIMIT}` : null);
  const conventionLabel = useConventionLabel();
  const { ref, title } = conceptId ? splitConventionLabel(state.data ?? concepts.get(conceptId), conceptId, lang) : { ref: null, title: null };
  useDocumentTitle(ref ? `${ref}${title ? ` — ${title}` : ''}` : t('unknownRef'));

  if (!conceptId || !ref) {
    return (
      <div className="page">
        <PageHeading>{t('unknownRef')}</PageHeading>
        <p>
          <Link href="/explore#navigator-heading">{t('backToNavigator')}</Link>
        </p>
      </div>
    );
  }
  const themes = THEME_IDS.filter((id) => concepts.get(id)?.articles.includes(conceptId));
  const related = state.status === 'success' ? state.data.related.filter((id) => !id.startsWith('theme:')) : [];
  const { previous, next } = findNeighbours(conceptId);
  return (
    <div className="page convention-page">
      <p className="back-link">
        <Link href="/explore#navigator-heading">{t('backToNavigator')}</Link>
      </p>
      <PageHeading>
        <span className="ref">{ref}</span>
        {title ? <span className="ref-title">{title}</span> : null}
      </PageHeading>
      <p>
        <FollowConceptButton conceptId={conceptId} />
      </p>
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : null}
      {section.state.status === 'loading' ? <Loading /> : null}
      {section.state.status === 'error' ? <ErrorPanel error={section.state.error} onRetry={section.retry} /> : null}
      {section.state.status === 'success' ? <ConventionText section={section.state.data} /> : null}
      {themes.length > 0 ? (
        <section aria-labelledby="ref-themes-heading">
          <h2 id="ref-themes-heading">{t('themesOfRef')}</h2>
          <ConceptChips ids={themes} />
        </section>
      ) : null}
      {related.length > 0 ? (
        <section aria-labelledby="ref-related-heading">
          <h2 id="ref-related-heading">{t('relatedOfRef')}</h2>
          <ConceptChips ids={related} />
        </section>
      ) : null}
      <section aria-labelledby="ref-docs-heading">
        <h2 id="ref-docs-heading">{t('referringHeading')}</h2>
        {section.state.status === 'success' ? <ReferringDocuments conceptId={conceptId} section={section.state.data} /> : null}
      </section>
      <nav className="ref-neighbours" aria-label={t('neighboursNav')}>
        {previous ? (
          <Link href={conventionRefHref(previous)} rel="prev">
            {t('previousRef', { label: conventionLabel(previous).ref })}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link href={conventionRefHref(next)} rel="next">
            {t('nextRef', { label: conventionLabel(next).ref })}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
