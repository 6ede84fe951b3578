import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { App } from '../src/app/App';
import type { Lang } from '../src/i18n/languages';
import { syncLocation } from '../src/router/history';
import { routes } from '../src/routes';

export type FakeRoute = (url: URL) => unknown;

/**
 * Replaces fetch with fixture answers by path. A handler may throw (network down) or return
 * `{ status, body }` via `httpError`; `calls` records every URL asked for.
 */
export function stubApi(handlers: Record<string, FakeRoute>): { calls: string[] } {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (input: string) => {
    const url = new URL(input, 'http://localhost');
    calls.push(url.pathname + url.search);
    const key = Object.keys(handlers)
      .filter((prefix) => url.pathname === prefix || url.pathname.startsWith(prefix))
      .sort((a, b) => b.length - a.length)[0];
    if (!key) return new Response(JSON.stringify({ error: { code: 'not_found', message: 'no fixture' } }), { status: 404 });
    const body = (handlers[key] as FakeRoute)(url);
    if (body instanceof Response) return body;
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return { calls };
}

export function renderApp(path: string, lang: Lang = 'en') {
  window.history.replaceState(null, '', path);
  syncLocation();
  return render(<App routes={routes} initialLang={lang} />);
}
