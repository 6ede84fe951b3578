import { z, type ZodType } from 'zod';
import { CSRF_HEADER } from '@mep/vocabulary';
import { SESSION_COOKIE } from '../services/sessions';
import type { AnyRoute } from './define-route';

const statusText: Record<number, string> = {
  400: 'Invalid request: a malformed parameter or JSON body',
  401: 'Authentication required',
  403: 'Forbidden (or the CSRF header is missing or wrong)',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone: the document was withdrawn (the body gives the reason)',
  413: 'Payload too large',
  429: 'Rate limited',
  503: 'Service unavailable',
};

function toSchema(schema: ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function toParameters(schema: ZodType | undefined, location: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
    ...(location === 'query' && (property as { type?: unknown }).type === 'array' ? { style: 'form', explode: true } : {}),
  }));
}

/** Builds the OpenAPI 3.1 document from the mounted route definitions. */
export function buildOpenApiDocument(routes: readonly AnyRoute[], info: { version: string; serverUrl: string }): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
    const success = route.produces
      ? { description: 'OK', content: { [route.produces]: {} } }
      : { description: 'OK', content: { 'application/json': { schema: route.response ? toSchema(route.response, 'output') : {} } } };
    const responses: Record<string, unknown> = { 200: success };
    const changesState = route.method !== 'get';
    // Every /api request may carry a JSON body that fails to parse (400); every state change may fail the CSRF check (403); a throttled route may answer 429.
    for (const status of [...new Set([400, ...(changesState ? [403] : []), ...(route.rateLimit ? [429] : []), ...(route.errors ?? [])])].sort((a, b) => a - b)) {
      responses[status] = { description: statusText[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    (paths[openApiPath] ??= {})[route.method] = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${openApiPath.replace(/[{}]/g, '').replace(/(^|[/_-])(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
      parameters: [...toParameters(route.params, 'path'), ...toParameters(route.query, 'query')],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } } } : {}),
      responses,
      // Anonymous readers are welcome and a session changes what they see; a route that needs one says so with 401.
      // Every state change needs the CSRF header, signed in or not.
      security: changesState ? [{ csrfHeader: [] }, { sessionCookie: [], csrfHeader: [] }] : [{}, { sessionCookie: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Minamata Exchange Platform API',
      version: info.version,
      description: 'Knowledge repository and discussion space of the Minamata Convention on Mercury.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: info.serverUrl.replace(/\/+$/, ''), description: 'This deployment (MEP_PUBLIC_URL)' }],
    paths,
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/auth/sign-in (httpOnly).' },
        csrfHeader: {
          type: 'apiKey',
          in: 'header',
          name: CSRF_HEADER,
          description: 'Double-submit token: GET /api/auth/csrf, then send it back on every POST, PUT, PATCH and DELETE.',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
        },
      },
    },
  };
}
