import type { AnswersResponse } from '@mep/api/contracts';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { documentTextProps } from '../../i18n/languages';
import { navigate } from '../../router/history';
import { Link, useSearchParams } from '../../router/Router';
import { useConceptLabel, useConventionLabel } from '../../taxonomy/TaxonomyProvider';
import { answerLabel } from './answerLabel';
import { reportMessages } from './messages';

const ARTICLES = Array.from({ length: 35 }, (_, i) => i + 1);
/** Parsed answers below this confidence say so beside the answer. */
const UNSURE_BELOW = 0.9;

/** Reads `?article=17&question=1`, falling back to Article 17 (information exchange) and its first question. */
function useSelection(): { article: number; question: string | null } {
  const params = useSearchParams();
  const n = Number(params.get('article'));
  return { article: Number.isInteger(n) && n >= 1 && n <= 35 ? n : 17, question: params.get('question') };
}

function select(article: number, question: string | null): void {
  navigate(`/implementation?article=${article}${question ? `&question=${encodeURIComponent(question)}` : ''}`, { replace: true });
}

/** Pick an article and a question; see every reporting party's answer, each linking to its report page. */
export default function ImplementationPage() {
  const t = useT(reportMessages);
  const { lang } = useLanguage();
  const conventionLabel = useConventionLabel();
  const conceptLabel = useConceptLabel();
  const { article, question } = useSelection();
  useDocumentTitle(t('implementationTitle'));
  const { state, retry } = useApi<AnswersResponse>(`/api/answers?article=article:${article}&limit=5000`);

  const questions = new Map<string, string>();
  if (state.status === 'success') for (const a of state.data.answers) if (!questions.has(a.question)) questions.set(a.question, a.questionText);
  const chosen = question && questions.has(question) ? question : ([...questions.keys()][0] ?? null);
  const rows = state.status === 'success' ? state.data.answers.filter((a) => a.question === chosen) : [];

  return (
    <div className="page implementation-page">
      <PageHeading>{t('implementationTitle')}</PageHeading>
      <p>{t('implementationIntro')}</p>
      <form className="implementation-controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('articleLabel')}
          <select value={article} onChange={(e) => select(Number(e.target.value), null)}>
            {ARTICLES.map((n) => {
              const { ref, title } = conventionLabel(`article:${n}`);
              return (
                <option key={n} value={n}>
                  {title ? `${ref}: ${title}` : ref}
                </option>
              );
            })}
          </select>
        </label>
        {questions.size > 0 && (
          <label>
            {t('questionLabel')}
            <select value={chosen ?? ''} onChange={(e) => select(article, e.target.value)}>
              {[...questions].map(([q, text]) => (
                <option key={q} value={q}>
                  {`${q}. ${text}`.slice(0, 160)}
                </option>
              ))}
            </select>
          </label>
        )}
      </form>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorPanel error={state.error} onRetry={retry} />}
      {state.status === 'success' && questions.size === 0 && <p>{t('noQuestions')}</p>}
      {rows.length > 0 && (
        <>
          <div className="table-scroll" role="group" aria-labelledby="answers-caption" tabIndex={0}>
            <table className="answers-table">
              <caption id="answers-caption">{t('answersCaption', { count: rows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colParty')}</th>
                  <th scope="col">{t('colAnswer')}</th>
                  <th scope="col">{t('colDetails')}</th>
                  <th scope="col">{t('colReport')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.documentId}>
                    <th scope="row">{a.party ? <Link href={`/parties/${a.party.slice(6)}`}>{conceptLabel(a.party)}</Link> : t('partyUnknown')}</th>
                    <td>
                      {answerLabel(t, lang, a)}
                      {a.source === 'curator' ? <span className="answer-note"> ({t('curated')})</span> : a.confidence < UNSURE_BELOW ? <span className="answer-note"> ({t('unsure')})</span> : null}
                    </td>
                    <td {...documentTextProps(a.language)}>{a.explanation ?? ''}</td>
                    <td>
                      <Link href={a.reportUrl}>{t('reportPage', { page: a.page })}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <a href={`/api/answers?article=article:${article}&question=${encodeURIComponent(chosen ?? '')}&format=csv`}>{t('downloadCsv')}</a>
          </p>
        </>
      )}
    </div>
  );
}
