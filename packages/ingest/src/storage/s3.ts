/** S3 (or S3-compatible) store: objects at `<prefix>originals/<sha256>`. */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { StorageError } from '../errors';
import { assertBlobKey, sha256Hex } from './hash';
import type { BlobStore, S3BlobStoreConfig } from './types';

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'NotFound' || name === 'NoSuchKey' || (statusOf(error) === 404 && name !== 'NoSuchBucket');
}

/** Turns SDK errors into sentences a person configuring the platform can act on. */
function toStorageError(error: unknown, config: S3BlobStoreConfig, action: string): StorageError {
  const name = (error as { name?: string; Code?: string })?.name ?? '';
  const status = statusOf(error);
  const where = `bucket "${config.bucket}"${config.endpoint ? ` at ${config.endpoint}` : ''}`;
  let reason: string;
  if (name === 'NoSuchBucket' || (status === 404 && /bucket/i.test(String((error as Error)?.message)))) reason = `the ${where} does not exist`;
  else if (name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch' || name === 'AccessDenied' || status === 403 || status === 401)
    reason = `access to the ${where} was denied: check MEP_S3_ACCESS_KEY_ID and MEP_S3_SECRET_ACCESS_KEY (${name || status})`;
  else if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up/i.test(String((error as Error)?.message ?? '')) || (error as { code?: string })?.code === 'ECONNREFUSED')
    reason = `the S3 endpoint ${config.endpoint ?? '(AWS default)'} could not be reached`;
  else reason = `${error instanceof S3ServiceException ? `${name} (HTTP ${status ?? '?'})` : error instanceof Error ? error.message : String(error)}`;
  return new StorageError('storage-failed', `could not ${action} in S3: ${reason}`, { cause: error });
}

/** Creates a store on S3 or an S3-compatible server. No request is made until the first call. */
export function createS3BlobStore(config: S3BlobStoreConfig): BlobStore {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
      : {}),
    // Newer SDKs add CRC checksums by default, which S3-compatible servers (MinIO older releases,
    // s3rver) reject; content addressing already guarantees integrity.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
  });
  const prefix = config.prefix ?? '';
  const objectKey = (key: string): string => `${prefix}originals/${key}`;

  async function head(key: string): Promise<boolean> {
    try {
      await client.send(new HeadObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
      return true;
    } catch (error) {
      // HEAD has no body, so a missing bucket also shows as 404 "NotFound": tell them apart by a
      // second look only when needed (in put), not on every call.
      if (isMissing(error)) return false;
      throw toStorageError(error, config, 'look up an object');
    }
  }

  async function open(key: string, action: string): Promise<Readable> {
    assertBlobKey(key);
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
      if (!(out.Body instanceof Readable)) throw new Error('the S3 response has no readable body');
      return out.Body;
    } catch (error) {
      if ((error as { name?: string })?.name === 'NoSuchKey') throw new StorageError('not-found', `no object ${key} in the ${config.bucket} bucket`);
      throw toStorageError(error, config, action);
    }
  }

  return {
    async put(bytes, meta) {
      const key = meta?.sha256 ?? sha256Hex(bytes);
      assertBlobKey(key);
      if (await head(key)) return { key, created: false };
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: config.bucket,
            Key: objectKey(key),
            Body: bytes,
            ContentLength: bytes.byteLength,
            ContentType: meta?.contentType ?? 'application/octet-stream',
          }),
        );
        return { key, created: true };
      } catch (error) {
        throw toStorageError(error, config, 'store an object');
      }
    },
    async get(key) {
      const body = await open(key, 'read an object');
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
      } catch (error) {
        throw toStorageError(error, config, 'read an object');
      }
      return Buffer.concat(chunks);
    },
    async stream(key) {
      return open(key, 'read an object');
    },
    async has(key) {
      assertBlobKey(key);
      return head(key);
    },
    async delete(key) {
      assertBlobKey(key);
      try {
        await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
      } catch (error) {
        if (isMissing(error)) return;
        throw toStorageError(error, config, 'delete an object');
      }
    },
    describe() {
      return `s3://${config.bucket}/${prefix}originals/${config.endpoint ? ` at ${config.endpoint}` : ` (${config.region})`}`;
    },
  };
}
