import type { DocumentConcept } from '../../api/types';
import { commonMessages } from '../../app/messages';
import { useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { FollowConceptButton } from '../follows/FollowConceptButton';
import { conceptSearchHref } from '../search/searchState';
import { cropText } from './format';
import { documentMessages } from './messages';

const GROUPS = [
  { key: 'groupThemes', schemes: ['theme'] },
  { key: 'groupArticles', schemes: ['article', 'annex'] },
  { key: 'groupTopics', schemes: ['topic'] },
  { key: 'groupPlaces', schemes: ['party', 'region', 'group'] },
  { key: 'groupOther', schemes: [] },
] as const;

const KNOWN_SCHEMES = new Set<string>(GROUPS.flatMap((group) => [...group.schemes]));
/** Evidence lines per concept: enough to judge the tag without drowning the page. */
const MAX_EVIDENCE = 3;

function ConceptItem({ concept, pageHref }: { concept: DocumentConcept; pageHref: (page: number) => string }) {
  const t = useT(documentMessages);
  const tc = useT(commonMessages);
  const label = useConceptLabel()(concept.id);
  const evidence = concept.evidence.slice(0, MAX_EVIDENCE);
  return (
    <li className="concept">
      <Link className="chip" href={conceptSearchHref(concept.id, label)}>
        {label}
      </Link>{' '}
      <FollowConceptButton conceptId={concept.id} />
      {evidence.length > 0 ? (
        <details className="evidence">
          <summary>
            {t('evidenceSummary', { count: concept.count || concept.evidence.length })}
            <span className="visually-hidden"> — {label}</span>
          </summary>
          <ul>
            {evidence.map((item, index) => (
              <li key={index}>
                <Link href={pageHref(item.page)}>{tc('pageN', { n: item.page })}</Link>: <q>{cropText(item.text)}</q>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

/** The document's concepts grouped by scheme, each a chip to a filtered search plus its evidence. */
export function ConceptList({ concepts, pageHref }: { concepts: DocumentConcept[]; pageHref: (page: number) => string }) {
  const t = useT(documentMessages);
  const sorted = [...concepts].sort((a, b) => b.score - a.score);
  return (
    <>
      {GROUPS.map((group) => {
        const members = sorted.filter((c) =>
          group.schemes.length === 0 ? !KNOWN_SCHEMES.has(c.scheme) && c.scheme !== 'doctype' : (group.schemes as readonly string[]).includes(c.scheme),
        );
        if (members.length === 0) return null;
        return (
          <div key={group.key} className="concept-group">
            <h3>{t(group.key)}</h3>
            <ul className="concept-list">
              {members.map((concept) => (
                <ConceptItem key={concept.id} concept={concept} pageHref={pageHref} />
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}
