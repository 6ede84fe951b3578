/** Both stores for real: a temp folder, and s3rver (a real S3-compatible server) on a loopback port. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// s3rver ships no type declarations.
// @ts-expect-error -- untyped CommonJS module
import S3rver from 's3rver';
import { StorageError } from '../errors';
import { createBlobStore, readS3ConfigFromEnv, sha256Hex, type BlobStore } from './index';

const bytes = new TextEncoder().encode('Minamata Convention on Mercury — original file bytes');
const other = new TextEncoder().encode('another file');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function storageCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StorageError);
  return (error as StorageError).code;
}

function behavesAsBlobStore(name: string, makeStore: () => BlobStore): void {
  describe(name, () => {
    it('stores by SHA-256, dedupes, reads, streams and deletes', async () => {
      const store = makeStore();
      const first = await store.put(bytes, { contentType: 'application/pdf' });
      expect(first).toEqual({ key: sha256Hex(bytes), created: true });
      expect(await store.put(bytes)).toEqual({ key: first.key, created: false });
      expect(await store.has(first.key)).toBe(true);
      expect(Buffer.compare(await store.get(first.key), Buffer.from(bytes))).toBe(0);
      expect(Buffer.compare(await readAll(await store.stream(first.key)), Buffer.from(bytes))).toBe(0);
      const second = await store.put(other);
      expect(second.created).toBe(true);
      await store.delete(first.key);
      expect(await store.has(first.key)).toBe(false);
      expect(await store.has(second.key)).toBe(true);
      await store.delete(first.key); // deleting twice is fine
      expect(await storageCode(store.get(first.key))).toBe('not-found');
      expect(await storageCode(store.stream(first.key))).toBe('not-found');
      expect(await storageCode(store.get('../../etc/passwd'))).toBe('not-found');
      expect(store.describe()).not.toMatch(/secret/i);
    });

    it('takes concurrent puts of the same bytes as one object', async () => {
      const store = makeStore();
      const data = new TextEncoder().encode(`concurrent ${name}`);
      const results = await Promise.all([store.put(data), store.put(data), store.put(data)]);
      expect(new Set(results.map((r) => r.key)).size).toBe(1);
      expect(results.some((r) => r.created)).toBe(true);
      expect(Buffer.from(await store.get(results[0]!.key)).toString()).toBe(`concurrent ${name}`);
    });
  });
}

let tmp: string;
let server: { run(): Promise<AddressInfo>; close(): Promise<void> };
let endpoint: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'mep-storage-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(tmp, 's3'), configureBuckets: [{ name: 'mep' }] });
  const address = await server.run();
  endpoint = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

behavesAsBlobStore('local store', () => createBlobStore({ kind: 'local', dir: join(tmp, 'local') }));

describe('local store layout', () => {
  it('writes <dir>/ab/cd/<sha256> and leaves no temp files', async () => {
    const dir = join(tmp, 'layout');
    const { key } = await createBlobStore({ kind: 'local', dir }).put(bytes);
    expect(await readdir(join(dir, key.slice(0, 2), key.slice(2, 4)))).toEqual([key]);
  });
});

const s3Config = () =>
  ({ kind: 's3', endpoint, region: 'us-east-1', bucket: 'mep', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true, prefix: 'test/' }) as const;

behavesAsBlobStore('S3 store (s3rver)', () => createBlobStore(s3Config()));

describe('S3 store errors', () => {
  it('says clearly when the bucket does not exist', async () => {
    const store = createBlobStore({ ...s3Config(), bucket: 'no-such-bucket' });
    const error = await store.put(bytes).then(() => undefined, (e: unknown) => e as StorageError);
    expect(error?.code).toBe('storage-failed');
    expect(error?.message).toMatch(/no-such-bucket/);
  });

  it('says clearly when credentials are wrong', async () => {
    const store = createBlobStore({ ...s3Config(), accessKeyId: 'WRONG', secretAccessKey: 'WRONG' });
    const error = await store.put(other).then(() => undefined, (e: unknown) => e as StorageError);
    expect(error?.code).toBe('storage-failed');
    expect(error?.message).toMatch(/denied|credentials|ACCESS_KEY/i);
  });

  it('says clearly when the endpoint is unreachable', async () => {
    const store = createBlobStore({ ...s3Config(), endpoint: 'http://127.0.0.1:1' });
    const error = await store.put(bytes).then(() => undefined, (e: unknown) => e as StorageError);
    expect(error?.code).toBe('storage-failed');
    expect(error?.message).toMatch(/could not be reached/);
  });
});

describe('readS3ConfigFromEnv', () => {
  it('is undefined without a bucket and complete with one', () => {
    expect(readS3ConfigFromEnv({})).toBeUndefined();
    expect(
      readS3ConfigFromEnv({
        MEP_S3_BUCKET: 'mep',
        MEP_S3_ENDPOINT: 'http://127.0.0.1:9000',
        MEP_S3_REGION: 'eu-west-1',
        MEP_S3_ACCESS_KEY_ID: 'id',
        MEP_S3_SECRET_ACCESS_KEY: 'secret',
        MEP_S3_FORCE_PATH_STYLE: 'true',
      }),
    ).toEqual({ kind: 's3', bucket: 'mep', endpoint: 'http://127.0.0.1:9000', region: 'eu-west-1', accessKeyId: 'id', secretAccessKey: 'secret', forcePathStyle: true });
  });
});
