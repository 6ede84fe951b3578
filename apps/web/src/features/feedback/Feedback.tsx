import { FEEDBACK_PROBLEM_CATEGORIES, type FeedbackProblemCategory } from '@mep/vocabulary';
import { useId, useState, type FormEvent } from 'react';
import { ApiError, send } from '../../api/client';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { feedbackMessages } from './messages';

type Phase = { step: 'ask' } | { step: 'comment'; useful: boolean } | { step: 'sending'; useful: boolean } | { step: 'done' } | { step: 'error'; useful: boolean; tooMany: boolean };

const isRateLimited = (error: unknown) => error instanceof ApiError && error.status === 429;

/**
 * "Was this useful?" with yes / no and an optional comment, for anonymous readers too (the API rate-limits
 * it). On a document pass `documentId`; under search results pass the `query`.
 */
export function UsefulFeedback({ documentId, query }: { documentId?: string; query?: string }) {
  const t = useT(feedbackMessages);
  const { lang } = useLanguage();
  const headingId = useId();
  const commentId = useId();
  const [phase, setPhase] = useState<Phase>({ step: 'ask' });
  const [comment, setComment] = useState('');
  const submit = (useful: boolean) => {
    setPhase({ step: 'sending', useful });
    send('POST', '/api/feedback', { kind: 'useful', useful, comment, uiLang: lang, ...(documentId ? { documentId } : {}), ...(query !== undefined ? { query } : {}) }).then(
      () => setPhase({ step: 'done' }),
      (error: unknown) => setPhase({ step: 'error', useful, tooMany: isRateLimited(error) }),
    );
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (phase.step === 'comment' || phase.step === 'error') submit(phase.useful);
  };
  return (
    <section className="feedback useful-feedback" aria-labelledby={headingId}>
      <h2 id={headingId} className="feedback-title">
        {documentId ? t('usefulQuestion') : t('usefulSearchQuestion')}
      </h2>
      {phase.step === 'done' ? (
        <p role="status">{t('thanks')}</p>
      ) : phase.step === 'ask' ? (
        <div className="feedback-choice">
          <button type="button" className="button" onClick={() => setPhase({ step: 'comment', useful: true })}>
            {t('yes')}
          </button>{' '}
          <button type="button" className="button" onClick={() => setPhase({ step: 'comment', useful: false })}>
            {t('no')}
          </button>
        </div>
      ) : (
        <form onSubmit={onSubmit}>
          <p>{phase.useful ? t('yes') : t('no')}</p>
          <label htmlFor={commentId}>{t('commentLabel')}</label>
          <textarea id={commentId} value={comment} maxLength={2000} rows={3} onChange={(event) => setComment(event.target.value)} />
          <button type="submit" className="button" disabled={phase.step === 'sending'}>
            {t('send')}
          </button>
          {phase.step === 'error' ? <p role="alert">{phase.tooMany ? t('tooMany') : t('failed')}</p> : null}
        </form>
      )}
    </section>
  );
}

/** "Report a problem" on a document: a category and details, into the curators' queue. */
export function ReportProblem({ documentId }: { documentId: string }) {
  const t = useT(feedbackMessages);
  const { lang } = useLanguage();
  const categoryId = useId();
  const commentId = useId();
  const [category, setCategory] = useState<FeedbackProblemCategory>('metadata');
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState<'idle' | 'sending' | 'done' | 'failed' | 'tooMany'>('idle');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setStatus('sending');
    send('POST', '/api/feedback', { kind: 'problem', documentId, category, comment, uiLang: lang }).then(
      () => setStatus('done'),
      (error: unknown) => setStatus(isRateLimited(error) ? 'tooMany' : 'failed'),
    );
  };
  return (
    <details className="feedback report-problem">
      <summary>{t('reportProblem')}</summary>
      {status === 'done' ? (
        <p role="status">{t('reportThanks')}</p>
      ) : (
        <form onSubmit={onSubmit}>
          <label htmlFor={categoryId}>{t('categoryLabel')}</label>
          <select id={categoryId} value={category} onChange={(event) => setCategory(event.target.value as FeedbackProblemCategory)}>
            {FEEDBACK_PROBLEM_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category_${c}`)}
              </option>
            ))}
          </select>
          <label htmlFor={commentId}>{t('problemComment')}</label>
          <textarea id={commentId} value={comment} maxLength={2000} rows={3} onChange={(event) => setComment(event.target.value)} />
          <button type="submit" className="button" disabled={status === 'sending'}>
            {t('sendReport')}
          </button>
          {status === 'failed' || status === 'tooMany' ? <p role="alert">{status === 'tooMany' ? t('tooMany') : t('failed')}</p> : null}
        </form>
      )}
    </details>
  );
}
