import type { SurveyDto, SurveyInputDto } from '@mep/api/contracts';
import { SURVEY_QUESTION_KINDS, type SurveyQuestionKind } from '@mep/vocabulary';
import { useId, useState, type FormEvent } from 'react';
import { send } from '../../api/client';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { LANGUAGES, nativeName, type Lang } from '../../i18n/languages';
import { surveyMessages } from './messages';

type Texts = Partial<Record<Lang, string>>;
interface DraftOption {
  key: number;
  id?: string;
  text: Texts;
}
interface DraftQuestion {
  key: number;
  id?: string;
  kind: SurveyQuestionKind;
  required: boolean;
  text: Texts;
  options: DraftOption[];
}

let nextKey = 1;
const key = () => nextKey++;
const isChoice = (kind: SurveyQuestionKind) => kind === 'single' || kind === 'multiple';
const blankQuestion = (): DraftQuestion => ({ key: key(), kind: 'single', required: false, text: {}, options: [{ key: key(), text: {} }, { key: key(), text: {} }] });

function fromSurvey(survey: SurveyDto | null): { title: Texts; description: Texts; questions: DraftQuestion[] } {
  if (!survey) return { title: {}, description: {}, questions: [blankQuestion()] };
  return {
    title: survey.title,
    description: survey.description,
    questions: survey.questions.map((q) => ({ key: key(), id: q.id, kind: q.kind, required: q.required, text: q.text, options: q.options.map((o) => ({ key: key(), id: o.id, text: o.text })) })),
  };
}

/**
 * The curators' survey definition: title, introduction and questions, typed one language at a time (the
 * "language of the texts" select). Once the survey has answers only texts can change: the structure controls
 * are disabled, as the API would refuse the change (409).
 */
export function SurveyEditor({ survey, locked, onSaved }: { survey: SurveyDto | null; locked: boolean; onSaved: (saved: SurveyDto) => void }) {
  const t = useT(surveyMessages);
  const { lang } = useLanguage();
  const [editLang, setEditLang] = useState<Lang>(lang);
  const [draft, setDraft] = useState(() => fromSurvey(survey));
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const langId = useId();
  const titleId = useId();
  const descriptionId = useId();
  const language = nativeName(editLang);

  const setQuestion = (index: number, change: (q: DraftQuestion) => DraftQuestion) => setDraft((d) => ({ ...d, questions: d.questions.map((q, i) => (i === index ? change(q) : q)) }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body: SurveyInputDto = {
      title: draft.title,
      description: draft.description,
      questions: draft.questions.map((q) => ({ ...(q.id ? { id: q.id } : {}), kind: q.kind, required: q.required, text: q.text, options: isChoice(q.kind) ? q.options.map((o) => ({ ...(o.id ? { id: o.id } : {}), text: o.text })) : [] })),
    };
    setSaving(true);
    setMessage(null);
    (survey ? send<SurveyDto>('PUT', `/api/insight/surveys/${survey.id}`, body) : send<SurveyDto>('POST', '/api/insight/surveys', body)).then(
      (saved) => {
        setSaving(false);
        setDraft(fromSurvey(saved));
        setMessage({ kind: 'ok', text: t('savedDefinition') });
        onSaved(saved);
      },
      (error: unknown) => {
        setSaving(false);
        setMessage({ kind: 'error', text: t('saveFailed', { message: (error as Error).message }) });
      },
    );
  };

  return (
    <form className="survey-editor" onSubmit={onSubmit}>
      <h2>{survey ? t('editorEdit') : t('editorNew')}</h2>
      <p className="hint">{t('languagesHint')}</p>
      {locked ? <p className="notice">{t('answeredLock')}</p> : null}
      <div className="field">
        <label htmlFor={langId}>{t('editingLanguage')}</label>
        <select id={langId} value={editLang} onChange={(event) => setEditLang(event.target.value as Lang)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {nativeName(l)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={titleId}>{t('fieldTitle', { language })}</label>
        <input id={titleId} type="text" lang={editLang} dir="auto" maxLength={200} value={draft.title[editLang] ?? ''} onChange={(event) => setDraft((d) => ({ ...d, title: { ...d.title, [editLang]: event.target.value } }))} />
      </div>
      <div className="field">
        <label htmlFor={descriptionId}>{t('fieldDescription', { language })}</label>
        <textarea id={descriptionId} lang={editLang} dir="auto" rows={3} maxLength={2000} value={draft.description[editLang] ?? ''} onChange={(event) => setDraft((d) => ({ ...d, description: { ...d.description, [editLang]: event.target.value } }))} />
      </div>
      {draft.questions.map((question, index) => {
        const n = index + 1;
        const base = `q-${question.key}`;
        return (
          <fieldset className="question" key={question.key} data-question-index={n}>
            <legend>{t('questionHeading', { n })}</legend>
            <div className="field">
              <label htmlFor={`${base}-text`}>{t('fieldQuestion', { language })}</label>
              <input id={`${base}-text`} type="text" lang={editLang} dir="auto" maxLength={1000} value={question.text[editLang] ?? ''} onChange={(event) => setQuestion(index, (q) => ({ ...q, text: { ...q.text, [editLang]: event.target.value } }))} />
            </div>
            <div className="row">
              <div className="field">
                <label htmlFor={`${base}-kind`}>{t('fieldKind')}</label>
                <select
                  id={`${base}-kind`}
                  value={question.kind}
                  disabled={locked}
                  onChange={(event) => {
                    const kind = event.target.value as SurveyQuestionKind;
                    setQuestion(index, (q) => ({ ...q, kind, options: isChoice(kind) && q.options.length < 2 ? [...q.options, { key: key(), text: {} }, { key: key(), text: {} }].slice(0, 2) : q.options }));
                  }}
                >
                  {SURVEY_QUESTION_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`kind_${kind}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="choice">
                <input id={`${base}-required`} type="checkbox" checked={question.required} disabled={locked} onChange={(event) => setQuestion(index, (q) => ({ ...q, required: event.target.checked }))} />
                <label htmlFor={`${base}-required`}>{t('fieldRequired')}</label>
              </div>
            </div>
            {isChoice(question.kind)
              ? question.options.map((option, o) => (
                  <div className="row" key={option.key}>
                    <div className="field">
                      <label htmlFor={`${base}-o-${option.key}`}>{t('fieldOption', { n: o + 1, language })}</label>
                      <input
                        id={`${base}-o-${option.key}`}
                        type="text"
                        lang={editLang}
                        dir="auto"
                        maxLength={200}
                        value={option.text[editLang] ?? ''}
                        onChange={(event) => setQuestion(index, (q) => ({ ...q, options: q.options.map((x) => (x.key === option.key ? { ...x, text: { ...x.text, [editLang]: event.target.value } } : x)) }))}
                      />
                    </div>
                    {!locked && question.options.length > 2 ? (
                      <button type="button" className="button" onClick={() => setQuestion(index, (q) => ({ ...q, options: q.options.filter((x) => x.key !== option.key) }))}>
                        {t('removeOption', { n: o + 1 })}
                      </button>
                    ) : null}
                  </div>
                ))
              : null}
            {!locked ? (
              <p className="row">
                {isChoice(question.kind) && question.options.length < 20 ? (
                  <button type="button" className="button" onClick={() => setQuestion(index, (q) => ({ ...q, options: [...q.options, { key: key(), text: {} }] }))}>
                    {t('addOption')}
                  </button>
                ) : null}
                {draft.questions.length > 1 ? (
                  <button type="button" className="button" onClick={() => setDraft((d) => ({ ...d, questions: d.questions.filter((q) => q.key !== question.key) }))}>
                    {t('removeQuestion', { n })}
                  </button>
                ) : null}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      {!locked && draft.questions.length < 30 ? (
        <p>
          <button type="button" className="button" onClick={() => setDraft((d) => ({ ...d, questions: [...d.questions, blankQuestion()] }))}>
            {t('addQuestion')}
          </button>
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={saving}>
        {t('save')}
      </button>
      <div aria-live="polite">{message?.kind === 'ok' ? <p role="status">{message.text}</p> : null}</div>
      {message?.kind === 'error' ? <p role="alert">{message.text}</p> : null}
    </form>
  );
}
