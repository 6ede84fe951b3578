import './workspace.css';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { ReviewQueueResponse, UploadJobDto, UploadsResponse } from '@mep/api/contracts';
import { send } from '../../api/client';
import { useApi } from '../../api/useApi';
import type { PageProps } from '../../app/routeTypes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT, type TranslateFn } from '../../i18n/LanguageProvider';
import { formatNumber } from '../../i18n/catalog';
import { Link } from '../../router/Router';
import { canUseWorkspace, useSession } from '../account/session';
import { useForumSocket } from '../forums/socket';
import { AdminLinks } from './AdminLinks';
import { DocumentEditor } from './DocumentEditor';
import { workspaceMessages, type WorkspaceKey } from './messages';
import { uploadFile } from './upload';

const REASONS = ['corrupt', 'unsupported-type', 'no-text', 'too-large', 'encrypted', 'timeout'];

const isCurator = (user: { role: string } | null | undefined) => user?.role === 'curator' || user?.role === 'admin';

/** A failure in the reader's language: the stable code picks the sentence, never the server's English. */
export function failureReason(t: TranslateFn<WorkspaceKey>, code: string | null): string {
  const known = REASONS.find((r) => code?.startsWith(r));
  return t((known ? `reason_${known}` : 'reason_other') as WorkspaceKey);
}

function megabytes(lang: Parameters<typeof formatNumber>[0], bytes: number): string {
  return `${formatNumber(lang, Math.round(bytes / 1024 / 1024))} MB`;
}

interface Row {
  key: string;
  fileName: string;
  /** Bytes sent so far, while the file is still on its way. */
  sent?: number;
  job?: UploadJobDto;
  error?: string;
}

function UploadRow({ row }: { row: Row }) {
  const t = useT(workspaceMessages);
  const { lang } = useLanguage();
  const job = row.job;
  let state: string;
  if (row.error) state = row.error === 'network' ? t('reason_network') : row.error;
  else if (!job) state = t('sending', { percent: formatNumber(lang, Math.round((row.sent ?? 0) * 100)) });
  else state = t(`stage_${job.stage}` as WorkspaceKey);
  return (
    <li className={`upload-row upload-${job?.stage ?? (row.error ? 'failed' : 'sending')}`}>
      <span className="upload-name" dir="auto">
        {row.fileName}
      </span>{' '}
      <span className="upload-stage">{state}</span>
      {job?.stage === 'failed' ? <span className="upload-reason">{failureReason(t, job.errorCode)}</span> : null}
      {job?.documentId && (job.stage === 'indexed' || job.stage === 'duplicate') ? (
        <Link href={`/documents/${job.documentId}`}>{job.stage === 'duplicate' ? t('openExisting') : t('openDocument')}</Link>
      ) : null}
    </li>
  );
}

function Uploads({ curator }: { curator: boolean }) {
  const t = useT(workspaceMessages);
  const { lang } = useLanguage();
  const socket = useForumSocket();
  const { state } = useApi<UploadsResponse>('/api/workspace/uploads', { cache: false });
  const [rows, setRows] = useState<Row[]>([]);
  const [publish, setPublish] = useState(true);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const maxBytes = state.data?.maxBytes ?? 100 * 1024 * 1024;

  // After a reload, the jobs API tells where every upload of the last day stands.
  useEffect(() => {
    if (state.data) setRows((current) => (current.length ? current : state.data!.jobs.map((job) => ({ key: job.id, fileName: job.fileName, job }))));
  }, [state.data]);

  useEffect(() => {
    if (!socket) return;
    const onProgress = ({ job }: { job: UploadJobDto }) => setRows((current) => current.map((row) => (row.job?.id === job.id || row.key === job.id ? { ...row, job } : row)));
    socket.on('uploads.progress', onProgress);
    return () => {
      socket.off('uploads.progress', onProgress);
    };
  }, [socket]);

  const start = useCallback(
    (files: File[]) => {
      const tooLarge = files.filter((f) => f.size > maxBytes);
      setNotice(tooLarge.map((f) => t('tooLarge', { name: f.name, size: megabytes(lang, maxBytes) })).join(' '));
      const accepted = files.filter((f) => f.size <= maxBytes);
      const fresh = accepted.map((file, i) => ({ key: `local-${Date.now()}-${i}`, fileName: file.name, sent: 0 }));
      setRows((current) => [...fresh, ...current]);
      // A few at a time: hundreds of files must not open hundreds of connections.
      let next = 0;
      const worker = async () => {
        while (next < accepted.length) {
          const index = next++;
          const { key } = fresh[index]!;
          const update = (patch: Partial<Row>) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
          try {
            const job = await uploadFile(accepted[index]!, curator && publish, (fraction) => update({ sent: fraction }));
            // The socket may already have reported later stages: keep the most advanced one.
            setRows((current) => current.map((row) => (row.key === key ? { ...row, key: job.id, job: row.job ?? job } : row)));
          } catch (error) {
            update({ error: (error as Error).message });
          }
        }
      };
      void Promise.all(Array.from({ length: Math.min(3, accepted.length) }, worker));
    },
    [curator, publish, maxBytes, lang, t],
  );

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    start([...event.dataTransfer.files]);
  };

  return (
    <section aria-labelledby="upload-heading" className="workspace-section">
      <h2 id="upload-heading">{t('uploadHeading')}</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>{t('dropHere')}</p>
        <p className="hint">{t('sizeLimit', { size: megabytes(lang, maxBytes) })}</p>
        <label className="button">
          {t('chooseFiles')}
          <input
            ref={input}
            className="visually-hidden"
            type="file"
            multiple
            accept=".pdf,.doc,.docx,.html,.htm,.txt,.md,application/pdf,text/html,text/plain"
            onChange={(event) => {
              start([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
        </label>
      </div>
      {curator ? (
        <label className="checkbox">
          <input type="checkbox" checked={publish} onChange={(event) => setPublish(event.target.checked)} /> {t('publishNow')}
        </label>
      ) : (
        <p className="hint">{t('focalNote')}</p>
      )}
      <p role="status" className="workspace-notice">
        {notice}
      </p>
      <h3>{t('uploadsHeading')}</h3>
      {state.status === 'error' ? <ErrorPanel error={state.error} /> : null}
      {rows.length === 0 ? <p className="hint">{t('noUploads')}</p> : null}
      <ul className="upload-list" aria-live="polite">
        {rows.map((row) => (
          <UploadRow key={row.key} row={row} />
        ))}
      </ul>
    </section>
  );
}

function ReviewQueue() {
  const t = useT(workspaceMessages);
  const { state, retry } = useApi<ReviewQueueResponse>('/api/workspace/queue?status=draft', { cache: false });
  const [status, setStatus] = useState('');
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  async function decide(id: string, title: string, decision: 'publish' | 'reject') {
    try {
      await send('POST', `/api/documents/${id}/review`, decision === 'publish' ? { decision } : { decision, reason });
      setStatus(t(decision === 'publish' ? 'published' : 'rejected', { title }));
      setRejecting(null);
      setReason('');
      retry();
    } catch (error) {
      setStatus(t('actionFailed', { message: (error as Error).message }));
    }
  }

  return (
    <section aria-labelledby="queue-heading" className="workspace-section">
      <h2 id="queue-heading">{t('queueHeading')}</h2>
      <p role="status">{status}</p>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : null}
      {state.data && state.data.items.length === 0 ? <p className="hint">{t('queueEmpty')}</p> : null}
      <ul className="queue-list">
        {state.data?.items.map((item) => (
          <li key={item.id} className="queue-item">
            <Link href={`/workspace/documents/${item.id}`} dir="auto">
              {item.title}
            </Link>
            {item.submittedForParty ? <span className="hint"> · {t('submittedFor', { party: item.submittedForParty.replace('party:', '') })}</span> : null}
            <div className="queue-actions">
              <button type="button" className="button" onClick={() => void decide(item.id, item.title, 'publish')}>
                {t('publish')}
              </button>
              <button type="button" className="button" aria-expanded={rejecting === item.id} onClick={() => setRejecting(rejecting === item.id ? null : item.id)}>
                {t('reject')}
              </button>
            </div>
            {rejecting === item.id ? (
              <form
                className="reject-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  void decide(item.id, item.title, 'reject');
                }}
              >
                <label>
                  {t('rejectReason', { title: item.title })}
                  <input value={reason} onChange={(event) => setReason(event.target.value)} required minLength={3} maxLength={1000} />
                </label>
                <button type="submit" className="button">
                  {t('confirmReject')}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The secretariat's workspace (its own lazy chunk): uploads with live progress, the review queue, corrections. */
export default function WorkspacePage({ params }: PageProps) {
  const t = useT(workspaceMessages);
  const session = useSession();
  useDocumentTitle(t('title'));
  if (session.status === 'loading') return <Loading />;
  const user = session.user;
  if (!user || !canUseWorkspace(user)) {
    return (
      <>
        <PageHeading>{t('title')}</PageHeading>
        <p>{user ? t('notAllowed') : t('signInRequired')}</p>
      </>
    );
  }
  if (params.id && isCurator(user)) return <DocumentEditor id={params.id} />;
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <AdminLinks />
      <p>{t('intro')}</p>
      {isCurator(user) ? (
        <p>
          <Link href="/workspace/taxonomy">{t('taxonomyLink')}</Link>
        </p>
      ) : null}
      <Uploads curator={isCurator(user)} />
      {isCurator(user) ? <ReviewQueue /> : null}
    </>
  );
}
