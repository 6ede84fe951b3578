import type { Request, RequestHandler, Response, Router } from 'express';
import { z, type ZodType } from 'zod';
import { ValidationError } from '../errors';
import type { RateLimitName } from './rate-limits';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

/**
 * One endpoint: its path, its zod schemas and its handler. The same object mounts the route and
 * describes it in the OpenAPI document, so the two cannot drift apart.
 */
export interface RouteDefinition<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  /** Express-style path, e.g. `/api/documents/:id`. */
  path: string;
  summary: string;
  tag: string;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Schema of the 200 JSON body, for the OpenAPI document only. */
  response?: ZodType;
  /** Content type when the route does not answer JSON (files, HTML). */
  produces?: string;
  /** Extra statuses the route may answer, for the OpenAPI document. */
  errors?: number[];
  /** The throttle this route counts against (see rate-limits.ts); it answers 429 beyond it. */
  rateLimit?: RateLimitName;
  /** Returns the JSON body, or undefined when it wrote the response itself. */
  handler: (input: RouteInput<P, Q, B>) => unknown;
}

/** Identity helper that infers the handler's input types from the schemas. */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  definition: RouteDefinition<P, Q, B>,
): RouteDefinition<P, Q, B> {
  return definition;
}

/**
 * Mounts route definitions on an Express router, validating params, query and body with their
 * schemas; a route's throttle runs first, before any validation or work.
 */
export function mountRoutes(router: Router, routes: readonly RouteDefinition<any, any, any>[], limits?: Readonly<Record<RateLimitName, RequestHandler[]>>): void {
  for (const route of routes) {
    const throttle = route.rateLimit && limits ? limits[route.rateLimit] : [];
    router[route.method](route.path, ...throttle, async (req: Request, res: Response) => {
      const params = parsePart(route.params, req.params, 'path parameter');
      const query = parsePart(route.query, req.query, 'query parameter');
      const body = parsePart(route.body, req.body, 'body field');
      const result = await route.handler({ params, query, body, req, res });
      if (result !== undefined && !res.headersSent) res.json(result);
    });
  }
}

function parsePart(schema: ZodType | undefined, value: unknown, where: string): any {
  if (!schema) return value ?? {};
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new ValidationError(describeIssues(parsed.error, where), parsed.error.issues.map(({ path, message }) => ({ path, message })));
}

/** Turns zod issues into one readable sentence naming the offending fields. */
export function describeIssues(error: z.ZodError, where = 'field'): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${where} "${issue.path.join('.')}": ${issue.message}` : issue.message))
    .join('; ');
}
