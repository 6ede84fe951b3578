import { useEffect, useState } from 'react';
import type { RetagJobDto, RetagJobsResponse } from '@mep/api/contracts';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { labelConcept, useTaxonomy } from '../../taxonomy/TaxonomyProvider';
import { useForumSocket } from '../forums/socket';
import { taxonomyEditorMessages, type TaxonomyEditorKey } from './messages';

/**
 * The curator's background retags: what the jobs API says after a reload, then live over Socket.IO
 * (`taxonomy.retag.progress`). `fresh` are jobs this page just started (the socket may be faster than the list).
 */
export function RetagJobs({ fresh }: { fresh: RetagJobDto[] }) {
  const t = useT(taxonomyEditorMessages);
  const { lang } = useLanguage();
  const { concepts } = useTaxonomy();
  const socket = useForumSocket();
  const { state, retry } = useApi<RetagJobsResponse>('/api/taxonomy/retag-jobs', { cache: false });
  const [jobs, setJobs] = useState<RetagJobDto[]>([]);

  useEffect(() => {
    if (state.data) setJobs((current) => merge(state.data!.jobs, current));
  }, [state.data]);
  useEffect(() => setJobs((current) => merge(fresh, current)), [fresh]);

  useEffect(() => {
    if (!socket) return;
    const onProgress = ({ job }: { job: RetagJobDto }) => setJobs((current) => merge([job], current));
    socket.on('taxonomy.retag.progress', onProgress);
    return () => {
      socket.off('taxonomy.retag.progress', onProgress);
    };
  }, [socket]);

  return (
    <section aria-labelledby="retag-heading" className="workspace-section">
      <h2 id="retag-heading">{t('jobsHeading')}</h2>
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : null}
      {jobs.length === 0 ? <p className="hint">{t('noJobs')}</p> : null}
      <ul className="retag-list" aria-live="polite">
        {jobs.map((job) => {
          const concept = labelConcept(concepts.get(job.conceptId), job.conceptId, lang);
          const text = t(`stage_${job.stage}` as TaxonomyEditorKey, { concept, done: job.done, total: job.total, count: job.total });
          return (
            <li key={job.id} className={`retag-job retag-${job.stage}`} data-job={job.id} data-stage={job.stage}>
              <span dir="auto">{text}</span>
              {job.stage === 'retagging' || job.stage === 'scanning' ? (
                <progress max={Math.max(job.total, 1)} value={job.done} aria-label={t('progressLabel', { concept })} />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const isFinal = (job: RetagJobDto) => job.stage === 'done' || job.stage === 'failed';

/** Newer states win (a final one always; else by `updatedAt`, then by progress), newest jobs first. */
function merge(incoming: RetagJobDto[], current: RetagJobDto[]): RetagJobDto[] {
  const byId = new Map(current.map((j) => [j.id, j]));
  for (const job of incoming) {
    const known = byId.get(job.id);
    const newer = !known || (isFinal(job) && !isFinal(known)) || (!isFinal(known) && (job.updatedAt > known.updatedAt || (job.updatedAt === known.updatedAt && job.done >= known.done)));
    if (newer) byId.set(job.id, job);
  }
  return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
