import { FACET_KEYS } from '../../api/types';
import { useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { searchMessages } from './messages';
import { clearFilters, hasFilters, removeFilter, toSearchHref, type SearchState } from './searchState';
import { useFacetLabel } from './useFacetLabel';

/** Selected filters as removable chips, plus "clear all"; links, so each removal is a history step. */
export function ActiveFilters({ state }: { state: SearchState }) {
  const t = useT(searchMessages);
  const labelOf = useFacetLabel();
  if (!hasFilters(state)) return null;
  return (
    <div className="active-filters">
      <p id="active-filters-title" className="visually-hidden">
        {t('activeFilters')}
      </p>
      <ul aria-labelledby="active-filters-title">
        {FACET_KEYS.flatMap((facet) =>
          state.filters[facet].map((value) => (
            <li key={`${facet}:${value}`}>
              <Link className="chip chip-removable" href={toSearchHref(removeFilter(state, facet, value))} aria-label={t('removeFilter', { label: labelOf(facet, value) })}>
                {labelOf(facet, value)} <span aria-hidden="true">×</span>
              </Link>
            </li>
          )),
        )}
        <li>
          <Link className="clear-filters" href={toSearchHref(clearFilters(state))}>
            {t('clearFilters')}
          </Link>
        </li>
      </ul>
    </div>
  );
}
