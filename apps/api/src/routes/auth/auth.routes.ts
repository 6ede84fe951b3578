import type { Request, Response } from 'express';
import type { AppContext } from '../../context';
import { accountEmailRoutes } from './account-email.routes';
import { defineRoute } from '../../http/define-route';
import { authorize, canManageOwnAccount, isSignedIn } from '../../policies';
import { presentSelf } from '../../presenters/users';
import { authenticate, changePassword, getUser, registerMember } from '../../services/accounts';
import { createSession, revokeAllSessions, revokeSession } from '../../services/sessions';
import { clearSessionCookies, ensureCsrfToken, setSessionCookies, viewerOf } from './auth.middleware';
import { changePasswordBody, changePasswordResponse, csrfResponse, meResponse, registerBody, registerResponse, sessionResponse, signInBody, signOutResponse } from './auth.schemas';

export function authRoutes(context: AppContext) {
  /** Opens a session for the user and answers it with the matching cookies. */
  const startSession = async (user: Parameters<typeof presentSelf>[0], req: Request, res: Response) => {
    const session = await createSession(context.db, user.id, req.get('user-agent'));
    return { user: presentSelf(user), csrfToken: setSessionCookies(context, res, session.token, session.expiresAt) };
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/auth/csrf',
      tag: 'auth',
      summary: 'The CSRF token to send as X-CSRF-Token on every state-changing request (also set as a readable cookie).',
      response: csrfResponse,
      handler: ({ req, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return { csrfToken: ensureCsrfToken(context, req, res) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      tag: 'auth',
      summary: 'The signed-in user, or null.',
      response: meResponse,
      handler: async ({ req, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        const viewer = viewerOf(req);
        return { user: viewer.userId ? presentSelf(await getUser(context.db, viewer.userId)) : null };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/register',
      tag: 'auth',
      summary: 'Creates a member account, then the client signs in. Answers the same whether or not the e-mail is taken; the e-mail sent says which.',
      body: registerBody,
      response: registerResponse,
      errors: [403],
      rateLimit: 'register',
      handler: async ({ body, res }) => {
        await registerMember(context, body);
        res.status(202);
        return { status: 'check_email' as const, message: 'If this address can be registered, the account is ready and an e-mail is on its way.' };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/sign-in',
      tag: 'auth',
      summary: 'Signs in with e-mail and password; sets the session cookie.',
      body: signInBody,
      response: sessionResponse,
      rateLimit: 'signIn',
      errors: [401, 403, 429],
      handler: async ({ body, req, res }) => {
        // Throttled before this runs (rate-limits.ts): per network, and a growing delay per account.
        return startSession(await authenticate(context.db, body.email, body.password), req, res);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/sign-out',
      tag: 'auth',
      summary: 'Ends this session.',
      response: signOutResponse,
      errors: [403],
      handler: async ({ req, res }) => {
        const viewer = viewerOf(req);
        if (isSignedIn(viewer) && viewer.sessionId) await revokeSession(context.db, context.events, viewer.userId, viewer.sessionId);
        return { csrfToken: clearSessionCookies(context, res), sessionsEnded: viewer.sessionId ? 1 : 0 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/password',
      tag: 'auth',
      summary: "Changes the signed-in user's password (current one required) and ends their other sessions.",
      body: changePasswordBody,
      response: changePasswordResponse,
      errors: [401, 403],
      rateLimit: 'passwordChange',
      handler: async ({ req, body }) => {
        const viewer = viewerOf(req);
        authorize(canManageOwnAccount(viewer), viewer);
        return { sessionsEnded: await changePassword(context.db, context.events, viewer, body.currentPassword, body.newPassword) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/sign-out-everywhere',
      tag: 'auth',
      summary: 'Ends every session of the signed-in user, on every device.',
      response: signOutResponse,
      errors: [401, 403],
      handler: async ({ req, res }) => {
        const viewer = viewerOf(req);
        authorize(canManageOwnAccount(viewer), viewer);
        const ended = await revokeAllSessions(context.db, context.events, viewer.userId);
        return { csrfToken: clearSessionCookies(context, res), sessionsEnded: ended };
      },
    }),
    ...accountEmailRoutes(context),
  ];
}
