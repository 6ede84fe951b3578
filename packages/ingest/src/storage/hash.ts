import { createHash } from 'node:crypto';
import { StorageError } from '../errors';

/** Lowercase hex SHA-256 of the bytes: the key of an original in every store. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Rejects anything but a SHA-256 hex key, so a key can never walk out of the store's directory. */
export function assertBlobKey(key: string): void {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new StorageError('not-found', `"${key.slice(0, 80)}" is not a valid object key (expected a SHA-256 hex digest)`);
}
