import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import type { AppContext } from './context';
import { mountRoutes, type AnyRoute } from './http/define-route';
import { createRateLimits, type RateLimits } from './http/rate-limits';
import { securityHeaders } from './http/security-headers';
import { apiNotFound, createErrorMiddleware } from './http/error-middleware';
import { buildOpenApiDocument } from './http/openapi';
import { metricsEndpoint, observeRequests } from './observability/http';
import { workspaceRoutes } from './routes/workspace/workspace.routes';
import { documentRoutes } from './routes/documents/documents.routes';
import { healthRoutes } from './routes/health/health.routes';
import { searchRoutes } from './routes/search/search.routes';
import { taxonomyRoutes } from './routes/taxonomy/taxonomy.routes';
import { csrfMiddleware, sessionMiddleware } from './routes/auth/auth.middleware';
import { authRoutes } from './routes/auth/auth.routes';
import { forumRoutes } from './routes/forums/forums.routes';
import { moderationRoutes } from './routes/moderation/moderation.routes';
import { notificationRoutes } from './routes/notifications/notifications.routes';
import { followRoutes } from './routes/follows/follows.routes';
import { userRoutes } from './routes/users/users.routes';
import { answerRoutes } from './routes/answers/answers.routes';
import { partyRoutes } from './routes/parties/parties.routes';
import { conventionRoutes } from './routes/convention/convention.routes';
import { oaiRoutes } from './routes/oai/oai.routes';
import { informeaRoutes } from './routes/informea/informea.routes';
import { insightRoutes } from './routes/insight/insight.routes';
import { surveyRoutes } from './routes/surveys/surveys.routes';

/** Every HTTP route of the API, in the order they are mounted and documented. */
export function listRoutes(context: AppContext): AnyRoute[] {
  return [...healthRoutes(context), ...searchRoutes(context), ...documentRoutes(context), ...taxonomyRoutes(context),
    // Forums, accounts and moderation (issue 4).
    ...authRoutes(context), ...userRoutes(context), ...forumRoutes(context), ...notificationRoutes(context), ...moderationRoutes(context),
    // Following concepts (issue 11 §5).
    ...followRoutes(context),
    // National reports, party profiles (issue 13).
    ...answerRoutes(context), ...partyRoutes(context), ...conventionRoutes(context), ...oaiRoutes(context), ...informeaRoutes(context), ...workspaceRoutes(context),
    // Dashboards, search analytics, reader feedback (issue 14).
    ...insightRoutes(context), ...surveyRoutes(context)];
}

/**
 * Builds the Express application: JSON API under /api, the built web app everywhere else. Pass the
 * process's rate limiters (their Redis connection is the caller's to close); by default in-memory ones.
 */
export function createApp(context: AppContext, limits: RateLimits = createRateLimits({ ...context, config: { ...context.config, redisUrl: undefined } })): Express {
  const app = express();
  app.disable('x-powered-by');
  // Which proxies may set X-Forwarded-For (client addresses for throttling): configuration, never a guess.
  app.set('trust proxy', context.config.trustProxy);
  app.set('query parser', 'simple');
  app.use(observeRequests(context));
  app.get('/metrics', metricsEndpoint(context));
  // CSP, frame-ancestors 'none', HSTS over https, nosniff, referrer policy… (http/security-headers.ts).
  app.use(securityHeaders(context.config));
  // gzip / brotli-less deflate for text (JSON, HTML, JS, CSS); PDFs and images are left as they are.
  app.use(compression());
  app.use('/api', express.json({ limit: '256kb' }));
  // OAI-PMH harvesters may POST their arguments as a form.
  app.use('/oai', express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }));
  // Who is asking (session cookie) and CSRF on every state-changing request.
  app.use('/api', sessionMiddleware(context), csrfMiddleware(context));

  const routes = listRoutes(context);
  const openApi = buildOpenApiDocument(routes, { version: '0.1.0', serverUrl: context.config.publicUrl });
  const api = express.Router();
  api.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  mountRoutes(api, routes, limits.handlers);
  app.use(api);
  app.use('/api', apiNotFound);

  serveWebApp(app, context.config.webDistDir);
  const privateRoots = [context.config.dataDir, context.config.webDistDir, resolve(context.config.webDistDir, '../../..'), process.cwd(), tmpdir()];
  app.use(createErrorMiddleware((message, error) => context.log.error(message, error), privateRoots));
  return app;
}

/** Serves the built single-page app with long-lived caching of hashed assets and an index.html fallback. */
function serveWebApp(app: Express, distDir: string): void {
  const indexHtml = join(distDir, 'index.html');
  app.use('/assets', express.static(join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  app.use(express.static(distDir, { index: false, maxAge: '1h' }));
  app.get('/{*path}', (_req, res) => {
    if (existsSync(indexHtml)) {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
    } else {
      res
        .status(503)
        .type('text/plain')
        .send('The web app has not been built yet: run `pnpm build:web` (the API is available under /api).');
    }
  });
}
