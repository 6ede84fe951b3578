import type { FeedbackItemDto, FeedbackListDto, SatisfactionDto, SearchReportDto } from '@mep/api/contracts';
import { useId, useState, type FormEvent } from 'react';
import { ApiError, send } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { formatNumber } from '../../i18n/catalog';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { isCurator, useSession } from '../account/session';
import { insightMessages } from './messages';
import { ReportTable } from './ReportTable';
import { Satisfaction } from './Satisfaction';
import './insight.css';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function FeedbackEntry({ item, onChanged }: { item: FeedbackItemDto; onChanged: () => void }) {
  const t = useT(insightMessages);
  const answerId = useId();
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState('');
  const act = (close: boolean) => {
    send('POST', `/api/insight/feedback/${item.id}`, { ...(answer.trim() ? { answer } : {}), close }).then(
      () => {
        // Cleared once sent: a later "Close" must not send (and notify) the same answer again.
        setAnswer('');
        setError('');
        onChanged();
      },
      (caught: unknown) => setError((caught as Error).message),
    );
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    act(false);
  };
  const status = item.status === 'open' ? t('statusOpen') : item.status === 'answered' ? t('statusAnswered') : t('statusClosed');
  return (
    <li className="feedback-item" data-feedback-id={item.id}>
      <p>
        <strong>{item.kind === 'problem' ? `${t('kindProblem')}: ${item.category ?? ''}` : item.useful ? t('usefulYes') : t('usefulNo')}</strong> · {status} ·{' '}
        {item.signedIn ? t('signedInReader') : t('anonymous')} · {item.createdAt.slice(0, 10)}
      </p>
      {item.documentId ? (
        <p>
          <Link href={`/documents/${encodeURIComponent(item.documentId)}`}>
            <span dir="auto">{item.documentTitle ?? item.documentId}</span>
          </Link>
        </p>
      ) : item.query !== null ? (
        <p dir="auto">{t('onSearch', { query: item.query })}</p>
      ) : null}
      {item.comment ? (
        <p className="comment" dir="auto">
          {item.comment}
        </p>
      ) : null}
      {item.answer ? <p dir="auto">{t('answeredWith', { answer: item.answer })}</p> : null}
      {item.status !== 'closed' ? (
        <form onSubmit={onSubmit}>
          <label htmlFor={answerId}>{t('answerLabel')}</label>
          <textarea id={answerId} rows={2} maxLength={4000} value={answer} onChange={(event) => setAnswer(event.target.value)} />
          <button type="submit" className="button" disabled={!answer.trim()}>
            {t('sendAnswer')}
          </button>{' '}
          <button type="button" className="button" onClick={() => act(true)}>
            {t('close')}
          </button>
          {error ? <p role="alert">{error}</p> : null}
        </form>
      ) : null}
    </li>
  );
}

/** Curators: search analytics over a chosen period, satisfaction, and the feedback queue. */
export default function InsightPage() {
  const t = useT(insightMessages);
  const { lang } = useLanguage();
  const session = useSession();
  useDocumentTitle(t('insightTitle'));
  const today = Date.now();
  const [from, setFrom] = useState(isoDay(today - 29 * DAY_MS));
  const [to, setTo] = useState(isoDay(today));
  const [period, setPeriod] = useState({ from, to });
  const [version, setVersion] = useState(0);
  const allowed = session.status !== 'loading' && isCurator(session.user);
  const query = `from=${period.from}&to=${period.to}`;
  const report = useApi<SearchReportDto>(allowed ? `/api/insight/search?${query}&v=${version}` : null);
  const satisfaction = useApi<SatisfactionDto>(allowed ? `/api/insight/satisfaction?${query}&v=${version}` : null);
  const queue = useApi<FeedbackListDto>(allowed ? `/api/insight/feedback?v=${version}` : null);
  const fromId = useId();
  const toId = useId();
  if (session.status === 'loading') return <Loading />;
  if (!allowed) {
    return (
      <div className="page">
        <PageHeading>{t('insightTitle')}</PageHeading>
        <ErrorPanel error={new ApiError('http', 'Forbidden', 403, 'forbidden')} />
      </div>
    );
  }
  const r = report.state.data;
  const csv = (table: string) => `/api/insight/search/csv?${query}&table=${table}`;
  const pct = (x: number) => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(x);
  return (
    <div className="page insight-page">
      <PageHeading>{t('insightTitle')}</PageHeading>
      <p>
        <Link href="/insight/surveys">{t('surveysLink')}</Link>
      </p>
      <form
        className="insight-period"
        onSubmit={(event) => {
          event.preventDefault();
          setPeriod({ from, to });
        }}
      >
        <label htmlFor={fromId}>{t('periodFrom')}</label>
        <input id={fromId} type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        <label htmlFor={toId}>{t('periodTo')}</label>
        <input id={toId} type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        <button type="submit" className="button">
          {t('apply')}
        </button>
      </form>
      {report.state.status === 'error' ? <ErrorPanel error={report.state.error} onRetry={report.retry} /> : null}
      {!r && report.state.status === 'loading' ? <Loading /> : null}
      {r ? (
        <>
          <p className="searches-line" role="status">
            {t('searchesLine', { searches: r.searches, clicked: r.searchesWithClick, ctr: pct(r.clickThroughRate), rank: r.meanRank === null ? '—' : formatNumber(lang, r.meanRank) })}
          </p>
          <ReportTable title={t('zeroQueries')} columns={[t('colQuery'), t('colSearches')]} rows={r.zeroResultQueries.map((q) => [q.query, q.searches])} csvHref={csv('zero')} />
          <ReportTable title={t('topQueries')} columns={[t('colQuery'), t('colSearches'), t('colClicks'), t('colMeanRank')]} rows={r.topQueries.map((q) => [q.query, q.searches, q.clicks, q.meanRank ?? '—'])} csvHref={csv('top')} />
          <ReportTable title={t('perLanguage')} columns={[t('colLanguage'), t('colSearches')]} rows={r.languages.map((l) => [l.uiLang, l.searches])} csvHref={csv('languages')} />
          <ReportTable title={t('filtersUsed')} columns={[t('colFacet'), t('colValue'), t('colSearches')]} rows={r.filters.map((f) => [f.facet, f.value, f.searches])} csvHref={csv('filters')} />
        </>
      ) : null}
      {satisfaction.state.status === 'error' ? <ErrorPanel error={satisfaction.state.error} onRetry={satisfaction.retry} /> : null}
      {satisfaction.state.data ? <Satisfaction data={satisfaction.state.data} query={query} /> : null}
      <section aria-labelledby="feedback-queue-heading">
        <h2 id="feedback-queue-heading">{t('feedbackQueue')}</h2>
        {queue.state.status === 'error' ? <ErrorPanel error={queue.state.error} onRetry={queue.retry} /> : null}
        {queue.state.data ? (
          queue.state.data.items.length ? (
            <ul className="feedback-queue">
              {queue.state.data.items.map((item) => (
                <FeedbackEntry key={item.id} item={item} onChanged={() => setVersion((v) => v + 1)} />
              ))}
            </ul>
          ) : (
            <p>{t('none')}</p>
          )
        ) : null}
      </section>
    </div>
  );
}
