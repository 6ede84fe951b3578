import { useId, type ReactNode } from 'react';
import { formatNumber } from '../../i18n/catalog';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { insightMessages } from './messages';

/** Cells are text, numbers or (for links) elements; never HTML strings. */
export type Row = ReactNode[];

/** A titled table of plain-text cells (queries are shown as text, never as markup) with its CSV download. */
export function ReportTable({ title, columns, rows, csvHref }: { title: string; columns: string[]; rows: Row[]; csvHref?: string }) {
  const t = useT(insightMessages);
  const { lang } = useLanguage();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th key={j} scope="row" className="query-cell" dir="auto">
                      {cell}
                    </th>
                  ) : (
                    <td key={j}>{typeof cell === 'number' ? formatNumber(lang, cell) : cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {csvHref ? (
        <p>
          <a href={csvHref} download>
            {t('downloadCsv')}
          </a>
        </p>
      ) : null}
    </section>
  );
}

