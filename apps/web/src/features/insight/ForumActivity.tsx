import type { ForumActivityDto } from '@mep/api/contracts';
import { useId } from 'react';
import { formatNumber } from '../../i18n/catalog';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { BarFigure } from './BarFigure';
import { insightMessages } from './messages';

/**
 * The discussions search has no theme filter (yet): a theme's bar searches the discussions for its label in the
 * reader's language, the nearest search there is.
 */
const discussionsSearch = (label: string) => new URLSearchParams({ tab: 'discussions', q: label }).toString();

/** Forum activity by thematic area: posts per theme as a chart (linked to the discussions search), and the table by year. */
export function ForumActivity({ rows }: { rows: ForumActivityDto['rows'] }) {
  const t = useT(insightMessages);
  const { lang } = useLanguage();
  const conceptLabel = useConceptLabel();
  const headingId = useId();
  const perTheme = new Map<string, number>();
  for (const row of rows) perTheme.set(row.theme, (perTheme.get(row.theme) ?? 0) + row.posts);
  const bars = [...perTheme]
    .map(([id, count]) => ({ id, count, label: conceptLabel(id), search: discussionsSearch(conceptLabel(id)) }))
    .sort((a, b) => b.count - a.count);
  const total = rows.reduce((sum, r) => sum + r.posts, 0);
  return (
    <section className="figure" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('forumTitle')}</h2>
      <p className="figure-summary">{t('forumSummary', { count: total })}</p>
      {bars.length ? <BarFigure title={t('colPosts')} bars={bars} csvHref={`/api/dashboards/csv/forum-activity?lang=${lang}`} /> : <p>{t('noData')}</p>}
      {rows.length ? (
        <table>
          <caption>{t('forumTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colTheme')}</th>
              <th scope="col">{t('colYear')}</th>
              <th scope="col">{t('colThreads')}</th>
              <th scope="col">{t('colPosts')}</th>
              <th scope="col">{t('colParticipants')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.theme}-${r.year}`}>
                <th scope="row">
                  <Link href={`/search?${discussionsSearch(conceptLabel(r.theme))}`}>{conceptLabel(r.theme)}</Link>
                </th>
                <td>{r.year}</td>
                <td>{formatNumber(lang, r.threads)}</td>
                <td>{formatNumber(lang, r.posts)}</td>
                <td>{formatNumber(lang, r.participants)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
