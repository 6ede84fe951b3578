import { useState, type FormEvent } from 'react';
import type { SelfUserDto } from '@mep/api/realtime-events';
import { send } from '../../api/client';
import { useT } from '../../i18n/LanguageProvider';
import { errorText } from './errorText';
import { emailMessages } from './emailMessages';
import { accountMessages } from './messages';

/** The account page's e-mail part: whether the address is confirmed (a new link on request) and a change of address. */
export function EmailSection({ user }: { user: SelfUserDto }) {
  const t = useT(emailMessages);
  const ta = useT(accountMessages);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function act(work: () => Promise<string>) {
    setStatus(null);
    try {
      setStatus({ ok: true, text: await work() });
    } catch (caught) {
      setStatus({ ok: false, text: errorText(ta, caught) });
    }
  }

  function changeEmail(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    void act(async () => {
      await send('POST', '/api/auth/email', { password: String(data.get('emailPassword') ?? ''), newEmail: String(data.get('newEmail') ?? '') });
      form.reset();
      return t('changeEmailSent');
    });
  }

  return (
    <section aria-labelledby="email-heading">
      <h2 id="email-heading">{t('changeEmailHeading')}</h2>
      <p>
        <bdi>{user.email}</bdi> — {user.emailVerified ? t('emailStatusVerified') : t('emailStatusUnverified')}
      </p>
      {!user.emailVerified ? (
        <p>
          <button type="button" className="button" onClick={() => void act(async () => (await send('POST', '/api/auth/verify-email/resend'), t('resent')))}>
            {t('resendButton')}
          </button>
        </p>
      ) : null}
      <div aria-live="polite">{status ? <p className={status.ok ? 'hint' : 'error-panel'}>{status.text}</p> : null}</div>
      <form className="stack-form" onSubmit={changeEmail}>
        <p>
          <label htmlFor="newEmail">{t('newEmail')}</label>
          <input id="newEmail" name="newEmail" type="email" required autoComplete="email" />
        </p>
        <p>
          <label htmlFor="emailPassword">{t('currentPassword')}</label>
          <input id="emailPassword" name="emailPassword" type="password" required autoComplete="current-password" />
        </p>
        <p>
          <button type="submit" className="button">
            {t('changeEmailButton')}
          </button>
        </p>
      </form>
    </section>
  );
}
