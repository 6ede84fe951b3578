import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, startTestPlatform, type TestPlatform } from './platform';

let s3: S3rver;
let s3Dir: string;
let platform: TestPlatform;
const pdf = join(corpusDir, 'minamata/cop6-19-knowledge-management.pdf');

beforeAll(async () => {
  s3Dir = mkdtempSync(join(tmpdir(), 'mep-s3rver-'));
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: 'mep-originals', configs: [] }] });
  const { port } = await s3.run();
  platform = await startTestPlatform({
    ingest: [pdf],
    env: {
      MEP_S3_BUCKET: 'mep-originals',
      MEP_S3_REGION: 'us-east-1',
      MEP_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      MEP_S3_ACCESS_KEY_ID: 'S3RVER',
      MEP_S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
  });
}, 180_000);

afterAll(async () => {
  await platform?.close();
  await s3?.close().catch(() => {});
  rmSync(s3Dir, { recursive: true, force: true });
});

describe('originals in a real S3-compatible server', () => {
  it('stores the ingested original in the bucket and serves it back byte for byte', async () => {
    expect(platform.context.blobs.describe()).toContain('mep-originals');
    const [outcome] = platform.outcomes;
    expect(outcome?.status).toBe('ingested');
    const response = await fetch(`${platform.url}/api/documents/${outcome!.documentId}/file`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const served = Buffer.from(await response.arrayBuffer());
    const original = readFileSync(pdf);
    expect(createHash('sha256').update(served).digest('hex')).toBe(createHash('sha256').update(original).digest('hex'));
    expect(await platform.context.blobs.has(createHash('sha256').update(original).digest('hex'))).toBe(true);
  });

  it('reports a storage failure as a failed job, keeping what was ingested before', async () => {
    const { ingestFiles } = await import('@mep/ingest');
    await s3.close();
    const dir = mkdtempSync(join(tmpdir(), 'mep-s3-down-'));
    writeFileSync(join(dir, 'note.txt'), 'Mercury storage note. Mercury. Interim storage of mercury.');
    const [outcome] = await ingestFiles([dir], platform.context);
    expect(outcome?.status).toBe('failed');
    expect(outcome?.errorCode).toBe('storage-failed');
    expect((await platform.get('/api/search?pageSize=0')).body.total).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  });
});
