import '../forums/forums.css';
import { useState, type FormEvent } from 'react';
import type { ChangePasswordResponse } from '@mep/api/contracts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@mep/vocabulary';
import { send } from '../../api/client';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useT } from '../../i18n/LanguageProvider';
import { navigate } from '../../router/history';
import { Link } from '../../router/Router';
import { errorText } from './errorText';
import { FollowingList } from '../follows/FollowingList';
import { EmailSection } from './EmailSection';
import { accountMessages } from './messages';
import { refreshSession, useSession } from './session';
import { OpenSurveys } from '../surveys/OpenSurveys';

export default function ProfilePage() {
  const t = useT(accountMessages);
  useDocumentTitle(t('profileTitle'));
  const session = useSession();
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  if (session.status === 'loading') return <Loading />;
  const user = session.user;
  if (!user) {
    return (
      <div className="page account-page">
        <PageHeading>{t('profileTitle')}</PageHeading>
        <p>
          <Link href="/sign-in?next=%2Faccount">{t('signInTitle')}</Link>
        </p>
      </div>
    );
  }

  const run = async (action: () => Promise<unknown>, okText: string | null) => {
    setStatus(null);
    try {
      await action();
      if (okText) setStatus({ kind: 'ok', text: okText });
    } catch (error) {
      setStatus({ kind: 'error', text: errorText(t, error) });
    }
  };

  const onSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    void run(async () => {
      await send('PATCH', '/api/users/me', { displayName: String(data.get('displayName')), digestEnabled: data.get('digest') === 'on' });
      await refreshSession();
    }, t('saved'));
  };

  const onDelete = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    void run(async () => {
      await send('DELETE', '/api/users/me', { password: String(data.get('deletePassword')) });
      await refreshSession();
      navigate('/forums');
    }, null);
  };

  const onChangePassword = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    void run(async () => {
      const { sessionsEnded } = await send<ChangePasswordResponse>('POST', '/api/auth/password', {
        currentPassword: String(data.get('currentPassword')),
        newPassword: String(data.get('newPassword')),
      });
      form.reset();
      setStatus({ kind: 'ok', text: t('passwordChanged', { count: sessionsEnded }) });
    }, null);
  };

  const signOut = (everywhere: boolean) =>
    void run(async () => {
      await send('POST', everywhere ? '/api/auth/sign-out-everywhere' : '/api/auth/sign-out');
      await refreshSession();
      navigate('/forums');
    }, null);

  return (
    <div className="page account-page">
      <PageHeading>{t('profileTitle')}</PageHeading>
      <p>
        <bdi>{user.displayName}</bdi> · <bdi>{user.email}</bdi> · {t('roleLabel', { role: t(`role_${user.role}`) })}
      </p>
      <p className="hint">{t('emailPrivate')}</p>
      <div role="status" aria-live="polite">
        {status ? <p className={status.kind === 'error' ? 'error-panel' : 'hint'}>{status.text}</p> : null}
      </div>
      <form className="stack-form" onSubmit={onSave}>
        <p>
          <label htmlFor="displayName">{t('displayName')}</label>
          <input id="displayName" name="displayName" dir="auto" defaultValue={user.displayName} required minLength={2} maxLength={80} />
        </p>
        <p>
          <input id="digest" name="digest" type="checkbox" defaultChecked={user.digestEnabled} />{' '}
          <label htmlFor="digest">{t('digest')}</label>
        </p>
        <p>
          <button type="submit" className="button">
            {t('save')}
          </button>
        </p>
      </form>
      <OpenSurveys />
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('downloadData')}</h2>
        <p>{t('downloadHint')}</p>
        <p>
          <a className="button" href="/api/users/me/export" download="mep-my-data.json">
            {t('downloadData')}
          </a>
        </p>
      </section>
      <FollowingList />
      <EmailSection user={user} />
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t('passwordHeading')}</h2>
        <p>{t('passwordChangeHint')}</p>
        <form className="stack-form" onSubmit={onChangePassword}>
          <p>
            <label htmlFor="currentPassword">{t('currentPassword')}</label>
            <input id="currentPassword" name="currentPassword" type="password" required autoComplete="current-password" />
          </p>
          <p>
            <label htmlFor="newPassword">{t('newPassword')}</label>
            <input id="newPassword" name="newPassword" type="password" required minLength={PASSWORD_MIN_LENGTH} maxLength={PASSWORD_MAX_LENGTH} autoComplete="new-password" aria-describedby="new-password-hint" />
            <span id="new-password-hint" className="hint">
              {t('passwordHint')}
            </span>
          </p>
          <p>
            <button type="submit" className="button">
              {t('passwordChangeButton')}
            </button>
          </p>
        </form>
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('signOut')}</h2>
        <p>
          <button type="button" className="button" onClick={() => signOut(false)}>
            {t('signOut')}
          </button>{' '}
          <button type="button" className="button" onClick={() => signOut(true)}>
            {t('signOutEverywhere')}
          </button>
        </p>
      </section>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t('deleteHeading')}</h2>
        <p>{t('deleteHint')}</p>
        <form className="stack-form" onSubmit={onDelete}>
          <p>
            <label htmlFor="deletePassword">{t('password')}</label>
            <input id="deletePassword" name="deletePassword" type="password" required autoComplete="current-password" />
          </p>
          <p>
            <button type="submit" className="button">
              {t('deleteButton')}
            </button>
          </p>
        </form>
      </section>
    </div>
  );
}
