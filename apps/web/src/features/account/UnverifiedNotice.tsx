import { useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { emailMessages } from './emailMessages';

/** Shown instead of a composer while the signed-in user's address is not confirmed (the API would answer 403 email_unverified). */
export function UnverifiedNotice() {
  const t = useT(emailMessages);
  return (
    <p className="notice">
      {t('unverifiedNotice')} <Link href="/account">{t('resendButton')}</Link>
    </p>
  );
}
