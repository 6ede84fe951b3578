/**
 * Findings 4 and 6 over HTTP: security headers (CSP with frame-ancestors 'none', X-Frame-Options,
 * HSTS and __Host- cookies over https), compressed responses, and no file-system path in any error.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documents } from '@mep/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts';
import { SessionClient } from '../../src/services/testing/forum-harness';
import { startTestPlatform, type TestPlatform } from '../platform';

let web: string;
let plain: TestPlatform;
let https: TestPlatform;
const BIG_SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 20_000 }, (_, i) => `mercury-${i % 50}`))};\n`;

beforeAll(async () => {
  // A stand-in for the built web app: index.html and one large hashed script.
  web = mkdtempSync(join(tmpdir(), 'mep-web-dist-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>MEP</title><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(join(web, 'assets', 'index-abc123.js'), BIG_SCRIPT);
  plain = await startTestPlatform({ env: { MEP_WEB_DIST: web } });
  https = await startTestPlatform({ env: { MEP_WEB_DIST: web, MEP_PUBLIC_URL: 'https://mep.example.org' } });
}, 180_000);
afterAll(async () => {
  await plain?.close();
  await https?.close();
  rmSync(web, { recursive: true, force: true });
});

describe('security headers (finding 4)', () => {
  it('sends a CSP without inline script and forbids framing, on pages and on the API', async () => {
    for (const path of ['/', '/forums/asgm', '/api/health']) {
      const { headers } = await plain.get(path);
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("object-src 'none'");
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('over https: HSTS, upgrade-insecure-requests and __Host- cookies (Secure, Path=/, no Domain)', async () => {
    const { headers } = await https.get('/');
    expect(headers.get('strict-transport-security')).toMatch(/max-age=31536000; includeSubDomains/);
    expect(headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    await createUser(https.context.db, { email: 'host@mep.test', password: 'Retorts before amalgam, 2031', displayName: 'Host' });
    const browser = new SessionClient(https.url);
    const csrf = await fetch(`${https.url}/api/auth/csrf`);
    expect(csrf.headers.getSetCookie().join()).toMatch(/^__Host-mep_csrf=[^;]+;.*Path=\/;.*Secure/);
    const token = ((await csrf.json()) as { csrfToken: string }).csrfToken;
    browser.cookies.set('__Host-mep_csrf', token);
    const signIn = await browser.request('POST', '/api/auth/sign-in', { email: 'host@mep.test', password: 'Retorts before amalgam, 2031' }, { csrf: token });
    expect(signIn.status).toBe(200);
    const cookies = signIn.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('__Host-mep_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/Secure/);
    expect(session).not.toMatch(/Domain=/i);
    expect(cookies.some((c) => c.startsWith('mep_session='))).toBe(false);
    // The prefixed cookie is the one that authenticates.
    expect((await browser.get('/api/auth/me')).body.user.email).toBe('host@mep.test');
  });
});

describe('compression (finding 4)', () => {
  it('compresses the main script and JSON for clients that accept it', async () => {
    const script = await fetch(`${plain.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(script.headers.get('content-encoding')).toBe('gzip');
    expect(await script.text()).toBe(BIG_SCRIPT);
    const openapi = await fetch(`${plain.url}/api/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(openapi.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('no file-system paths in error bodies (finding 6)', () => {
  const leaks = (text: string) => [plain.dataDir, web, process.cwd(), tmpdir(), 'ENOENT', '/apps/web/dist'].filter((p) => text.includes(p));

  it('a missing asset answers a JSON 404 without its path', async () => {
    const response = await fetch(`${plain.url}/assets/x`);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(leaks(body)).toEqual([]);
    expect(JSON.parse(body).error.code).toBe('not_found');
  });

  it('an original missing from the blob store answers 503 without the store’s path', async () => {
    const { context } = plain;
    const { key: sha256 } = await context.blobs.put(Buffer.from('lost original'));
    const now = new Date().toISOString();
    await context.db.insert(documents).values({ id: '0123456789abcdef', sha256, fileName: 'lost.txt', mime: 'text/plain', kind: 'text', sizeBytes: 13, title: 'Lost', language: 'en', doctype: 'doctype:guidance', pageCount: 1, year: 2020, createdAt: now, updatedAt: now }).run();
    const blobDir = context.config.blobStore.kind === 'local' ? context.config.blobStore.dir : '';
    const { execFileSync } = await import('node:child_process');
    // A directory where the file should be: the read fails with EISDIR, an error that names the store's folder.
    for (const file of execFileSync('find', [blobDir, '-type', 'f', '-name', `*${sha256}*`], { encoding: 'utf8' }).split('\n').filter(Boolean)) {
      unlinkSync(file);
      mkdirSync(file);
    }
    const response = await fetch(`${plain.url}/api/documents/0123456789abcdef/file`);
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(leaks(body)).toEqual([]);
    expect(JSON.parse(body).error.code).toBe('storage_unavailable');
  });
});
