import { FACET_KEYS } from '../../api/types';
import { useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { ConceptChips } from '../../components/ConceptChips';
import { searchMessages } from './messages';
import { clearFilters, hasFilters, newSearch, removeFilter, toSearchHref, type SearchState } from './searchState';
import { useFacetLabel } from './useFacetLabel';

/** No results: say so plainly, then offer real ways forward — drop a filter, a related concept. */
export function EmptyState({ state, relatedConcepts }: { state: SearchState; relatedConcepts: string[] }) {
  const t = useT(searchMessages);
  const labelOf = useFacetLabel();
  const filtered = hasFilters(state);
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('emptyTitle')}</h2>
      <p>{state.q ? t('emptyForQuery', { query: state.q }) : t('emptyForFilters')}</p>
      {filtered ? (
        <>
          <p>{t('emptyDropFilter')}</p>
          <ul className="suggestions">
            {FACET_KEYS.flatMap((facet) =>
              state.filters[facet].map((value) => (
                <li key={`${facet}:${value}`}>
                  <Link href={toSearchHref(removeFilter(state, facet, value))}>{t('removeFilter', { label: labelOf(facet, value) })}</Link>
                </li>
              )),
            )}
            <li>
              <Link href={toSearchHref(clearFilters(state))}>{t('clearFilters')}</Link>
            </li>
          </ul>
        </>
      ) : null}
      {relatedConcepts.length > 0 ? (
        <>
          <p>{t('emptyRelated')}</p>
          <ConceptChips ids={relatedConcepts} />
        </>
      ) : null}
      <p className="hint">{t('emptyTips')}</p>
      <p>
        <Link href={toSearchHref(newSearch({}))}>{t('browseAll')}</Link>
      </p>
    </section>
  );
}
