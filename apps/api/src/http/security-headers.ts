/**
 * Response headers that harden the browser side: a Content-Security-Policy the built web app
 * satisfies (scripts and styles from this origin only, no inline script), no framing of the site by
 * anyone (clickjacking), HSTS when the public URL is https, and the usual helmet set. The e2e test
 * apps/web/e2e/csp.e2e.ts loads every page type in Chromium and fails on any CSP violation.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config';

/** The CSP directives, exported for tests and for SECURITY.md to stay true. */
export function contentSecurityPolicy(https: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    // The favicon is a `data:` URL in index.html.
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    // The API and Socket.IO (CSP Level 3 'self' covers ws:/wss: to the same host).
    'connect-src': ["'self'"],
    // Our own PDFs, shown in a frame on the document page.
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** helmet configured for this platform. */
export function securityHeaders(config: Pick<Config, 'publicUrl'>): RequestHandler {
  const https = config.publicUrl.startsWith('https:');
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(https) },
    // Cross-origin isolation would block the PDF frame and gains nothing here.
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: https ? { maxAge: 365 * 86_400, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}
