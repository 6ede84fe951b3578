import type { CoverageDto } from '@mep/api/contracts';
import { useId } from 'react';
import { formatNumber } from '../../i18n/catalog';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { insightMessages } from './messages';

type Party = CoverageDto['parties'][number];

/** Four shades, lightest for the fewest documents; text stays black on all of them (contrast ≥ 7:1). */
function shade(documents: number, max: number): number {
  if (max <= 0) return 0;
  return Math.min(3, Math.floor((documents / max) * 4));
}

/**
 * A tile map of parties, grouped by UN regional group (one tile per party, coloured by its number of
 * documents, each tile a link to its search), with the same figures in a table.
 */
export function PartyTiles({ parties }: { parties: Party[] }) {
  const t = useT(insightMessages);
  const { lang } = useLanguage();
  const conceptLabel = useConceptLabel();
  const headingId = useId();
  const max = Math.max(0, ...parties.map((p) => p.documents));
  const groups = new Map<string, Party[]>();
  for (const party of parties) groups.set(party.group ?? '', [...(groups.get(party.group ?? '') ?? []), party]);
  const tileName = (p: Party) => t('tileLabel', { party: conceptLabel(p.id), documents: p.documents, reports: p.nationalReports, plans: p.actionPlans });
  return (
    <section className="figure party-tiles" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('partiesTitle')}</h2>
      <p className="figure-summary">
        {t('partiesSummary', { count: parties.length, reports: parties.filter((p) => p.nationalReports > 0).length, plans: parties.filter((p) => p.actionPlans > 0).length })}
      </p>
      <p className="hint">{t('legend')}</p>
      {[...groups].map(([group, members]) => (
        <div key={group} className="tile-group">
          <h3>{group ? conceptLabel(group) : t('noGroup')}</h3>
          <ul className="tiles">
            {members.map((p) => (
              <li key={p.id}>
                {/* The visible code and count start the accessible name; the full sentence follows for screen readers. */}
                <Link href={`/search?${p.search}`} className={`tile tile-${shade(p.documents, max)}`} title={tileName(p)}>
                  <span className="tile-code">{p.iso3}</span> <span className="tile-count">{formatNumber(lang, p.documents)}</span>
                  <span className="visually-hidden">: {tileName(p)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <details className="figure-table">
        <summary>{t('showTable')}</summary>
        <table>
          <caption>{t('partiesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colParty')}</th>
              <th scope="col">{t('colDocuments')}</th>
              <th scope="col">{t('colReports')}</th>
              <th scope="col">{t('colPlans')}</th>
            </tr>
          </thead>
          <tbody>
            {parties.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link href={`/search?${p.search}`}>{conceptLabel(p.id)}</Link>
                </th>
                <td>{formatNumber(lang, p.documents)}</td>
                <td>{formatNumber(lang, p.nationalReports)}</td>
                <td>{formatNumber(lang, p.actionPlans)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <p className="figure-downloads">
        <a href={`/api/dashboards/csv/parties?lang=${lang}`} download>
          {t('downloadCsv')}
        </a>
      </p>
    </section>
  );
}
