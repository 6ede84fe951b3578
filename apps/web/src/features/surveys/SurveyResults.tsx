import type { SurveyResultsDto } from '@mep/api/contracts';
import { useId } from 'react';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { formatNumber } from '../../i18n/catalog';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { surveyMessages } from './messages';
import { textIn } from './text';

/** A small table of labelled counts. */
function CountTable({ caption, rows }: { caption: string; rows: Array<{ label: string; count: number }> }) {
  const t = useT(surveyMessages);
  const { lang } = useLanguage();
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('colAnswer')}</th>
          <th scope="col">{t('colCount')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            <th scope="row" dir="auto">
              {row.label}
            </th>
            <td>{formatNumber(lang, row.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Curators: responses per party and, per question, the counts per option or scale value and the free texts (as text). */
export function SurveyResults({ surveyId, version }: { surveyId: number; version: number }) {
  const t = useT(surveyMessages);
  const { lang } = useLanguage();
  const conceptLabel = useConceptLabel();
  const headingId = useId();
  const { state, retry } = useApi<SurveyResultsDto>(`/api/insight/surveys/${surveyId}/results?v=${version}`);
  const data = state.data;
  return (
    <section className="survey-results" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('resultsTitle')}</h2>
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : null}
      {!data ? <Loading /> : null}
      {data ? (
        <>
          <p role="status">{t('responsesLine', { count: data.responses })}</p>
          <p>
            <a href={`/api/insight/surveys/${surveyId}/csv?lang=${lang}`} download>
              {t('downloadCsv')}
            </a>
          </p>
          {data.parties.length ? (
            <>
              <h3>{t('partiesHeading')}</h3>
              <CountTable caption={t('partiesHeading')} rows={data.parties.map((p) => ({ label: conceptLabel(p.party), count: p.responses }))} />
            </>
          ) : null}
          {data.questions.map((result, index) => {
            const question = data.survey.questions.find((q) => q.id === result.id);
            if (!question) return null;
            const title = `${index + 1}. ${textIn(question.text, lang)}`;
            return (
              <section key={result.id} className="survey-question-result" data-question-id={result.id}>
                <h3 dir="auto">{title}</h3>
                <p>{t('answeredLine', { count: result.answered })}</p>
                {result.counts.length ? (
                  <CountTable
                    caption={title}
                    rows={result.counts.map((c) => ({ label: question.kind === 'scale' ? c.value : textIn(question.options.find((o) => o.id === c.value)?.text ?? {}, lang) || c.value, count: c.count }))}
                  />
                ) : null}
                {result.mean !== null ? <p>{t('meanLine', { mean: formatNumber(lang, result.mean) })}</p> : null}
                {question.kind === 'text' ? (
                  result.texts.length ? (
                    <ul className="texts" aria-label={t('textAnswers')}>
                      {result.texts.map((text, i) => (
                        <li key={i} dir="auto">
                          {text}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p>{t('noResponses')}</p>
                  )
                ) : null}
              </section>
            );
          })}
        </>
      ) : null}
    </section>
  );
}
