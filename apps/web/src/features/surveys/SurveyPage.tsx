import type { SurveyAnsweredDto, SurveyForReaderDto, SurveyQuestionDto } from '@mep/api/contracts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, send } from '../../api/client';
import { useApi } from '../../api/useApi';
import type { PageProps } from '../../app/routeTypes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { useSession } from '../account/session';
import { surveyMessages } from './messages';
import { textIn } from './text';
import './surveys.css';

type Answers = SurveyAnsweredDto['answers'];
type Value = Answers[string];
type Outcome = { kind: 'saved' } | { kind: 'error'; key: 'errorRequired' | 'errorTooMany' | 'errorFailed' | 'closedNotice' } | null;

const SCALE = [1, 2, 3, 4, 5] as const;

const isEmpty = (value: Value | undefined) => value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** One question as a fieldset (its text is the legend): radios, checkboxes, a 1–5 scale or a text box. */
function Question({ question, value, invalid, disabled, onChange }: { question: SurveyQuestionDto; value: Value | undefined; invalid: boolean; disabled: boolean; onChange: (value: Value) => void }) {
  const t = useT(surveyMessages);
  const { lang } = useLanguage();
  const name = useId();
  const hintId = useId();
  const label = (
    <>
      <span dir="auto">{textIn(question.text, lang)}</span>
      {question.required ? (
        <>
          {' '}
          <span aria-hidden="true">*</span>
          <span className="visually-hidden">{t('requiredMark')}</span>
        </>
      ) : null}
    </>
  );
  return (
    <fieldset data-question-id={question.id} data-invalid={invalid || undefined} aria-describedby={question.kind === 'scale' ? hintId : undefined} disabled={disabled}>
      <legend>{label}</legend>
      {question.kind === 'single'
        ? question.options.map((option) => (
            <div className="choice" key={option.id}>
              <input type="radio" id={`${name}-${option.id}`} name={name} checked={value === option.id} onChange={() => onChange(option.id)} />
              <label htmlFor={`${name}-${option.id}`} dir="auto">
                {textIn(option.text, lang)}
              </label>
            </div>
          ))
        : null}
      {question.kind === 'multiple'
        ? question.options.map((option) => {
            const chosen = Array.isArray(value) ? value : [];
            return (
              <div className="choice" key={option.id}>
                <input
                  type="checkbox"
                  id={`${name}-${option.id}`}
                  checked={chosen.includes(option.id)}
                  onChange={(event) => onChange(event.target.checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id))}
                />
                <label htmlFor={`${name}-${option.id}`} dir="auto">
                  {textIn(option.text, lang)}
                </label>
              </div>
            );
          })
        : null}
      {question.kind === 'scale' ? (
        <>
          <p id={hintId} className="hint">
            {t('scaleHint')}
          </p>
          <div className="scale">
            {SCALE.map((n) => (
              <div className="choice" key={n}>
                <input type="radio" id={`${name}-${n}`} name={name} checked={value === n} onChange={() => onChange(n)} />
                <label htmlFor={`${name}-${n}`}>{n}</label>
              </div>
            ))}
          </div>
        </>
      ) : null}
      {question.kind === 'text' ? <textarea aria-label={textIn(question.text, lang)} dir="auto" rows={4} maxLength={2000} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value)} /> : null}
    </fieldset>
  );
}

/** A survey for respondents: signed-in users answer, and change their answers until it closes. */
export default function SurveyPage({ params }: PageProps) {
  const t = useT(surveyMessages);
  const { lang } = useLanguage();
  const session = useSession();
  const id = /^\d{1,9}$/.test(params.id ?? '') ? params.id! : null;
  const { state, retry } = useApi<SurveyForReaderDto>(id && session.status !== 'loading' ? `/api/surveys/${id}` : null);
  const [answers, setAnswers] = useState<Answers>({});
  const [invalid, setInvalid] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [sending, setSending] = useState(false);
  const [hasResponse, setHasResponse] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const data = state.data;
  useDocumentTitle(data ? textIn(data.survey.title, lang) : t('openSurveysTitle'));
  useEffect(() => {
    if (data?.response) {
      setAnswers(data.response.answers);
      setHasResponse(true);
    }
  }, [data]);

  if (!id) return <ErrorPanel error={new ApiError('not-found', 'Not found', 404)} />;
  if (session.status === 'loading' || (!data && state.status === 'loading')) return <Loading />;
  if (!data) return state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : <Loading />;
  const { survey } = data;
  const closed = survey.status === 'closed';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const missing = survey.questions.filter((q) => q.required && isEmpty(answers[q.id])).map((q) => q.id);
    setInvalid(missing);
    if (missing.length) {
      setOutcome({ kind: 'error', key: 'errorRequired' });
      formRef.current?.querySelector<HTMLInputElement>(`fieldset[data-question-id="${missing[0]}"] input, fieldset[data-question-id="${missing[0]}"] textarea`)?.focus();
      return;
    }
    const body = Object.fromEntries(Object.entries(answers).filter(([, v]) => !isEmpty(v)));
    setSending(true);
    setOutcome(null);
    send<SurveyAnsweredDto>('PUT', `/api/surveys/${survey.id}/response`, { answers: body }).then(
      (saved) => {
        setAnswers(saved.answers);
        setHasResponse(true);
        setOutcome({ kind: 'saved' });
        setSending(false);
      },
      (error: unknown) => {
        const status = error instanceof ApiError ? error.status : undefined;
        setOutcome({ kind: 'error', key: status === 409 ? 'closedNotice' : status === 429 ? 'errorTooMany' : error instanceof ApiError && error.code === 'answer_required' ? 'errorRequired' : 'errorFailed' });
        setSending(false);
      },
    );
  };

  return (
    <div className="page survey-page">
      <PageHeading>
        <span dir="auto">{textIn(survey.title, lang)}</span>
      </PageHeading>
      {textIn(survey.description, lang) ? (
        <p className="survey-description" dir="auto">
          {textIn(survey.description, lang)}
        </p>
      ) : null}
      {survey.status === 'draft' ? <p className="notice">{t('draftNotice')}</p> : null}
      {closed ? <p className="notice">{t('closedNotice')}</p> : null}
      {!session.user ? (
        <p>
          <Link href={`/sign-in?next=${encodeURIComponent(`/surveys/${survey.id}`)}`}>{t('signInToAnswer')}</Link>
        </p>
      ) : (
        <form ref={formRef} className="survey-form" onSubmit={onSubmit} noValidate>
          <p className="hint">{t('requiredHint')}</p>
          {survey.questions.map((question) => (
            <Question
              key={question.id}
              question={question}
              value={answers[question.id]}
              invalid={invalid.includes(question.id)}
              disabled={closed}
              onChange={(value) => {
                setAnswers((current) => ({ ...current, [question.id]: value }));
                setInvalid((current) => current.filter((q) => q !== question.id));
              }}
            />
          ))}
          {!closed ? (
            <button type="submit" className="button" disabled={sending}>
              {hasResponse ? t('update') : t('submit')}
            </button>
          ) : null}
          <div aria-live="polite">{outcome?.kind === 'saved' ? <p role="status">{t('saved')}</p> : null}</div>
          {outcome?.kind === 'error' ? <p role="alert">{t(outcome.key)}</p> : null}
        </form>
      )}
    </div>
  );
}
