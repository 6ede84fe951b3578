/**
 * Graceful shutdown of a real `mep serve` child on a real SIGTERM: readiness turns 503 first while
 * requests are still served, an in-flight request finishes, a request that never ends is cut at the
 * bound, Socket.IO clients are dropped so that they reconnect elsewhere, and the process exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from '@mep/ingest';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { SOCKET_PATH } from '@mep/vocabulary';

const repoRoot = resolve(import.meta.dirname, '../../..');
const cli = resolve(repoRoot, 'apps/api/src/cli/main.ts');
const temp = mkdtempSync(join(tmpdir(), 'mep-shutdown-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(temp, { recursive: true, force: true });
});

const DELAY_MS = 3000;
const TIMEOUT_MS = 4000;

function serve(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--migrate', '--host', '127.0.0.1', ...args], {
    cwd: repoRoot,
    env: { ...process.env, MEP_SHUTDOWN_DELAY_MS: String(DELAY_MS), MEP_SHUTDOWN_TIMEOUT_MS: String(TIMEOUT_MS), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => output, exited };
}

async function until<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A sign-in whose body is sent in two parts: in flight until `finish()` is called. */
function slowRequest(port: number): { req: ClientRequest; finish(): void; answer: Promise<{ status: number; body: string } | Error> } {
  const body = JSON.stringify({ email: 'nobody@mep.test', password: 'not the right password' });
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/auth/sign-in',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie: 'mep_csrf=slowtoken', 'x-csrf-token': 'slowtoken' },
  });
  const answer = new Promise<{ status: number; body: string } | Error>((resolveAnswer) => {
    req.once('response', (res: IncomingMessage) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: text }));
      res.on('error', resolveAnswer);
    });
    req.once('error', resolveAnswer);
  });
  req.write(body.slice(0, 10));
  req.flushHeaders();
  return { req, finish: () => req.end(body.slice(10)), answer };
}

describe('mep serve on SIGTERM', () => {
  it('turns unready first, finishes in-flight requests, cuts a stuck one at the bound, drops sockets to reconnect, exits 0', async () => {
    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    const { child, output, exited } = serve([], { MEP_DATA_DIR: join(temp, 'data'), PORT: String(port), LOG_LEVEL: 'info' });
    await until(async () => ((await fetch(`${base}/api/ready`).catch(() => undefined))?.ok ? true : undefined), 120_000, 'readiness');

    const socket = connectSocket(base, { path: SOCKET_PATH, transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((r, reject) => {
      socket.once('connect', () => r());
      socket.once('connect_error', reject);
    });
    const disconnectReason = new Promise<string>((r) => socket.once('disconnect', (reason) => r(reason)));

    const inFlight = slowRequest(port);
    const stuck = slowRequest(port);
    await new Promise((r) => setTimeout(r, 200));
    const signalledAt = Date.now();
    child.kill('SIGTERM');

    // Readiness fails at once, while the node still answers everything else (Meilisearch included).
    const ready = await until(async () => {
      const response = await fetch(`${base}/api/ready`);
      return response.status === 503 ? ((await response.json()) as { status: string }) : undefined;
    }, 5000, 'readiness 503');
    expect(ready.status).toBe('draining');
    expect(Date.now() - signalledAt).toBeLessThan(DELAY_MS);
    const search = await fetch(`${base}/api/search?q=mercury`);
    expect(search.status).toBe(200);

    // Clients are dropped by a transport close, the reason Socket.IO clients reconnect on (elsewhere).
    expect(await disconnectReason).toBe('transport close');
    socket.close();

    // The listener is closed after the delay, but a request already in flight still gets its answer.
    await until(() => (/listening on/.test(output()) && Date.now() - signalledAt > DELAY_MS + 300 ? true : undefined), 10_000, 'the delay');
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer).not.toBeInstanceOf(Error);
    expect(answer).toMatchObject({ status: 401 });

    // The stuck one is cut at the bound, and the process exits cleanly soon after.
    expect(await stuck.answer).toBeInstanceOf(Error);
    const code = await exited;
    const elapsed = Date.now() - signalledAt;
    expect(code, output()).toBe(0);
    expect(elapsed).toBeGreaterThanOrEqual(DELAY_MS + TIMEOUT_MS - 200);
    expect(elapsed).toBeLessThan(DELAY_MS + TIMEOUT_MS + 15_000);
    const lines = output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; cutConnections?: number });
    expect(lines.some((line) => line.msg.startsWith('Draining'))).toBe(true);
    expect(lines.find((line) => line.cutConnections !== undefined)?.cutConnections).toBe(1);
  }, 240_000);

  it('stops taking files during the start-up ingest, finishing the ones in progress, and exits 0', async () => {
    const files = join(temp, 'many');
    mkdirSync(files);
    for (let i = 0; i < 80; i++) writeFileSync(join(files, `note-${i}.md`), `# Note ${i} on mercury storage\n\nMercury storage ${i}. Mercury waste.\n`);
    const port = await findFreePort();
    const { child, output, exited } = serve(['--ingest', files], { MEP_DATA_DIR: join(temp, 'data-ingest'), PORT: String(port) });
    await until(() => (/\[\d+\/80\] ingested/.test(output()) ? true : undefined), 120_000, 'the first ingested file');
    child.kill('SIGTERM');
    expect(await exited, output()).toBe(0);
    const summary = /ingested: (\d+)\s+duplicate: 0\s+failed: 0/.exec(output());
    expect(summary, output()).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(0);
    expect(Number(summary![1])).toBeLessThan(80);
    expect(output()).not.toMatch(/listening on/);
  }, 240_000);
});
