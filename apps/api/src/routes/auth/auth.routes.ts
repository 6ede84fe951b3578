import type { Request, Response } from 'express';
import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { authorize, canManageOwnAccount, isSignedIn } from '../../policies';
import { presentSelf } from '../../presenters/users';
import { authenticate, createUser, getUser } from '../../services/accounts';
import { createSession, revokeAllSessions, revokeSession } from '../../services/sessions';
import { createSignInThrottle } from '../../services/sign-in-throttle';
import { clearSessionCookies, ensureCsrfToken, setSessionCookies, viewerOf } from './auth.middleware';
import { csrfResponse, meResponse, registerBody, sessionResponse, signInBody, signOutResponse } from './auth.schemas';

export function authRoutes(context: AppContext) {
  const throttle = createSignInThrottle();
  /** Opens a session for the user and answers it with the matching cookies. */
  const startSession = (user: Parameters<typeof presentSelf>[0], req: Request, res: Response) => {
    const session = createSession(context.db, user.id, req.get('user-agent'));
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
      handler: ({ req, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        const viewer = viewerOf(req);
        return { user: viewer.userId ? presentSelf(getUser(context.db, viewer.userId)) : null };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/register',
      tag: 'auth',
      summary: 'Creates a member account and signs it in.',
      body: registerBody,
      response: sessionResponse,
      errors: [403, 409],
      handler: async ({ body, req, res }) => {
        return startSession(await createUser(context.db, { ...body, role: 'member' }), req, res);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/sign-in',
      tag: 'auth',
      summary: 'Signs in with e-mail and password; sets the session cookie.',
      body: signInBody,
      response: sessionResponse,
      errors: [401, 403, 429],
      handler: async ({ body, req, res }) => {
        const keys = [`e:${body.email.trim().toLowerCase()}`, `ip:${req.ip}`];
        throttle.check(keys);
        let user;
        try {
          user = await authenticate(context.db, body.email, body.password);
        } catch (error) {
          throttle.fail(keys);
          throw error;
        }
        throttle.succeed(keys.slice(0, 1));
        return startSession(user, req, res);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/sign-out',
      tag: 'auth',
      summary: 'Ends this session.',
      response: signOutResponse,
      errors: [403],
      handler: ({ req, res }) => {
        const viewer = viewerOf(req);
        if (isSignedIn(viewer) && viewer.sessionId) revokeSession(context.db, context.events, viewer.userId, viewer.sessionId);
        return { csrfToken: clearSessionCookies(context, res), sessionsEnded: viewer.sessionId ? 1 : 0 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/sign-out-everywhere',
      tag: 'auth',
      summary: 'Ends every session of the signed-in user, on every device.',
      response: signOutResponse,
      errors: [401, 403],
      handler: ({ req, res }) => {
        const viewer = viewerOf(req);
        authorize(canManageOwnAccount(viewer), viewer);
        const ended = revokeAllSessions(context.db, context.events, viewer.userId);
        return { csrfToken: clearSessionCookies(context, res), sessionsEnded: ended };
      },
    }),
  ];
}
