import { useState } from 'react';
import { useT } from '../../i18n/LanguageProvider';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { useSession } from '../account/session';
import { setConceptFollowed, useFollowedConcepts } from './followStore';
import { followMessages } from './messages';

/**
 * Follow / stop following a concept: new published documents and threads tagged with it become
 * notifications. Its name carries the concept ("Follow Dental amalgam"), so a list of them stays clear to
 * screen readers. Nothing for anonymous readers.
 */
export function FollowConceptButton({ conceptId }: { conceptId: string }) {
  const t = useT(followMessages);
  const label = useConceptLabel()(conceptId);
  const session = useSession();
  const follows = useFollowedConcepts(session.user?.id ?? null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  if (!session.user || follows.status === 'idle' || follows.status === 'loading') return null;
  const following = follows.ids.has(conceptId);
  const toggle = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await setConceptFollowed(conceptId, !following);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button follow-concept" aria-pressed={following} disabled={busy} onClick={() => void toggle()} data-concept={conceptId}>
        {following ? t('following') : t('follow')}
        <span className="visually-hidden"> {label}</span>
      </button>
      {failed ? (
        <span role="alert" className="hint">
          {t('followFailed')}
        </span>
      ) : null}
    </>
  );
}
