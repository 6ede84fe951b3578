import { useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { searchMessages } from './messages';
import { toSearchHref, type SearchState } from './searchState';

/** Pages around the current one plus first and last: short enough for a 360 px screen. */
export function listPageNumbers(current: number, total: number): (number | 'gap')[] {
  const pages = new Set([1, total, current - 1, current, current + 1].filter((p) => p >= 1 && p <= total));
  const sorted = [...pages].sort((a, b) => a - b);
  const result: (number | 'gap')[] = [];
  for (const page of sorted) {
    const previous = result[result.length - 1];
    if (typeof previous === 'number' && page - previous > 1) result.push('gap');
    result.push(page);
  }
  return result;
}

export function Pagination({ state, totalPages }: { state: SearchState; totalPages: number }) {
  const t = useT(searchMessages);
  if (totalPages <= 1) return null;
  const hrefFor = (page: number) => toSearchHref({ ...state, page });
  return (
    <nav className="pagination" aria-label={t('pagination')}>
      <ul>
        {state.page > 1 ? (
          <li>
            <Link href={hrefFor(state.page - 1)} rel="prev">
              {t('previousPage')}
            </Link>
          </li>
        ) : null}
        {listPageNumbers(state.page, totalPages).map((page, index) =>
          page === 'gap' ? (
            <li key={`gap-${index}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={page}>
              <Link
                href={hrefFor(page)}
                aria-current={page === state.page ? 'page' : undefined}
                aria-label={t('goToPage', { n: page })}
              >
                {page}
              </Link>
            </li>
          ),
        )}
        {state.page < totalPages ? (
          <li>
            <Link href={hrefFor(state.page + 1)} rel="next">
              {t('nextPage')}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
