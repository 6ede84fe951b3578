import type { SatisfactionDto } from '@mep/api/contracts';
import { useId } from 'react';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { insightMessages } from './messages';
import { ReportTable } from './ReportTable';

/** Themes drawn in the chart at most (the tables and CSV carry every one). */
const MAX_BARS = 15;

/**
 * "Was this useful?" over the chosen period: by thematic area (a text summary, a bar per area split into
 * yes and no — hidden from assistive technology — and the same figures as a table), by area and month, by
 * month and by document, each with its CSV.
 */
export function Satisfaction({ data, query }: { data: SatisfactionDto; query: string }) {
  const t = useT(insightMessages);
  const { lang } = useLanguage();
  const conceptLabel = useConceptLabel();
  const headingId = useId();
  const csv = (table: string) => `/api/insight/satisfaction/csv?${query}&table=${table}&lang=${lang}`;
  const pct = (yes: number, no: number) => (yes + no ? new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(yes / (yes + no)) : '—');
  const shown = data.byTheme.slice(0, MAX_BARS);
  const widest = Math.max(1, ...shown.map((r) => r.yes + r.no));
  const worst = data.byTheme.filter((r) => r.no > 0).slice(0, 3);
  return (
    <section className="satisfaction" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('satisfactionByTheme')}</h2>
      <p className="hint">{t('satisfactionThemeNote')}</p>
      {data.byTheme.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <>
          <p className="figure-summary">
            {worst.length ? t('satisfactionSummary', { count: data.byTheme.length, top: worst.map((r) => t('summaryItem', { label: conceptLabel(r.theme), n: r.no })).join(', ') }) : t('satisfactionAllYes', { count: data.byTheme.length })}
          </p>
          <div className="satisfaction-chart" aria-hidden="true">
            {shown.map((r) => (
              <div className="satisfaction-bar" key={r.theme}>
                <span className="satisfaction-label">{conceptLabel(r.theme)}</span>
                <span className="satisfaction-track">
                  <span className="satisfaction-yes" style={{ inlineSize: `${(r.yes / widest) * 100}%` }} title={`${t('colYes')}: ${r.yes}`} />
                  <span className="satisfaction-no" style={{ inlineSize: `${(r.no / widest) * 100}%` }} title={`${t('colNo')}: ${r.no}`} />
                </span>
              </div>
            ))}
            <p className="hint">
              <span className="satisfaction-key satisfaction-yes" /> {t('colYes')} <span className="satisfaction-key satisfaction-no" /> {t('colNo')}
            </p>
          </div>
        </>
      )}
      <ReportTable
        title={t('satisfactionThemeTable')}
        columns={[t('colTheme'), t('colYes'), t('colNo'), t('colShareYes')]}
        rows={data.byTheme.map((r) => [conceptLabel(r.theme), r.yes, r.no, pct(r.yes, r.no)])}
        csvHref={csv('theme')}
      />
      <ReportTable
        title={t('satisfactionThemeMonth')}
        columns={[t('colTheme'), t('colMonth'), t('colYes'), t('colNo')]}
        rows={data.byThemeMonth.map((r) => [conceptLabel(r.theme), r.month, r.yes, r.no])}
        csvHref={csv('theme-month')}
      />
      <ReportTable title={t('satisfaction')} columns={[t('colMonth'), t('colYes'), t('colNo'), t('colShareYes')]} rows={data.byMonth.map((m) => [m.month, m.yes, m.no, pct(m.yes, m.no)])} csvHref={csv('month')} />
      <ReportTable
        title={t('satisfactionByDocument')}
        columns={[t('colDocument'), t('colYes'), t('colNo'), t('colShareYes')]}
        rows={data.byDocument.map((d) => [
          <Link key="d" href={`/documents/${encodeURIComponent(d.documentId)}`}>
            {d.title ?? d.documentId}
          </Link>,
          d.yes,
          d.no,
          pct(d.yes, d.no),
        ])}
        csvHref={csv('document')}
      />
    </section>
  );
}
