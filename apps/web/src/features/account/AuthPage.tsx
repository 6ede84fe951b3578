import '../forums/forums.css';
import { useState, type FormEvent } from 'react';
import type { RegisterResponse, SessionResponse } from '@mep/api/contracts';
import { PASSWORD_MIN_LENGTH } from '@mep/vocabulary';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useT } from '../../i18n/LanguageProvider';
import { navigate } from '../../router/history';
import { Link, useSearchParams } from '../../router/Router';
import { ApiError, send } from '../../api/client';
import { errorText } from './errorText';
import { emailMessages } from './emailMessages';
import { accountMessages } from './messages';
import { refreshSession } from './session';

/** Only same-site paths may be returned to after signing in (no open redirect). */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/forums';
}

/** Sign-in and registration share one form; `mode` picks the fields and the endpoint. */
function AuthForm({ mode }: { mode: 'sign-in' | 'register' }) {
  const t = useT(accountMessages);
  const te = useT(emailMessages);
  const params = useSearchParams();
  const next = safeNext(params.get('next'));
  const title = mode === 'sign-in' ? t('signInTitle') : t('registerTitle');
  useDocumentTitle(title);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const body: Record<string, string> = { email: String(data.get('email') ?? ''), password: String(data.get('password') ?? '') };
    if (mode === 'register') body.displayName = String(data.get('displayName') ?? '');
    setBusy(true);
    setError(null);
    try {
      // Registration answers the same whether or not the address is taken (no account enumeration);
      // signing in with the chosen password tells the person, and only them, whether it worked.
      if (mode === 'register') await send<RegisterResponse>('POST', '/api/auth/register', body);
      try {
        await send<SessionResponse>('POST', '/api/auth/sign-in', { email: body.email, password: body.password });
      } catch (caught) {
        if (mode === 'register' && caught instanceof ApiError && caught.code === 'invalid_credentials') throw new Error(t('registerCheckEmail'), { cause: caught });
        throw caught;
      }
      await refreshSession();
      navigate(next);
    } catch (caught) {
      setError(caught instanceof ApiError ? errorText(t, caught) : String((caught as Error).message));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page account-page">
      <PageHeading>{title}</PageHeading>
      <form className="stack-form" onSubmit={onSubmit} aria-describedby={error ? 'auth-error' : undefined}>
        {error ? (
          <p id="auth-error" className="error-panel" role="alert">
            {error}
          </p>
        ) : null}
        {mode === 'register' ? (
          <p>
            <label htmlFor="displayName">{t('displayName')}</label>
            <input id="displayName" name="displayName" dir="auto" required minLength={2} maxLength={80} autoComplete="nickname" />
          </p>
        ) : null}
        <p>
          <label htmlFor="email">{t('email')}</label>
          <input id="email" name="email" type="email" required autoComplete="email" aria-describedby={mode === 'register' ? 'email-hint' : undefined} />
          {mode === 'register' ? (
            <span id="email-hint" className="hint">
              {t('emailPrivate')}
            </span>
          ) : null}
        </p>
        <p>
          <label htmlFor="password">{t('password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            required
            minLength={mode === 'register' ? PASSWORD_MIN_LENGTH : 1}
            autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
            aria-describedby={mode === 'register' ? 'password-hint' : undefined}
          />
          {mode === 'register' ? (
            <span id="password-hint" className="hint">
              {t('passwordHint')}
            </span>
          ) : null}
        </p>
        <p>
          <button type="submit" className="button button-primary" disabled={busy}>
            {mode === 'sign-in' ? t('signInButton') : t('registerButton')}
          </button>
        </p>
      </form>
      {mode === 'sign-in' ? (
        <p>
          <Link href="/forgot-password">{te('forgotLink')}</Link>
        </p>
      ) : null}
      <p>
        {mode === 'sign-in' ? t('noAccount') : t('haveAccount')}{' '}
        <Link href={`${mode === 'sign-in' ? '/register' : '/sign-in'}?next=${encodeURIComponent(next)}`}>{mode === 'sign-in' ? t('registerTitle') : t('signInTitle')}</Link>
      </p>
    </div>
  );
}

export function SignInPage() {
  return <AuthForm mode="sign-in" />;
}

export function RegisterPage() {
  return <AuthForm mode="register" />;
}
