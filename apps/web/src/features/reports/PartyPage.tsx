import type { PartyProfileDto } from '@mep/api/contracts';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import type { PageProps } from '../../app/routeTypes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { documentTextProps } from '../../i18n/languages';
import { Link } from '../../router/Router';
import { useConceptLabel, useConventionLabel } from '../../taxonomy/TaxonomyProvider';
import { answerLabel } from './answerLabel';
import { reportMessages } from './messages';

type DocumentItem = { documentId: string; title: string; year: number | null; language: string };

function DocumentList({ items, emptyText }: { items: DocumentItem[]; emptyText: string }) {
  if (items.length === 0) return <p>{emptyText}</p>;
  return (
    <ul className="related-list">
      {items.map((d) => (
        <li key={d.documentId}>
          <Link href={`/documents/${d.documentId}`} {...documentTextProps(d.language)}>
            {d.title}
          </Link>
          {d.year ? <span className="result-meta"> · {d.year}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** A party: its region and group, national reports, action plans, answers beside its region's, documents and threads. */
export default function PartyPage({ params }: PageProps) {
  const t = useT(reportMessages);
  const { lang } = useLanguage();
  const conceptLabel = useConceptLabel();
  const conventionLabel = useConventionLabel();
  const iso3 = /^[A-Za-z]{3}$/.test(params.iso3 ?? '') ? params.iso3!.toUpperCase() : null;
  const { state, retry } = useApi<PartyProfileDto>(iso3 ? `/api/parties/${iso3}` : null);
  const party = state.status === 'success' ? state.data : null;
  useDocumentTitle(party ? party.labels[lang] : iso3 ? conceptLabel(`party:${iso3}`) : t('noSuchParty'));

  if (!iso3 || (state.status === 'error' && state.error instanceof ApiError && state.error.kind === 'not-found')) {
    return (
      <div className="page">
        <PageHeading>{t('noSuchParty')}</PageHeading>
        <p>
          <Link href="/implementation">{t('allParties')}</Link>
        </p>
      </div>
    );
  }
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorPanel error={state.error} onRetry={retry} />;
  const p = state.data!;
  const regionOf = (article: string, question: string) => p.regionAnswers.find((r) => r.article === article && r.question === question)?.counts ?? {};
  const countsText = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([answer, n]) => `${answer === 'none' ? t('notStated') : answerLabel(t, lang, { answer: answer as never, value: null, unit: null })}: ${n}`)
      .join(' · ');
  return (
    <div className="page party-page">
      <p className="back-link">
        <Link href="/implementation">{t('allParties')}</Link>
      </p>
      <PageHeading>{p.labels[lang]}</PageHeading>
      <dl className="party-facts">
        {p.region && (
          <>
            <dt>{t('regionLabel')}</dt>
            <dd>{conceptLabel(p.region)}</dd>
          </>
        )}
        {p.group && (
          <>
            <dt>{t('groupLabel')}</dt>
            <dd>{conceptLabel(p.group)}</dd>
          </>
        )}
      </dl>
      <p>{t('countsLine', { documents: p.counts.documents, reports: p.counts.nationalReports, plans: p.counts.actionPlans, threads: p.counts.threads })}</p>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t('reportsHeading')}</h2>
        {p.nationalReports.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <ul className="related-list">
            {p.nationalReports.map((r) => (
              <li key={r.documentId}>
                <Link href={`/documents/${r.documentId}`} {...documentTextProps(r.language)}>
                  {r.title}
                </Link>
                <span className="result-meta"> · {[r.cycle === 'full' ? t('fullReport') : r.cycle === 'short' ? t('shortReport') : null, r.period ?? r.year].filter(Boolean).join(', ')}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="party-answers-heading">
        <h2 id="party-answers-heading">{t('answersHeading')}</h2>
        {p.answers.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <div className="table-scroll" role="group" aria-labelledby="party-answers-heading" tabIndex={0}>
            <table className="answers-table">
              <thead>
                <tr>
                  <th scope="col">{t('articleLabel')}</th>
                  <th scope="col">{t('questionLabel')}</th>
                  <th scope="col">{t('colAnswer')}</th>
                  <th scope="col">{t('regionAnswers')}</th>
                  <th scope="col">{t('colReport')}</th>
                </tr>
              </thead>
              <tbody>
                {p.answers.map((a) => (
                  <tr key={`${a.documentId}/${a.article}/${a.question}`}>
                    <th scope="row">
                      <Link href={`/implementation?article=${a.article.slice(8)}&question=${encodeURIComponent(a.question)}`}>{conventionLabel(a.article).ref}</Link>
                    </th>
                    <td dir="auto">{`${a.question}. ${a.questionText}`}</td>
                    <td>
                      {answerLabel(t, lang, a)}
                      {a.text ? <span className="answer-note" dir="auto"> — {a.text}</span> : null}
                    </td>
                    <td>{countsText(regionOf(a.article, a.question))}</td>
                    <td>
                      <Link href={`/documents/${a.documentId}#page-${a.page}`}>{t('reportPage', { page: a.page })}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading">{t('plansHeading')}</h2>
        <DocumentList items={p.actionPlans} emptyText={t('none')} />
      </section>
      <section aria-labelledby="party-documents-heading">
        <h2 id="party-documents-heading">{t('documentsHeading')}</h2>
        <DocumentList items={p.documents} emptyText={t('none')} />
      </section>
      <section aria-labelledby="threads-heading">
        <h2 id="threads-heading">{t('threadsHeading')}</h2>
        {p.threads.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <ul className="related-list">
            {p.threads.map((th) => (
              <li key={th.id}>
                <Link href={`/forums/threads/${th.id}`} dir="auto">
                  {th.title}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
