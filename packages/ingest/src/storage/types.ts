import type { Readable } from 'node:stream';

/** Content-addressed store of original files. Keys are lowercase SHA-256 hex digests of the bytes. */
export interface BlobStore {
  /**
   * Stores bytes under their SHA-256; `created: false` when the same bytes were already there. A caller
   * that has already hashed the bytes passes `sha256` so large files are not hashed twice.
   */
  put(bytes: Uint8Array, meta?: { contentType?: string; sha256?: string }): Promise<{ key: string; created: boolean }>;
  /** Reads an object whole. @throws StorageError 'not-found' | 'storage-failed' */
  get(key: string): Promise<Buffer>;
  /** Streams an object. @throws StorageError 'not-found' | 'storage-failed' */
  stream(key: string): Promise<NodeJS.ReadableStream | Readable>;
  has(key: string): Promise<boolean>;
  /** Deletes an object; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Where the store keeps its objects, for logs (never includes credentials). */
  describe(): string;
}

export interface LocalBlobStoreConfig {
  kind: 'local';
  dir: string;
}

export interface S3BlobStoreConfig {
  kind: 's3';
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  /** Prepended to every key, e.g. `mep/`; objects live at `<prefix>originals/<sha256>`. */
  prefix?: string;
}

export type BlobStoreConfig = LocalBlobStoreConfig | S3BlobStoreConfig;
