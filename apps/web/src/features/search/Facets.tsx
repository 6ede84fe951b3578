import { useId, useState } from 'react';
import { FACET_KEYS, type FacetCounts, type FacetKey } from '../../api/types';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { formatNumber } from '../../i18n/catalog';
import { searchMessages, FACET_TITLE_KEYS } from './messages';
import type { SearchState } from './searchState';
import { useFacetLabel } from './useFacetLabel';

/** Long facets (parties, articles) show this many values until the reader asks for all. */
const COLLAPSED_SIZE = 8;
/**
 * Facets open at first; the others are closed (a keyboard reader passes them with one Tab each)
 * unless one of their values is selected.
 */
const OPEN_FACETS: readonly FacetKey[] = ['theme', 'doctype'];

interface FacetValue {
  value: string;
  count: number;
  label: string;
}

function compareArticleIds(a: string, b: string): number {
  const rank = (id: string) => {
    const [scheme, ref = ''] = id.split(':');
    return scheme === 'article' ? Number(ref) : 100 + ref.charCodeAt(0);
  };
  return rank(a) - rank(b);
}

/** Articles in Convention order, years newest first, parties alphabetically, the rest by count. */
function sortFacetValues(facet: FacetKey, values: FacetValue[], lang: string): FacetValue[] {
  const sorted = [...values];
  if (facet === 'article') sorted.sort((a, b) => compareArticleIds(a.value, b.value));
  else if (facet === 'year') sorted.sort((a, b) => b.value.localeCompare(a.value));
  else if (facet === 'party') sorted.sort((a, b) => a.label.localeCompare(b.label, lang));
  else sorted.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, lang));
  return sorted;
}

function FacetGroup({
  facet,
  counts,
  selected,
  onToggle,
}: {
  facet: FacetKey;
  counts: Record<string, number>;
  selected: string[];
  onToggle: (facet: FacetKey, value: string) => void;
}) {
  const t = useT(searchMessages);
  const { lang } = useLanguage();
  const labelOf = useFacetLabel();
  const [expanded, setExpanded] = useState(false);
  const [open, setOpen] = useState(() => OPEN_FACETS.includes(facet) || selected.length > 0);
  const listId = useId();
  // a selected value stays visible even when the current results have none of it
  const values = new Set([...Object.keys(counts), ...selected]);
  const items = sortFacetValues(
    facet,
    [...values].map((value) => ({ value, count: counts[value] ?? 0, label: labelOf(facet, value) })),
    lang,
  );
  if (items.length === 0) return null;
  const shown = expanded ? items : items.slice(0, COLLAPSED_SIZE);
  return (
    <details className="facet" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="facet-summary">
        {t(FACET_TITLE_KEYS[facet])}
        {selected.length > 0 ? <span className="facet-count"> ({formatNumber(lang, selected.length)})</span> : null}
      </summary>
      <fieldset className="facet-fieldset">
      <legend className="visually-hidden">{t(FACET_TITLE_KEYS[facet])}</legend>
      <ul id={listId} className="facet-values">
        {shown.map((item) => {
          const id = `${listId}-${item.value}`;
          return (
            <li key={item.value}>
              <input
                type="checkbox"
                id={id}
                checked={selected.includes(item.value)}
                onChange={() => onToggle(facet, item.value)}
              />
              <label htmlFor={id}>
                <span className="facet-label">{item.label}</span>{' '}
                <span className="facet-count">({formatNumber(lang, item.count)})</span>
              </label>
            </li>
          );
        })}
      </ul>
      {items.length > COLLAPSED_SIZE ? (
        <button type="button" className="link-button" aria-expanded={expanded} aria-controls={listId} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('showFewer') : t('showAll', { count: items.length })}
        </button>
      ) : null}
      </fieldset>
    </details>
  );
}

export function Facets({
  facets,
  state,
  onToggle,
}: {
  facets: Partial<FacetCounts>;
  state: SearchState;
  onToggle: (facet: FacetKey, value: string) => void;
}) {
  return (
    <>
      {FACET_KEYS.map((facet) => (
        <FacetGroup key={facet} facet={facet} counts={facets[facet] ?? {}} selected={state.filters[facet]} onToggle={onToggle} />
      ))}
    </>
  );
}
