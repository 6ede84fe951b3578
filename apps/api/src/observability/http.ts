import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { AppContext } from '../context';
import { pinoOf, withLogScope } from './logger';

/** Request ids from a proxy are reused when they look like ids; anything else is replaced. */
const INCOMING_ID = /^[\w.:-]{1,128}$/;
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The id a proxy put in X-Request-Id when it looks like one, otherwise a new one. */
export function acceptRequestId(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
}

/** The request's id, also sent back in the answer. */
function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const id = acceptRequestId(req.headers['x-request-id']);
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * The route pattern that answered (`/api/documents/:id`), never the raw URL: metric labels must stay a
 * small, fixed set whatever clients request.
 */
export function routeLabel(req: Request): string {
  if (req.route?.path !== undefined) return `${req.baseUrl}${String(req.route.path)}`;
  return req.originalUrl.startsWith('/api/') || req.originalUrl === '/api' ? 'unmatched' : 'static';
}

/**
 * One line per request (pino-http, with its id), the request id in the log scope of everything the
 * request causes (services, domain-event listeners, socket broadcasts), and its latency per route.
 */
export function observeRequests(context: AppContext): RequestHandler[] {
  const logRequests = pinoHttp({
    logger: pinoOf(context.log),
    genReqId: requestIdFor,
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // Scrape and probe traffic would drown the log.
    autoLogging: { ignore: (req) => req.url === '/metrics' || req.url === '/api/health' },
    serializers: {
      // The id is on every line already (the log scope, as requestId).
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  const scopeAndTime: RequestHandler = (req, res, next) => {
    const end = context.metrics.httpDuration.startTimer();
    res.once('finish', () => end({ method: req.method, route: routeLabel(req), status_code: String(res.statusCode) }));
    withLogScope({ requestId: String(req.id) }, next);
  };
  return [logRequests as unknown as RequestHandler, scopeAndTime];
}

/**
 * GET /metrics in the Prometheus text format, only for a scraper that presents the configured bearer
 * token. Without MEP_METRICS_TOKEN, or with a wrong token, the endpoint does not exist (404).
 */
export function metricsEndpoint(context: AppContext): RequestHandler {
  const token = context.config.metricsToken;
  return async (req, res) => {
    if (!token || !bearerMatches(req.get('authorization'), token)) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type(context.metrics.registry.contentType).send(await context.metrics.registry.metrics());
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
