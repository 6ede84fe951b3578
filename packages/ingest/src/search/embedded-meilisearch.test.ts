import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from './embedded-meilisearch';

let dir: string;
let meili: EmbeddedMeilisearch;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mep-meili-key-'));
  meili = await startEmbeddedMeilisearch({ dataDir: dir, masterKey: 'k'.repeat(8) + 'SECRET-MASTER-KEY-0123456789' });
}, 120_000);
afterAll(async () => {
  await meili?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the embedded Meilisearch master key (security finding 6)', () => {
  it('is not on the command line, which any local user can read in /proc/<pid>/cmdline', () => {
    const cmdline = readFileSync(`/proc/${meili.pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline.join(' ')).toContain('--db-path');
    expect(cmdline.join(' ')).not.toContain('SECRET-MASTER-KEY');
    expect(cmdline).not.toContain('--master-key');
  });

  it('reaches Meilisearch through its environment, and is enforced', async () => {
    expect(readFileSync(`/proc/${meili.pid}/environ`, 'utf8').split('\0')).toContain(`MEILI_MASTER_KEY=${meili.masterKey}`);
    expect((await fetch(`${meili.url}/keys`)).status).toBe(401);
    expect((await fetch(`${meili.url}/keys`, { headers: { Authorization: `Bearer ${meili.masterKey}` } })).status).toBe(200);
  });
});
