import { pingDatabase } from '@mep/db';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';

export function healthRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      tag: 'health',
      summary: 'Liveness: the process answers.',
      response: z.object({ status: z.literal('ok') }),
      handler: () => ({ status: 'ok' as const }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/ready',
      tag: 'health',
      summary: 'Readiness: SQLite and Meilisearch are reachable and the process is not shutting down (503 otherwise).',
      response: z.object({ status: z.enum(['ready', 'unavailable', 'draining']), checks: z.object({ database: z.boolean(), search: z.boolean() }) }),
      errors: [503],
      handler: async ({ res }) => {
        const checks = { database: await pingDatabase(context.db), search: await context.search.ping() };
        const ready = checks.database && checks.search && !context.lifecycle.draining;
        res.status(ready ? 200 : 503);
        return { status: context.lifecycle.draining ? ('draining' as const) : ready ? ('ready' as const) : ('unavailable' as const), checks };
      },
    }),
  ];
}
