import { createLocalBlobStore } from './local';
import { createS3BlobStore } from './s3';
import type { BlobStore, BlobStoreConfig, S3BlobStoreConfig } from './types';

/** Creates the configured store: a local folder, or S3 / an S3-compatible server. */
export function createBlobStore(config: BlobStoreConfig): BlobStore {
  return config.kind === 'local' ? createLocalBlobStore(config.dir) : createS3BlobStore(config);
}

/**
 * Reads S3 settings from the environment (`MEP_S3_ENDPOINT`, `MEP_S3_REGION`, `MEP_S3_BUCKET`,
 * `MEP_S3_ACCESS_KEY_ID`, `MEP_S3_SECRET_ACCESS_KEY`, `MEP_S3_FORCE_PATH_STYLE`, `MEP_S3_PREFIX`).
 *
 * @returns the config, or undefined when no bucket is set (the local folder store applies then).
 */
export function readS3ConfigFromEnv(env: Record<string, string | undefined> = process.env): S3BlobStoreConfig | undefined {
  const bucket = env['MEP_S3_BUCKET']?.trim();
  if (!bucket) return undefined;
  const config: S3BlobStoreConfig = { kind: 's3', bucket, region: env['MEP_S3_REGION']?.trim() || 'us-east-1' };
  const endpoint = env['MEP_S3_ENDPOINT']?.trim();
  if (endpoint) config.endpoint = endpoint;
  const accessKeyId = env['MEP_S3_ACCESS_KEY_ID']?.trim();
  const secretAccessKey = env['MEP_S3_SECRET_ACCESS_KEY'];
  if (accessKeyId) config.accessKeyId = accessKeyId;
  if (secretAccessKey) config.secretAccessKey = secretAccessKey;
  const pathStyle = env['MEP_S3_FORCE_PATH_STYLE']?.trim().toLowerCase();
  if (pathStyle) config.forcePathStyle = pathStyle === 'true' || pathStyle === '1' || pathStyle === 'yes';
  const prefix = env['MEP_S3_PREFIX']?.trim();
  if (prefix) config.prefix = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return config;
}
