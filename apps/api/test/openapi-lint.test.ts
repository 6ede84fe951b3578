import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './platform';

const redocly = resolve(import.meta.dirname, '../node_modules/.bin/redocly');
const temp = mkdtempSync(join(tmpdir(), 'mep-openapi-'));
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ env: { MEP_PUBLIC_URL: 'https://mep.mercury-convention.org' } });
}, 180_000);
afterAll(async () => {
  await platform?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('the served OpenAPI document', () => {
  it('passes `redocly lint` with the recommended rules, without a warning', async () => {
    const { status, body } = await platform.get('/api/openapi.json');
    expect(status).toBe(200);
    const file = join(temp, 'openapi.json');
    writeFileSync(file, JSON.stringify(body));
    const result = spawnSync(redocly, ['lint', '--extends', 'recommended', '--format', 'json', file], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      timeout: 120_000,
    });
    const report = JSON.parse(result.stdout) as { problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }> };
    expect(report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('describes the session cookie and the CSRF header, and asks for the header on every state change', async () => {
    const { body } = await platform.get('/api/openapi.json');
    expect(body.servers).toEqual([expect.objectContaining({ url: 'https://mep.mercury-convention.org' })]);
    expect(body.components.securitySchemes).toMatchObject({
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'mep_session' },
      csrfHeader: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
    });
    const post = body.paths['/api/threads/{threadId}/posts'].post;
    expect(post.security.every((requirement: Record<string, unknown>) => 'csrfHeader' in requirement)).toBe(true);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    expect(body.paths['/api/search'].get.security).toEqual([{}, { sessionCookie: [] }]);
  });
});
