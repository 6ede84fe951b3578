/** Local folder store: `<dir>/ab/cd/<sha256>`, written atomically. */
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { StorageError } from '../errors';
import { assertBlobKey, sha256Hex } from './hash';
import type { BlobStore } from './types';

function pathOf(dir: string, key: string): string {
  return join(dir, key.slice(0, 2), key.slice(2, 4), key);
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

function storageFailed(action: string, dir: string, error: unknown): StorageError {
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageError('storage-failed', `could not ${action} in the local store at ${dir}: ${detail}`, { cause: error });
}

/** Creates a store in a local folder (created on first write). */
export function createLocalBlobStore(dir: string): BlobStore {
  return {
    async put(bytes, meta) {
      const key = meta?.sha256 ?? sha256Hex(bytes);
      assertBlobKey(key);
      const target = pathOf(dir, key);
      try {
        if (await exists(target)) return { key, created: false };
        await mkdir(join(dir, key.slice(0, 2), key.slice(2, 4)), { recursive: true });
        // Temp file in the same directory, fsync, then rename: readers never see half a file, and a
        // crash leaves at most a stray temp file, never a wrong object under a valid key.
        const temp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
        const handle = await open(temp, 'wx');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        if (await exists(target)) {
          // Another writer won the race with identical bytes.
          await unlink(temp).catch(() => undefined);
          return { key, created: false };
        }
        await rename(temp, target);
        return { key, created: true };
      } catch (error) {
        throw storageFailed('store an object', dir, error);
      }
    },
    async get(key) {
      assertBlobKey(key);
      try {
        return await readFile(pathOf(dir, key));
      } catch (error) {
        if (isNotFound(error)) throw new StorageError('not-found', `no object ${key} in the local store`);
        throw storageFailed('read an object', dir, error);
      }
    },
    async stream(key) {
      assertBlobKey(key);
      const path = pathOf(dir, key);
      if (!(await exists(path))) throw new StorageError('not-found', `no object ${key} in the local store`);
      return createReadStream(path);
    },
    async has(key) {
      assertBlobKey(key);
      return exists(pathOf(dir, key));
    },
    async delete(key) {
      assertBlobKey(key);
      try {
        await rm(pathOf(dir, key), { force: true });
      } catch (error) {
        throw storageFailed('delete an object', dir, error);
      }
    },
    describe() {
      return `local folder ${dir}`;
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
