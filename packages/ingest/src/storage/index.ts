export type { BlobStore, BlobStoreConfig, LocalBlobStoreConfig, S3BlobStoreConfig } from './types';
export { createBlobStore, readS3ConfigFromEnv } from './create';
export { createLocalBlobStore } from './local';
export { createS3BlobStore } from './s3';
export { sha256Hex } from './hash';
