// Builds the web app (unless the build is fresh), starts the real platform — `pnpm mep serve --ingest
// ../shared/corpus fixtures/reports/*` with a throwaway data directory on a free port — waits until the corpus is
// searchable, and stops it afterwards. MEP_E2E_BASE_URL=http://… skips all that and uses a running one.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startMailCatcher } from './mail';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The platform's MEP_DATA_DIR, for CLI commands in tests (e.g. creating a moderator); '' if unknown. */
    dataDir: string;
    /** Where the test SMTP server writes each e-mail the platform sends (one file each); '' if unknown. */
    mailDir: string;
  }
}

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(webDir, '..', '..');
export const artifactsDir = join(repoRoot, 'test-artifacts', 'web');
/** National reports with answer keys (fixtures/reports), for the implementation and party pages. */
const REPORT_FIXTURES = readdirSync(join(repoRoot, 'fixtures', 'reports'))
  .filter((name) => /\.(pdf|docx)$/.test(name))
  .map((name) => join('fixtures', 'reports', name));
/** The corpus has 13 documents, plus the report fixtures; ingest is done when search sees them all. */
const EXPECTED_DOCUMENTS = 13 + REPORT_FIXTURES.length;
const STARTUP_TIMEOUT_MS = 10 * 60_000;

function findNewestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => findNewestMtime(join(path, name))));
}

function isBuildFresh(): boolean {
  const built = join(webDir, 'dist', '.vite', 'manifest.json');
  if (!existsSync(built)) return false;
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => findNewestMtime(join(webDir, p)));
  return statSync(built).mtimeMs > Math.max(...sources);
}

function buildWebApp(): void {
  if (isBuildFresh()) {
    console.log('[e2e] apps/web/dist is newer than the sources: reusing it');
    return;
  }
  console.log('[e2e] building the web app (pnpm --filter @mep/web build)…');
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync('pnpm', ['--filter', '@mep/web', 'build'], { cwd: repoRoot, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`web build failed (exit ${result.status})`);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readJson(url: string): Promise<{ ok: boolean; body: unknown }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return { ok: response.ok, body: await response.json().catch(() => null) };
  } catch {
    return { ok: false, body: null };
  }
}

async function waitForCorpus(baseUrl: string, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mep serve exited with ${child.exitCode}; see ${logPath}`);
    const ready = await readJson(`${baseUrl}/api/ready`);
    if (ready.ok) {
      const search = await readJson(`${baseUrl}/api/search?pageSize=0`);
      const total = (search.body as { total?: number } | null)?.total ?? 0;
      if (total >= EXPECTED_DOCUMENTS) return;
    }
    await sleep(1000);
  }
  throw new Error(`the platform was not ready with ${EXPECTED_DOCUMENTS} documents within ${STARTUP_TIMEOUT_MS / 1000}s; see ${logPath}`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // the group: pnpm → tsx → node → meilisearch; SIGTERM lets mep stop Meilisearch cleanly
  process.kill(-child.pid, 'SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
  if (!stopped) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  mkdirSync(artifactsDir, { recursive: true });
  const external = process.env.MEP_E2E_BASE_URL;
  if (external) {
    buildWebApp();
    project.provide('baseUrl', external.replace(/\/$/, ''));
    project.provide('dataDir', process.env.MEP_E2E_DATA_DIR ?? '');
    project.provide('mailDir', process.env.MEP_E2E_MAIL_DIR ?? '');
    return undefined;
  }
  buildWebApp();
  const dataDir = mkdtempSync(join(tmpdir(), 'mep-web-e2e-'));
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logPath = join(artifactsDir, 'mep-serve.log');
  // E-mails (verification links, resets) go to a real SMTP server that files them for the tests to read.
  const mailDir = mkdtempSync(join(tmpdir(), 'mep-web-e2e-mail-'));
  const smtp = await startMailCatcher(mailDir);
  const log = createWriteStream(logPath);
  console.log(`[e2e] starting mep serve on ${baseUrl} (data in ${dataDir}, log in ${logPath})`);
  const child = spawn('pnpm', ['mep', 'serve', '--migrate', '--ingest', '../shared/corpus', ...REPORT_FIXTURES], {
    cwd: repoRoot,
    // OCR recognises the first pages only: the browser tests should not share the cores with 150 pages of OCR.
    env: { ...process.env, MEP_DATA_DIR: dataDir, PORT: String(port), MEP_OCR_MAX_PAGES: '3', SMTP_URL: smtp.url },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const teardown = async () => {
    await stopProcessGroup(child);
    log.end();
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(mailDir, { recursive: true, force: true });
  };
  try {
    const started = Date.now();
    await waitForCorpus(baseUrl, child, logPath);
    console.log(`[e2e] platform ready with the corpus ingested after ${Math.round((Date.now() - started) / 1000)}s`);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', dataDir);
  project.provide('mailDir', mailDir);
  return teardown;
}
