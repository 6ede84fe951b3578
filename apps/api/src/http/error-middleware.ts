import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError, NotFoundError, PayloadTooLargeError, RateLimitedError } from '../errors';

/**
 * The single place where thrown errors become HTTP answers. Unknown errors are logged and never leak
 * details; file-system locations under `privateRoots` (data folder, web build, working directory)
 * are cut out of every message as a last line of defence.
 */
export function createErrorMiddleware(log: (message: string, error: unknown) => void, privateRoots: readonly string[] = []): ErrorRequestHandler {
  const roots = [...new Set(privateRoots.filter((root) => root.length > 1))].sort((a, b) => b.length - a.length);
  const redact = (message: string) => roots.reduce((text, root) => text.split(root).join('…'), message);
  return (error, _req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const apiError = toApiError(error);
    if (!apiError) {
      log('Unhandled error while serving a request', error);
      res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong on our side. Please try again.' } });
      return;
    }
    if (apiError instanceof RateLimitedError) res.setHeader('Retry-After', String(apiError.retryAfterSeconds));
    res.status(apiError.status).json({ error: { code: apiError.code, message: redact(apiError.message), ...(apiError.details ? { details: apiError.details } : {}) } });
  };
}

/** Express and body-parser raise plain errors with a `status` / `type`: give them stable codes too. */
function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  const e = error as { status?: number; statusCode?: number; type?: string; message?: string };
  const status = e?.status ?? e?.statusCode;
  if (e?.type === 'entity.parse.failed') return new ApiError('invalid_json', 'The request body is not valid JSON.', 400);
  if (e?.type === 'entity.too.large') return new PayloadTooLargeError();
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') return new ApiError('unsupported_encoding', 'The request body encoding is not supported.', 415);
  // Their messages may name files (express.static: "ENOENT: … stat '/srv/…/x'"): never echoed.
  if (status === 404) return new NotFoundError('The file');
  if (typeof status === 'number' && status >= 400 && status < 500) return new ApiError('bad_request', 'Bad request.', status);
  return undefined;
}

/** Unknown `/api/*` paths answer a JSON 404 rather than the web app's HTML. */
export const apiNotFound: RequestHandler = (req) => {
  throw new NotFoundError(`The API route ${req.method} ${req.path}`);
};
