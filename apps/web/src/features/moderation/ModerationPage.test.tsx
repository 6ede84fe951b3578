import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { taxonomyFixture } from '../../../test/fixtures';
import { renderApp } from '../../../test/renderApp';
import { refreshSession } from '../account/session';

const user = (id: string, displayName: string, role: 'member' | 'moderator' | 'admin') => ({ id, displayName, role, party: null, deleted: false });
const moderator = { ...user('m1', 'Mo', 'moderator'), email: 'mo@example.org', locale: null, digestEnabled: false, createdAt: '2025-01-01T00:00:00.000Z' };

const post = {
  id: 12,
  threadId: 3,
  forumId: 'products',
  author: user('u2', 'Spammer', 'member'),
  html: '<p>Buy cheap mercury now</p>',
  status: 'visible',
  createdAt: '2025-01-10T10:00:00.000Z',
  editedAt: null,
  documents: [],
};
const thread = { id: 3, forumId: 'products', title: 'Dental amalgam phase-down', author: user('u1', 'Amina', 'member'), concepts: [], documentIds: [], locked: false, pinned: false, postCount: 2, lastPostAt: '2025-01-10T10:00:00.000Z', createdAt: '2025-01-09T10:00:00.000Z', following: false };

interface Call {
  method: string;
  path: string;
  body: unknown;
  csrf: string | null;
}

/** A fake moderation API: the flag goes away once resolved, and each decision lands in the audit log. */
function stubModerationApi(me: object | null) {
  const calls: Call[] = [];
  let open = true;
  const audit: object[] = [{ id: 1, actor: user('m1', 'Mo', 'moderator'), action: 'thread.pin', targetType: 'thread', targetId: '3', details: {}, createdAt: '2025-01-08T10:00:00.000Z' }];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    calls.push({ method, path: url.pathname + url.search, body: init.body ? JSON.parse(String(init.body)) : undefined, csrf: headers.get('X-CSRF-Token') });
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const path = url.pathname;
    if (path === '/api/taxonomy') return json(taxonomyFixture);
    if (path === '/api/auth/me') return json({ user: me });
    if (path === '/api/auth/csrf') return json({ csrfToken: 'token-1' });
    if (path === '/api/notifications/unread-count') return json({ unreadCount: 0 });
    if (path === '/api/moderation/flags') {
      const status = url.searchParams.get('status');
      const flags = status === 'open' && open ? [{ id: 5, postId: 12, reason: 'Advertising, not discussion', status: 'open', reporter: user('u1', 'Amina', 'member'), createdAt: '2025-01-10T11:00:00.000Z', resolvedAt: null, post }] : [];
      return json({ flags });
    }
    if (path === '/api/moderation/flags/5/resolve' && method === 'POST') {
      open = false;
      audit.unshift({ id: 2, actor: user('m1', 'Mo', 'moderator'), action: 'flag.resolved', targetType: 'flag', targetId: '5', details: { postId: 12 }, createdAt: '2025-01-10T12:00:00.000Z' });
      return json({ ok: true });
    }
    if (path === '/api/moderation/audit') return json({ total: audit.length, entries: audit });
    if (path === '/api/threads/3/lock' && method === 'PUT') return json({ thread: { ...thread, locked: true } });
    if (path === '/api/threads/3') return json({ thread });
    return json({ error: { code: 'not_found', message: 'no fixture' } }, 404);
  });
  return { calls };
}

describe('moderation page', () => {
  it('shows moderators the reports queue and the audit log; hiding a reported post closes the report and is logged', async () => {
    const { calls } = stubModerationApi(moderator);
    await refreshSession();
    renderApp('/moderation');
    expect(await screen.findByRole('heading', { level: 1, name: 'Moderation' })).toBeTruthy();
    // the nav shows the page to moderators, as the current section
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Moderation' }).getAttribute('aria-current')).toBe('page');

    const report = (await screen.findByRole('heading', { name: 'Post by Spammer' })).closest('li') as HTMLElement;
    expect(within(report).getByText('Advertising, not discussion')).toBeTruthy();
    // The reporter's name is isolated (<bdi>) inside the sentence.
    expect(within(report).getByText((_, el) => el?.tagName === 'P' && /^Reported by Amina/.test(el.textContent ?? ''))).toBeTruthy();
    expect(within(report).getByText('Amina', { selector: 'bdi' })).toBeTruthy();
    expect(within(report).getByText('Buy cheap mercury now')).toBeTruthy();
    expect(within(report).getByRole('link', { name: 'Open the post in its thread' }).getAttribute('href')).toBe('/forums/threads/3#post-12');

    const log = screen.getByRole('table', { name: /Moderator and secretariat actions/ });
    expect(within(log).getByText('Pinned a thread')).toBeTruthy();
    expect(within(log).getByRole('link', { name: 'Thread 3' }).getAttribute('href')).toBe('/forums/threads/3');

    // lock the thread of the reported post
    fireEvent.click(await within(report).findByRole('button', { name: 'Lock the thread' }));
    expect(await within(report).findByText('The thread is locked.')).toBeTruthy();
    expect(within(report).getByRole('button', { name: 'Unlock the thread' })).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/threads/3/lock')).toMatchObject({ method: 'PUT', body: { locked: true }, csrf: 'token-1' });

    fireEvent.click(within(report).getByRole('button', { name: 'Hide the post' }));
    await waitFor(() => expect(screen.getByText('The post is hidden and its reports are closed.')).toBeTruthy());
    expect(calls.find((c) => c.path === '/api/moderation/flags/5/resolve')).toMatchObject({ method: 'POST', body: { action: 'hide' }, csrf: 'token-1' });
    expect(await screen.findByText('No reports here.')).toBeTruthy();
    expect(document.activeElement?.id).toBe('queue-heading');
    expect(await screen.findByText('Upheld a report (post hidden)')).toBeTruthy();
  });

  it('keeps the filter of the queue in the URL', async () => {
    const { calls } = stubModerationApi(moderator);
    await refreshSession();
    renderApp('/moderation');
    fireEvent.change(await screen.findByLabelText('Show reports'), { target: { value: 'dismissed' } });
    expect(window.location.search).toBe('?status=dismissed');
    await waitFor(() => expect(calls.map((c) => c.path)).toContain('/api/moderation/flags?status=dismissed'));
  });

  it('is not offered to other users, and says so if they open it', async () => {
    stubModerationApi({ ...moderator, role: 'member' });
    await refreshSession();
    renderApp('/moderation');
    expect(await screen.findByText('This page is for moderators and the secretariat only.')).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'Moderation' })).toBeNull();
  });

  it('asks anonymous readers to sign in, in their language', async () => {
    stubModerationApi(null);
    await refreshSession();
    renderApp('/moderation', 'ar');
    const link = await screen.findByRole('link', { name: 'سجّل الدخول بحساب مشرف لعرض هذه الصفحة.' });
    expect(link.getAttribute('href')).toBe('/sign-in?next=%2Fmoderation');
  });
});
