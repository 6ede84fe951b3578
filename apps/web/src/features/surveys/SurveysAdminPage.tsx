import type { SurveyDto, SurveyListDto } from '@mep/api/contracts';
import { useState } from 'react';
import { ApiError, send } from '../../api/client';
import { useApi } from '../../api/useApi';
import type { PageProps } from '../../app/routeTypes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { formatNumber } from '../../i18n/catalog';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { navigate } from '../../router/history';
import { Link } from '../../router/Router';
import { isCurator, useSession } from '../account/session';
import { surveyMessages } from './messages';
import { SurveyEditor } from './SurveyEditor';
import { SurveyResults } from './SurveyResults';
import { textIn } from './text';
import './surveys.css';

/** One survey for curators: open / close it, edit it, read its results. */
function SurveyDetail({ id }: { id: number }) {
  const t = useT(surveyMessages);
  const { lang } = useLanguage();
  const [version, setVersion] = useState(0);
  const [error, setError] = useState('');
  const list = useApi<SurveyListDto>(`/api/insight/surveys?v=${version}`);
  const survey = list.state.data?.items.find((s) => s.id === id);
  if (list.state.status === 'error') return <ErrorPanel error={list.state.error} onRetry={list.retry} />;
  if (!list.state.data) return <Loading />;
  if (!survey) return <ErrorPanel error={new ApiError('not-found', 'Not found', 404)} />;
  const setStatus = (status: 'open' | 'closed') =>
    send<SurveyDto>('POST', `/api/insight/surveys/${id}/status`, { status }).then(
      () => setVersion((v) => v + 1),
      (caught: unknown) => setError((caught as Error).message),
    );
  return (
    <>
      <p>
        <Link href="/insight/surveys">{t('allSurveys')}</Link>
      </p>
      <h2 dir="auto">{textIn(survey.title, lang)}</h2>
      <p>
        {t('colStatus')}: <strong>{t(`status_${survey.status}`)}</strong> · {t('colResponses')}: {formatNumber(lang, survey.responses)} ·{' '}
        <Link href={`/surveys/${id}`}>{t('publicPage')}</Link>
      </p>
      <p>
        {survey.status === 'draft' ? (
          <button type="button" className="button button-primary" onClick={() => void setStatus('open')}>
            {t('openSurvey')}
          </button>
        ) : survey.status === 'open' ? (
          <button type="button" className="button" onClick={() => void setStatus('closed')}>
            {t('closeSurvey')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => void setStatus('open')}>
            {t('reopenSurvey')}
          </button>
        )}
      </p>
      {error ? <p role="alert">{error}</p> : null}
      {survey.status !== 'closed' ? <SurveyEditor key={`${survey.id}-${survey.responses > 0}`} survey={survey} locked={survey.responses > 0} onSaved={() => setVersion((v) => v + 1)} /> : null}
      <SurveyResults surveyId={id} version={version} />
    </>
  );
}

/** The surveys as a table with their status and number of responses. */
function SurveyList() {
  const t = useT(surveyMessages);
  const { lang } = useLanguage();
  const { state, retry } = useApi<SurveyListDto>('/api/insight/surveys');
  if (state.status === 'error') return <ErrorPanel error={state.error} onRetry={retry} />;
  if (!state.data) return <Loading />;
  return (
    <>
      <p>
        <Link href="/insight/surveys/new" className="button button-primary">
          {t('newSurvey')}
        </Link>
      </p>
      {state.data.items.length === 0 ? (
        <p>{t('noSurveys')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t('surveysTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colTitle')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('colResponses')}</th>
            </tr>
          </thead>
          <tbody>
            {state.data.items.map((survey) => (
              <tr key={survey.id}>
                <th scope="row">
                  <Link href={`/insight/surveys/${survey.id}`}>
                    <span dir="auto">{textIn(survey.title, lang)}</span>
                  </Link>
                </th>
                <td>{t(`status_${survey.status}`)}</td>
                <td>{formatNumber(lang, survey.responses)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Curators' surveys: `/insight/surveys` (list), `/insight/surveys/new`, `/insight/surveys/:id` (edit, open/close, results). */
export default function SurveysAdminPage({ params }: PageProps) {
  const t = useT(surveyMessages);
  const session = useSession();
  useDocumentTitle(t('surveysTitle'));
  if (session.status === 'loading') return <Loading />;
  const id = params.id && /^\d{1,9}$/.test(params.id) ? Number(params.id) : null;
  return (
    <div className="page survey-admin">
      <PageHeading>{t('surveysTitle')}</PageHeading>
      {!isCurator(session.user) ? (
        <ErrorPanel error={new ApiError('http', 'Forbidden', 403, 'forbidden')} />
      ) : params.id === undefined ? (
        <SurveyList />
      ) : params.id === 'new' ? (
        <>
          <p>
            <Link href="/insight/surveys">{t('allSurveys')}</Link>
          </p>
          <SurveyEditor survey={null} locked={false} onSaved={(saved) => navigate(`/insight/surveys/${saved.id}`)} />
        </>
      ) : id ? (
        <SurveyDetail id={id} />
      ) : (
        <ErrorPanel error={new ApiError('not-found', 'Not found', 404)} />
      )}
    </div>
  );
}
