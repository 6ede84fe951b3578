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

/** What a handler with response schema `R` returns: exactly that schema's type; with none, nothing (it wrote the response). */
export type ResponseBody<R extends ZodType | undefined> = R extends ZodType ? z.output<R> : undefined;

/**
 * One endpoint: its path, its zod schemas and its handler. The same object mounts the route, describes it
 * in the OpenAPI document and (through `z.infer` in contracts.ts) gives clients its types, so the three
 * cannot drift apart: a handler that returns another shape than `response` does not compile.
 */
export interface RouteDefinition<P = unknown, Q = unknown, B = unknown, R extends ZodType | undefined = ZodType | undefined> {
  method: HttpMethod;
  /** Express-style path, e.g. `/api/documents/:id`. */
  path: string;
  summary: string;
  tag: string;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Schema of the 200 JSON body: the handler's return type, the OpenAPI response and the client contract. */
  response?: R;
  /** Content type when the route does not answer JSON (files, HTML). */
  produces?: string;
  /** Extra statuses the route may answer, for the OpenAPI document. */
  errors?: number[];
  /** The throttle this route counts against (see rate-limits.ts); it answers 429 beyond it. */
  rateLimit?: RateLimitName;
  /** Returns the JSON body (checked against `response`), or nothing when it wrote the response itself. */
  handler: (input: RouteInput<P, Q, B>) => ResponseBody<R> | Promise<ResponseBody<R>>;
}

/** Identity helper that infers the handler's input types from the schemas and checks its result against `response`. */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined, R extends ZodType | undefined = undefined>(
  definition: RouteDefinition<P, Q, B, R>,
): RouteDefinition<P, Q, B, R> {
  return definition;
}

/** A route of any input and response types, as lists of routes hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list mixes routes of every input type; each was checked by defineRoute
export type AnyRoute = RouteDefinition<any, any, any, any>;

/**
 * Mounts route definitions on an Express router, validating params, query and body with their
 * schemas; a route's throttle runs first, before any validation or work.
 */
export function mountRoutes(router: Router, routes: readonly AnyRoute[], limits?: Readonly<Record<RateLimitName, RequestHandler[]>>): void {
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the value is typed by the route's own schema, which a list of routes erases
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
