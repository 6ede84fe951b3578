import type { CoverageBarDto } from '@mep/api/contracts';
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../i18n/catalog';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { getDirection } from '../../i18n/languages';
import { navigate } from '../../router/history';
import { Link } from '../../router/Router';
import { insightMessages } from './messages';

/** Bars drawn at most (the table and the CSV carry every value). */
const MAX_BARS = 15;
const BAR_PX = 26;

export interface LabelledBar extends CoverageBarDto {
  label: string;
}

/**
 * One figure: a text summary, a horizontal SVG bar chart (recharts; each bar opens the filtered search) and
 * the same figures as a table with links, which is what screen readers and keyboards use — the chart itself
 * is hidden from assistive technology. In right-to-left languages the bars grow from the right.
 */
export function BarFigure({ title, bars, csvHref }: { title: string; bars: LabelledBar[]; csvHref: string }) {
  const t = useT(insightMessages);
  const { lang } = useLanguage();
  const rtl = getDirection(lang) === 'rtl';
  const headingId = useId();
  const shown = bars.slice(0, MAX_BARS);
  const top = shown
    .slice(0, 3)
    .map((b) => t('summaryItem', { label: b.label, n: b.count }))
    .join(', ');
  return (
    <section className="figure" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {bars.length === 0 ? (
        <p>{t('noData')}</p>
      ) : (
        <>
          <p className="figure-summary">{t('summaryTop', { count: bars.length, top })}</p>
          <div className="chart" aria-hidden="true" style={{ height: shown.length * BAR_PX + 40 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={shown} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 16 }} accessibilityLayer={false}>
                <CartesianGrid horizontal={false} strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} reversed={rtl} tickFormatter={(n: number) => formatNumber(lang, n)} />
                <YAxis type="category" dataKey="label" width={180} orientation={rtl ? 'right' : 'left'} tick={{ fontSize: 12 }} interval={0} />
                <Tooltip formatter={(value) => formatNumber(lang, Number(value))} />
                <Bar dataKey="count" name={t('colDocuments')} isAnimationActive={false} cursor="pointer" onClick={(entry) => navigate(`/search?${(entry as unknown as { payload: LabelledBar }).payload.search}`)}>
                  {shown.map((bar) => (
                    <Cell key={bar.id} className="chart-bar" data-bar-id={bar.id} fill="#1d5fa8" />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="figure-table">
            <summary>{t('showTable')}</summary>
            <table>
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colValue')}</th>
                  <th scope="col">{t('colDocuments')}</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((bar) => (
                  <tr key={bar.id}>
                    <th scope="row">
                      <Link href={`/search?${bar.search}`}>{bar.label}</Link>
                    </th>
                    <td>{formatNumber(lang, bar.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <p className="figure-downloads">
            <a href={csvHref} download>
              {t('downloadCsv')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
