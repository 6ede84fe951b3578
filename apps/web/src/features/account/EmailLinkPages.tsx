import '../forums/forums.css';
import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@mep/vocabulary';
import { ApiError, send } from '../../api/client';
import { commonMessages } from '../../app/messages';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useT } from '../../i18n/LanguageProvider';
import { Link, useSearchParams } from '../../router/Router';
import { errorText } from './errorText';
import { emailMessages } from './emailMessages';
import { accountMessages } from './messages';
import { refreshSession } from './session';

/** A form's outcome: a polite status, or an alert. */
function useOutcome() {
  const ta = useT(accountMessages);
  const t = useT(emailMessages);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(work: () => Promise<string>) {
    setBusy(true);
    setStatus(null);
    try {
      setStatus({ ok: true, text: await work() });
    } catch (caught) {
      setStatus({ ok: false, text: caught instanceof ApiError && caught.code === 'invalid_token' ? t('invalidLink') : errorText(ta, caught) });
    } finally {
      setBusy(false);
    }
  }
  const view = status ? (
    <p className={status.ok ? 'notice' : 'error-panel'} role={status.ok ? 'status' : 'alert'}>
      {status.text}
    </p>
  ) : null;
  return { run, busy, view, done: status?.ok === true };
}

/** `/forgot-password`: asks for a reset link; the answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const t = useT(emailMessages);
  const ta = useT(accountMessages);
  useDocumentTitle(t('forgotTitle'));
  const outcome = useOutcome();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '');
    void outcome.run(async () => {
      await send('POST', '/api/auth/password-reset', { email });
      return t('forgotSent');
    });
  }
  return (
    <div className="page account-page">
      <PageHeading>{t('forgotTitle')}</PageHeading>
      <p>{t('forgotIntro')}</p>
      {outcome.view}
      <form className="stack-form" onSubmit={submit}>
        <p>
          <label htmlFor="forgot-email">{ta('email')}</label>
          <input id="forgot-email" name="email" type="email" required autoComplete="email" />
        </p>
        <p>
          <button type="submit" className="button button-primary" disabled={outcome.busy}>
            {t('forgotButton')}
          </button>
        </p>
      </form>
    </div>
  );
}

/** `/reset-password?token=…`: the new password (strength rules apply), then sign in again. */
export function ResetPasswordPage() {
  const t = useT(emailMessages);
  const ta = useT(accountMessages);
  const token = useSearchParams().get('token') ?? '';
  useDocumentTitle(t('resetTitle'));
  const outcome = useOutcome();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newPassword = String(new FormData(event.currentTarget).get('newPassword') ?? '');
    void outcome.run(async () => {
      await send('POST', '/api/auth/password-reset/confirm', { token, newPassword });
      await refreshSession();
      return t('resetDone');
    });
  }
  return (
    <div className="page account-page">
      <PageHeading>{t('resetTitle')}</PageHeading>
      {outcome.view}
      {!token ? <p>{t('missingToken')}</p> : null}
      {token && !outcome.done ? (
        <form className="stack-form" onSubmit={submit}>
          <p>
            <label htmlFor="reset-password">{t('newPassword')}</label>
            <input id="reset-password" name="newPassword" type="password" required minLength={PASSWORD_MIN_LENGTH} autoComplete="new-password" aria-describedby="reset-hint" />
            <span id="reset-hint" className="hint">
              {ta('passwordHint')}
            </span>
          </p>
          <p>
            <button type="submit" className="button button-primary" disabled={outcome.busy}>
              {t('resetButton')}
            </button>
          </p>
        </form>
      ) : null}
      {outcome.done ? <Link href="/sign-in">{ta('signInTitle')}</Link> : null}
    </div>
  );
}

/**
 * `/verify-email?token=…`: confirms an address (after registration, or a change of address). A
 * button, not an automatic request: mail scanners that open links must not spend them.
 */
export function VerifyEmailPage() {
  const t = useT(emailMessages);
  const tc = useT(commonMessages);
  const token = useSearchParams().get('token') ?? '';
  useDocumentTitle(t('verifyTitle'));
  const outcome = useOutcome();
  function confirm() {
    void outcome.run(async () => {
      const { result } = await send<{ result: 'verified' | 'changed' }>('POST', '/api/auth/verify-email', { token });
      await refreshSession();
      return result === 'changed' ? t('changed') : t('verified');
    });
  }
  return (
    <div className="page account-page">
      <PageHeading>{t('verifyTitle')}</PageHeading>
      {outcome.view}
      {!token ? <p>{t('missingToken')}</p> : null}
      {token && !outcome.done ? (
        <>
          <p>{t('verifyIntro')}</p>
          <p>
            <button type="button" className="button button-primary" disabled={outcome.busy} onClick={confirm}>
              {t('verifyButton')}
            </button>
          </p>
        </>
      ) : null}
      {outcome.done ? <Link href="/forums">{tc('navForums')}</Link> : null}
    </div>
  );
}
