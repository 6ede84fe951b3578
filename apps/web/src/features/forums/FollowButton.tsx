import { useState } from 'react';
import { useT } from '../../i18n/LanguageProvider';
import { useSession } from '../account/session';
import { send } from '../../api/client';
import { forumMessages } from './messages';

/** Follow / stop following a forum or thread (`url` is its …/follow endpoint); nothing for anonymous readers. */
export function FollowButton({ url, initial }: { url: string; initial: boolean }) {
  const t = useT(forumMessages);
  const session = useSession();
  const [following, setFollowing] = useState<boolean | null>(null);
  const isFollowing = following ?? initial;
  if (!session.user) return null;
  const toggle = async () => {
    const result = await send<{ following: boolean }>(isFollowing ? 'DELETE' : 'PUT', url);
    setFollowing(result.following);
  };
  return (
    <p>
      <button type="button" className="button" aria-pressed={isFollowing} onClick={() => void toggle()}>
        {isFollowing ? t('unfollow') : t('follow')}
      </button>
    </p>
  );
}
