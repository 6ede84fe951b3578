import { useState } from 'react';
import type { ThreadDto } from '@mep/api/realtime-events';
import { useT } from '../../i18n/LanguageProvider';
import { send } from '../../api/client';
import { moderationMessages } from './messages';

/** Lock / unlock and pin / unpin a thread (moderators); reports the result in a status message. */
export function ThreadModerationControls({ thread, onChanged }: { thread: ThreadDto; onChanged?: (thread: ThreadDto) => void }) {
  const t = useT(moderationMessages);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  async function change(kind: 'lock' | 'pin', value: boolean) {
    setBusy(true);
    try {
      const body = kind === 'lock' ? { locked: value } : { pinned: value };
      const result = await send<{ thread: ThreadDto }>('PUT', `/api/threads/${thread.id}/${kind}`, body);
      onChanged?.(result.thread);
      setStatus(kind === 'lock' ? t(value ? 'doneLocked' : 'doneUnlocked') : t(value ? 'donePinned' : 'doneUnpinned'));
    } catch (caught) {
      setStatus(t('actionFailed', { message: (caught as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="moderation-actions">
      <button type="button" className="button" aria-disabled={busy} onClick={() => busy || void change('lock', !thread.locked)}>
        {thread.locked ? t('unlockThread') : t('lockThread')}
      </button>
      <button type="button" className="button" aria-disabled={busy} onClick={() => busy || void change('pin', !thread.pinned)}>
        {thread.pinned ? t('unpinThread') : t('pinThread')}
      </button>
      <p role="status" className="moderation-status">
        {status}
      </p>
    </div>
  );
}
