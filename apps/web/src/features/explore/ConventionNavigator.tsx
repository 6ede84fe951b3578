import { useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { useConventionLabel } from '../../taxonomy/TaxonomyProvider';
import { ANNEX_IDS, ARTICLE_IDS, conventionRefHref } from './convention';
import { exploreMessages } from './messages';

function RefList({ ids, counts }: { ids: string[]; counts: Record<string, number> }) {
  const t = useT(exploreMessages);
  const conventionLabel = useConventionLabel();
  return (
    <ol className="convention-list">
      {ids.map((id) => {
        const { ref, title } = conventionLabel(id);
        return (
          <li key={id}>
            <Link href={conventionRefHref(id)}>
              <span className="ref">{ref}</span>
              {title ? <span className="ref-title">{title}</span> : null}
            </Link>
            <span className="ref-count">{t('referringCount', { count: counts[id] ?? 0 })}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** Articles 1–35 and Annexes A–E with their titles and how many documents refer to each. */
export function ConventionNavigator({ articleCounts }: { articleCounts: Record<string, number> }) {
  const t = useT(exploreMessages);
  return (
    <section aria-labelledby="navigator-heading" className="navigator">
      <h2 id="navigator-heading">{t('navigatorHeading')}</h2>
      <p>{t('navigatorIntro')}</p>
      <div className="navigator-columns">
        <div>
          <h3>{t('articlesHeading')}</h3>
          <RefList ids={ARTICLE_IDS} counts={articleCounts} />
        </div>
        <div>
          <h3>{t('annexesHeading')}</h3>
          <RefList ids={ANNEX_IDS} counts={articleCounts} />
        </div>
      </div>
    </section>
  );
}
