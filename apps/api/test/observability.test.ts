import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../src/cli/commands/ingest';
import { createLogger } from '../src/observability/logger';
import { SOCKET_PATH } from '@mep/vocabulary';
import { startTestPlatform, type TestPlatform } from './platform';

const TOKEN = 'metrics-token-for-the-test-0123456789';
/** Every JSON line the platform logged, parsed. */
const lines: Array<Record<string, any>> = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line));
    done();
  },
});
const temp = mkdtempSync(join(tmpdir(), 'mep-observability-'));
let platform: TestPlatform;
let documentId: string;

beforeAll(async () => {
  platform = await startTestPlatform({ env: { MEP_METRICS_TOKEN: TOKEN }, log: createLogger({ level: 'debug', destination: sink }) });
  const file = join(temp, 'note.md');
  writeFileSync(file, '# Interim storage of mercury\n\nMercury storage. Mercury waste. Mercury.\n');
  const [outcome] = await runIngest(platform.context, [file], new Writable({ write: (_c, _e, done) => done() }) as NodeJS.WriteStream);
  documentId = outcome!.documentId!;
}, 180_000);
afterAll(async () => {
  await platform?.close();
  rmSync(temp, { recursive: true, force: true });
});

const scrape = (authorization?: string) => fetch(`${platform.url}/metrics`, { headers: authorization ? { authorization } : {} });
const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
};

describe('structured logs', () => {
  it('answer every request with an id, log it, and carry it into what the request causes', async () => {
    const fresh = await fetch(`${platform.url}/api/search?q=mercury`);
    const id = fresh.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => lines.some((l) => l.requestId === id && l.res?.statusCode === 200 && l.req?.url === '/api/search?q=mercury'));

    const relayed = await fetch(`${platform.url}/api/documents/${documentId}`, { headers: { 'x-request-id': 'proxy-given.id:42' } });
    expect(relayed.headers.get('x-request-id')).toBe('proxy-given.id:42');
    // Not an id: replaced rather than written into the logs as given.
    const hostile = await fetch(`${platform.url}/api/nope`, { headers: { 'x-request-id': `${'x'.repeat(300)}"}{` } });
    expect(hostile.status).toBe(404);
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => lines.some((l) => l.requestId === hostile.headers.get('x-request-id') && l.level === 40));
  });

  it('give an ingest run one id on every line', () => {
    const ingestLines = lines.filter((l) => l.msg === 'Ingest ingested');
    expect(ingestLines).toHaveLength(1);
    expect(ingestLines[0]).toMatchObject({ status: 'ingested', documentId, ingestRunId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('give a socket its handshake request id on its connection and event lines', async () => {
    const socket = connectSocket(platform.url, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { 'x-request-id': 'socket-req-7' }, forceNew: true, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const answer = await socket.timeout(5000).emitWithAck('threads.join', { threadId: 'not a number' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      await waitFor(() => lines.some((l) => l.msg === 'Socket event' && l.requestId === 'socket-req-7' && l.event === 'threads.join' && l.socketId === socket.id));
      expect(lines.some((l) => l.msg === 'Socket connected' && l.requestId === 'socket-req-7')).toBe(true);
      const text = await (await scrape(`Bearer ${TOKEN}`)).text();
      expect(text).toMatch(/^mep_socket_connections 1$/m);
    } finally {
      socket.disconnect();
    }
  });
});

describe('GET /metrics', () => {
  it('does not exist without the configured bearer token', async () => {
    expect((await scrape()).status).toBe(404);
    expect((await scrape('Bearer wrong-token-of-the-same-size-xxxxx')).status).toBe(404);
    expect((await scrape(`Basic ${TOKEN}`)).status).toBe(404);
  });

  it('labels latency by route pattern, and counts searches, ingest outcomes, sockets and outbox lag', async () => {
    await fetch(`${platform.url}/api/documents/${documentId}`);
    await fetch(`${platform.url}/api/documents/${'f'.repeat(20)}`);
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/mep_http_request_duration_seconds_count\{method="GET",route="\/api\/documents\/:id",status_code="200"\} \d+/);
    expect(text).toMatch(/mep_http_request_duration_seconds_count\{method="GET",route="\/api\/documents\/:id",status_code="404"\} 1/);
    expect(text).toMatch(/route="unmatched",status_code="404"/);
    expect(text).not.toContain(documentId);
    expect(text).toMatch(/mep_search_duration_seconds_count\{kind="documents"\} [1-9]/);
    expect(text).toMatch(/^mep_ingest_jobs_total\{outcome="ingested"\} 1$/m);
    expect(text).toMatch(/^mep_ingest_jobs_total\{outcome="failed"\} 0$/m);
    expect(text).toMatch(/^mep_search_outbox_lag_seconds 0$/m);
    expect(text).toMatch(/^mep_process_resident_memory_bytes \d+/m);
  });

  it('passes promtool check metrics', async () => {
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(result.error, 'promtool is missing: bash scripts/ensure-system-deps.sh').toBeUndefined();
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });

  it('reads the outbox lag from the hook the outbox worker sets', async () => {
    platform.context.metrics.setOutboxLagSource(async () => 12.5);
    try {
      expect(await (await scrape(`Bearer ${TOKEN}`)).text()).toMatch(/^mep_search_outbox_lag_seconds 12\.5$/m);
    } finally {
      platform.context.metrics.setOutboxLagSource(() => 0);
    }
  });
});
