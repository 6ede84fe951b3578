import { formatDateTime } from '../../i18n/dates';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { useSession } from '../account/session';
import { conceptSearchHref } from '../search/searchState';
import { FollowConceptButton } from './FollowConceptButton';
import { useFollowedConcepts } from './followStore';
import { followMessages } from './messages';

/** The profile's "Following" list: each followed concept, a link to its documents and an unfollow button. */
export function FollowingList() {
  const t = useT(followMessages);
  const { lang } = useLanguage();
  const label = useConceptLabel();
  const follows = useFollowedConcepts(useSession().user?.id ?? null);
  return (
    <section aria-labelledby="following-heading">
      <h2 id="following-heading">{t('followingHeading')}</h2>
      <p>{t('followingHint')}</p>
      {follows.status === 'error' ? <p className="error-panel">{t('followingUnavailable')}</p> : null}
      {follows.status === 'ready' && !follows.items.length ? <p className="hint">{t('followingEmpty')}</p> : null}
      <ul className="following-list">
        {follows.items.map((item) => (
          <li key={item.conceptId}>
            <Link href={conceptSearchHref(item.conceptId, label(item.conceptId))}>{label(item.conceptId)}</Link>{' '}
            <span className="hint">{t('followingSince', { date: formatDateTime(lang, item.followedAt) })}</span>{' '}
            <FollowConceptButton conceptId={item.conceptId} />
          </li>
        ))}
      </ul>
    </section>
  );
}
