import { conceptSearchHref } from '../features/search/searchState';
import { Link } from '../router/Router';
import { useConceptLabel } from '../taxonomy/TaxonomyProvider';

/** Concepts as chips, each opening a search filtered by (or, lacking a facet, for) that concept. */
export function ConceptChips({ ids }: { ids: string[] }) {
  const label = useConceptLabel();
  return (
    <ul className="chip-list">
      {ids.map((id) => (
        <li key={id}>
          <Link className="chip" href={conceptSearchHref(id, label(id))}>
            {label(id)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
