import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort, startEmbeddedMeilisearch } from '@mep/ingest';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../../..');
const cli = resolve(repoRoot, 'apps/api/src/cli/main.ts');
const tsx = resolve(repoRoot, 'node_modules/.bin/tsx');
const temp = mkdtempSync(join(tmpdir(), 'mep-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/**
 * Runs `mep` to completion without blocking this process: a Meilisearch started here (the external one)
 * writes its log into pipes this process must keep reading, or it stalls once they fill.
 */
function runMep(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [cli, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 240_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Process ids whose command line mentions `needle` (the data folder identifies our Meilisearch). */
function processesMentioning(needle: string): number[] {
  const out = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .filter((line) => line.includes(needle) && line.includes('meilisearch') && !line.includes('ps -eo'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

async function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  let output = '';
  return new Promise((resolveWait, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolveWait(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}; output:\n${output}`));
    });
  });
}

describe('mep ingest', () => {
  it('prints the final table and exits non-zero when a file failed', async () => {
    const files = join(temp, 'files');
    mkdirSync(files, { recursive: true });
    writeFileSync(join(files, 'note.md'), '# Interim storage of mercury\n\nMercury storage. Mercury waste. Mercury.\n');
    writeFileSync(join(files, 'broken.pdf'), '%PDF-1.4\n%%EOF garbage');
    const result = await runMep(['ingest', files], { MEP_DATA_DIR: join(temp, 'data-ingest') });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/ingested: 1\s+duplicate: 0\s+failed: 1/);
    expect(result.stdout).toMatch(/failed\s+.*broken\.pdf\s+\S+: /);
    const again = await runMep(['ingest', join(files, 'note.md')], { MEP_DATA_DIR: join(temp, 'data-ingest') });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/ingested: 0\s+duplicate: 1\s+failed: 0/);
  }, 300_000);

  it('still ingests without Tesseract (MEP_TESSERACT_PATH at a missing program) and says OCR is unavailable', async () => {
    const files = join(temp, 'scan');
    mkdirSync(files, { recursive: true });
    writeFileSync(join(files, 'note.md'), '# Mercury waste\n\nMercury waste. Mercury.\n');
    const result = await runMep(['ingest', files, resolve(repoRoot, 'fixtures/image-only.pdf')], { MEP_DATA_DIR: join(temp, 'data-no-ocr'), MEP_TESSERACT_PATH: join(temp, 'no-such-tesseract') });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/ingested: 1\s+duplicate: 0\s+failed: 1/);
    expect(result.stdout).toMatch(/image-only\.pdf\s+no-text: no extractable text: scanned, needs OCR \(OCR is unavailable: /);
    expect(result.stdout).toMatch(/OCR is unavailable: .*no-such-tesseract was not found: image-only pages were not recognised/);
  }, 300_000);

  it('rejects malformed settings with the variable named', async () => {
    const result = await runMep(['ingest', temp], { MEP_DATA_DIR: join(temp, 'x'), PORT: 'eighty', MEILI_URL: 'not a url' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/MEILI_URL/);
  });
});

describe('mep serve', () => {
  it('starts Meilisearch as a child, answers /api/search, and stops both on Ctrl-C', async () => {
    const dataDir = join(temp, 'data-serve');
    const port = await findFreePort();
    // Node itself with tsx as a loader (no tsx CLI parent: its signal relay needs a 30 ms handshake, which a
    // loaded machine misses, and then it exits 130), in its own process group, like a program in a terminal:
    // Ctrl-C signals the whole group (node and Meilisearch).
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--migrate'], { cwd: repoRoot, env: { ...process.env, MEP_DATA_DIR: dataDir, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    try {
      await waitForOutput(child, /listening on/, 120_000);
      const response = await fetch(`http://127.0.0.1:${port}/api/search?q=mercury`);
      expect(response.status).toBe(200);
      expect(processesMentioning(dataDir).length).toBe(1);
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      process.kill(-child.pid!, 'SIGINT');
      expect(await exited).toBe(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(processesMentioning(dataDir)).toEqual([]);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  }, 180_000);

  it('uses an external Meilisearch when MEILI_URL is set, starting none of its own', async () => {
    const external = await startEmbeddedMeilisearch({ dataDir: join(temp, 'external-meili') });
    const dataDir = join(temp, 'data-external');
    try {
      const files = join(temp, 'external.md');
      writeFileSync(files, '# Mercury emissions from coal combustion\n\nMercury emissions. Coal combustion. Mercury.\n');
      const result = await runMep(['ingest', files], { MEP_DATA_DIR: dataDir, MEILI_URL: external.url, MEILI_MASTER_KEY: external.masterKey });
      expect(result.status, result.stderr).toBe(0);
      expect(processesMentioning(dataDir)).toEqual([]);
      const stats = await (await fetch(`${external.url}/indexes/mep_documents/stats`, { headers: { Authorization: `Bearer ${external.masterKey}` } })).json();
      expect((stats as { numberOfDocuments: number }).numberOfDocuments).toBe(1);
      const wrongKey = await runMep(['ingest', files], { MEP_DATA_DIR: join(temp, 'data-wrong-key'), MEILI_URL: external.url, MEILI_MASTER_KEY: 'wrong' });
      expect(wrongKey.status).toBe(1);
      expect(wrongKey.stderr).toMatch(/mep: .*(key|auth)/i);
    } finally {
      await external.stop();
    }
  }, 300_000);
});
