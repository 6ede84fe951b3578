import type { Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../../context';
import { ApiError } from '../../errors';
import { ANONYMOUS, type Viewer } from '../../policies';
import { CSRF_HEADER } from '@mep/vocabulary';
import { csrfMatches, csrfTokenFor, newCsrfToken, parseCookies, resolveViewer } from '../../services/sessions';

const VIEWER = Symbol('mep.viewer');
const COOKIES = Symbol('mep.cookies');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Decorated = Request & { [VIEWER]?: Viewer; [COOKIES]?: Record<string, string> };

/** The viewer the session middleware resolved for this request (anonymous when none). */
export function viewerOf(req: Request): Viewer {
  return (req as Decorated)[VIEWER] ?? ANONYMOUS;
}

/** Cookies of the request, parsed once. */
export function cookiesOf(req: Request): Record<string, string> {
  const decorated = req as Decorated;
  return (decorated[COOKIES] ??= parseCookies(req.headers.cookie));
}

/** Resolves the session cookie into a viewer for every /api request. */
export function sessionMiddleware(context: AppContext): RequestHandler {
  return async (req, _res, next) => {
    (req as Decorated)[VIEWER] = await resolveViewer(context.db, cookiesOf(req)[context.config.cookieNames.session]);
    next();
  };
}

/**
 * Double-submit CSRF check on every state-changing /api request: the X-CSRF-Token header must equal
 * the CSRF cookie's value. For a signed-in browser that value is derived from the session token, so a
 * cookie planted by another site or subdomain cannot pass.
 */
export function csrfMiddleware(context: AppContext): RequestHandler {
  const { session: SESSION_COOKIE, csrf: CSRF_COOKIE } = context.config.cookieNames;
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const cookies = cookiesOf(req);
    const expected = cookies[SESSION_COOKIE] ? csrfTokenFor(cookies[SESSION_COOKIE], undefined) : cookies[CSRF_COOKIE];
    const presented = req.get(CSRF_HEADER);
    if (!csrfMatches(expected, presented)) {
      return next(new ApiError('csrf_failed', `Missing or wrong ${CSRF_HEADER} header: fetch GET /api/auth/csrf and send its token back.`, 403));
    }
    next();
  };
}

const cookieBase = (context: AppContext) => ({ sameSite: 'lax' as const, secure: context.config.secureCookies, path: '/' });

/** Sets the session cookie (httpOnly) and the matching readable CSRF cookie; returns the CSRF token. */
export function setSessionCookies(context: AppContext, res: Response, token: string, expiresAt: Date): string {
  const { session: SESSION_COOKIE, csrf: CSRF_COOKIE } = context.config.cookieNames;
  const csrf = csrfTokenFor(token, undefined) as string;
  res.cookie(SESSION_COOKIE, token, { ...cookieBase(context), httpOnly: true, expires: expiresAt });
  res.cookie(CSRF_COOKIE, csrf, { ...cookieBase(context), httpOnly: false, expires: expiresAt });
  return csrf;
}

/** Drops the session and gives the browser a fresh anonymous CSRF token; returns it. */
export function clearSessionCookies(context: AppContext, res: Response): string {
  const { session: SESSION_COOKIE, csrf: CSRF_COOKIE } = context.config.cookieNames;
  res.clearCookie(SESSION_COOKIE, { ...cookieBase(context), httpOnly: true });
  const csrf = newCsrfToken();
  res.cookie(CSRF_COOKIE, csrf, { ...cookieBase(context), httpOnly: false });
  return csrf;
}

/** The CSRF token for this browser, issuing an anonymous one when it has none. */
export function ensureCsrfToken(context: AppContext, req: Request, res: Response): string {
  const { session: SESSION_COOKIE, csrf: CSRF_COOKIE } = context.config.cookieNames;
  const cookies = cookiesOf(req);
  const token = csrfTokenFor(cookies[SESSION_COOKIE], cookies[CSRF_COOKIE]);
  if (token) {
    if (cookies[CSRF_COOKIE] !== token) res.cookie(CSRF_COOKIE, token, { ...cookieBase(context), httpOnly: false });
    return token;
  }
  const fresh = newCsrfToken();
  res.cookie(CSRF_COOKIE, fresh, { ...cookieBase(context), httpOnly: false });
  return fresh;
}
