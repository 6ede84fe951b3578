import './workspace.css';
import { useState, type FormEvent } from 'react';
import type { AdminUserDto, UserListResponse, UserRoleChangeResponse } from '@mep/api/contracts';
import { USER_ROLES, type UserRole } from '@mep/vocabulary';
import { ApiError, send } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useT } from '../../i18n/LanguageProvider';
import { accountMessages, type AccountKey } from '../account/messages';
import { refreshSession, useSession } from '../account/session';
import { adminMessages } from './adminMessages';
import { AdminLinks } from './AdminLinks';

const PARTY = /^party:[A-Z]{3}$/;
/** The API lists at most this many accounts per search. */
const LIST_LIMIT = 200;

function UserRow({ user, onSaved, onNotice }: { user: AdminUserDto; onSaved: () => void; onNotice: (text: string) => void }) {
  const t = useT(adminMessages);
  const ta = useT(accountMessages);
  const [role, setRole] = useState<UserRole>(user.role as UserRole);
  const [party, setParty] = useState(user.party ?? '');
  const [busy, setBusy] = useState(false);
  const roleName = (r: string) => ta(`role_${r}` as AccountKey);

  const save = async () => {
    const chosenParty = role === 'focal_point' ? party.trim().toUpperCase().replace(/^PARTY:/, 'party:') : null;
    if (role === 'focal_point' && !PARTY.test(chosenParty ?? '')) {
      onNotice(t('partyNeeded'));
      return;
    }
    setBusy(true);
    try {
      const { user: saved } = await send<UserRoleChangeResponse>('PUT', `/api/users/${encodeURIComponent(user.id)}/role`, { role, party: chosenParty });
      onNotice(t('roleSaved', { name: saved.displayName, role: roleName(saved.role) }));
      onSaved();
    } catch (error) {
      const code = error instanceof ApiError ? error.code : '';
      onNotice(code === 'last_admin' ? t('lastAdmin') : t('saveFailed', { message: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr className="user-row" data-user={user.id}>
      <td>
        <bdi>{user.displayName}</bdi>
      </td>
      <td>
        <bdi>{user.email}</bdi>
      </td>
      <td>
        <select aria-label={t('roleOf', { name: user.displayName })} value={role} onChange={(event) => setRole(event.target.value as UserRole)}>
          {USER_ROLES.map((r) => (
            <option key={r} value={r}>
              {roleName(r)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          aria-label={t('partyOf', { name: user.displayName })}
          value={role === 'focal_point' ? party : ''}
          disabled={role !== 'focal_point'}
          onChange={(event) => setParty(event.target.value)}
          placeholder="party:KEN"
          maxLength={9}
          dir="ltr"
        />
      </td>
      <td>
        <button type="button" className="button" disabled={busy} onClick={() => void save()}>
          {t('save')}
          <span className="visually-hidden"> {user.displayName}</span>
        </button>
      </td>
    </tr>
  );
}

/** Administrators: list and search accounts, change roles, tie focal points to their party. */
export default function UsersPage() {
  const t = useT(adminMessages);
  useDocumentTitle(t('usersTitle'));
  const session = useSession();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState('');
  const isAdmin = session.user?.role === 'admin';
  const { state, retry } = useApi<UserListResponse>(isAdmin ? `/api/users${query ? `?q=${encodeURIComponent(query)}` : ''}` : null);

  if (session.status === 'loading') return <Loading />;
  if (!isAdmin) {
    return (
      <>
        <PageHeading>{t('usersTitle')}</PageHeading>
        <p>{t('usersNotAllowed')}</p>
      </>
    );
  }
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery(q.trim());
  };
  return (
    <>
      <PageHeading>{t('usersTitle')}</PageHeading>
      <AdminLinks />
      <p>{t('usersIntro')}</p>
      <form className="user-search" role="search" onSubmit={search}>
        <label>
          {t('searchUsers')}
          <input type="search" value={q} onChange={(event) => setQ(event.target.value)} maxLength={100} dir="auto" />
        </label>
        <div>
          <button type="submit" className="button">
            {t('search')}
          </button>
        </div>
      </form>
      <p role="status" className="workspace-notice">
        {notice}
      </p>
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : null}
      {state.status === 'loading' && !state.data ? <Loading /> : null}
      {state.data && state.data.users.length === 0 ? <p className="hint">{t('noUsers')}</p> : null}
      {state.data && state.data.users.length >= LIST_LIMIT ? <p className="hint">{t('tooManyUsers')}</p> : null}
      {state.data && state.data.users.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('usersTitle')}>
          <table className="users-table">
            <thead>
              <tr>
                <th scope="col">{t('colName')}</th>
                <th scope="col">{t('colEmail')}</th>
                <th scope="col">{t('colRole')}</th>
                <th scope="col">{t('colParty')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('save')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.data.users.map((user) => (
                <UserRow
                  key={`${user.id}:${user.role}:${user.party ?? ''}`}
                  user={user}
                  onNotice={setNotice}
                  onSaved={() => {
                    retry();
                    // An administrator who stepped down loses this page.
                    if (user.id === session.user?.id) void refreshSession();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
