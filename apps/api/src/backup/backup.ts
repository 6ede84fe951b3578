/**
 * `mep backup <dir>` and `mep restore <dir>`. A backup is a folder: a consistent database snapshot
 * (SQLite online backup, or pg_dump), `manifest.json` (every original's SHA-256 and size, the snapshot's
 * hash), the originals themselves under `blobs/` when the store is a local folder (an S3 bucket keeps
 * its own, and the manifest lets a restore check them), and `config.json` without secrets. The search
 * index is not backed up: a restore rebuilds it from the database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { closeDatabase, documents, isEmptyDatabaseTarget, isPostgresUrl, openDatabase, restoreDatabaseSnapshot, searchOutbox, snapshotDatabase, snapshotFileName, type Db } from '@mep/db';
import { createBlobStore, rebuildSearchIndexes, sha256Hex } from '@mep/ingest';
import { z } from 'zod';
import type { Config } from '../config';
import { closeContext, createContext, type Logger } from '../context';
import { ensurePostsIndex, rebuildPostsIndex } from '../services/post-search';

/** A backup or restore refused before anything was changed; `code` is stable. */
export class BackupError extends Error {
  constructor(
    readonly code: 'backup_target_not_empty' | 'backup_missing' | 'backup_corrupt' | 'restore_target_not_empty',
    message: string,
  ) {
    super(message);
  }
}

const manifestSchema = z.object({
  format: z.literal('mep-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  database: z.object({ engine: z.enum(['sqlite', 'postgres']), file: z.string().regex(/^[\w.-]+$/), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) }),
  blobStore: z.enum(['local', 's3']),
  /** True when the originals are in `blobs/<sha256>`. */
  blobFiles: z.boolean(),
  blobs: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0), documentId: z.string(), fileName: z.string() })),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export interface BackupReport {
  dir: string;
  documents: number;
  blobBytes: number;
  databaseBytes: number;
}

/**
 * Writes a backup of the running platform's data into `dir` (absent or empty). The database snapshot is
 * taken first: originals are stored before their document commits and never change, so every document
 * in the snapshot has its original when the blobs are copied after it. Written into a sibling folder and
 * renamed at the end, so a failed backup leaves no half backup under `dir`.
 */
export async function backupPlatform(config: Config, dir: string): Promise<BackupReport> {
  const target = resolve(dir);
  if (existsSync(target) && (await readdir(target)).length > 0) throw new BackupError('backup_target_not_empty', `${target} is not empty: back up into a new folder.`);
  const work = join(dirname(target), `.${basename(target)}.partial-${randomBytes(4).toString('hex')}`);
  await mkdir(join(work, 'blobs'), { recursive: true });
  try {
    const databaseFile = snapshotFileName(config.database);
    await snapshotDatabase(config.database, join(work, databaseFile));
    const databaseHash = await hashFile(join(work, databaseFile));

    const blobs = createBlobStore(config.blobStore);
    const db = await openDatabase(config.database, { migrate: 'verify' });
    let rows: { id: string; sha256: string; fileName: string }[];
    try {
      rows = await db.select({ id: documents.id, sha256: documents.sha256, fileName: documents.fileName }).from(documents).orderBy(documents.id).all();
    } finally {
      await closeDatabase(db);
    }
    const local = config.blobStore.kind === 'local';
    const entries: BackupManifest['blobs'] = [];
    let blobBytes = 0;
    for (const row of rows) {
      const bytes = await blobs.get(row.sha256);
      // A damaged original is reported now, not discovered at restore time.
      if (sha256Hex(bytes) !== row.sha256) throw new Error(`The stored original of document ${row.id} does not match its SHA-256`);
      if (local) await writeFile(join(work, 'blobs', row.sha256), bytes);
      entries.push({ sha256: row.sha256, bytes: bytes.byteLength, documentId: row.id, fileName: row.fileName });
      blobBytes += bytes.byteLength;
    }
    const manifest: BackupManifest = {
      format: 'mep-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: { engine: isPostgresUrl(config.database) ? 'postgres' : 'sqlite', file: databaseFile, sha256: databaseHash.sha256, bytes: databaseHash.bytes },
      blobStore: config.blobStore.kind,
      blobFiles: local,
      blobs: entries,
    };
    await writeFile(join(work, 'config.json'), `${JSON.stringify(redactConfig(config), null, 2)}\n`);
    // The manifest last: a folder without one is not a backup.
    await writeFile(join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    if (existsSync(target)) await rmdir(target);
    await rename(work, target);
    return { dir: target, documents: rows.length, blobBytes, databaseBytes: databaseHash.bytes };
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}

/** Reads and checks a backup folder completely (snapshot hash, every original's hash) before a restore touches anything. */
export async function verifyBackup(dir: string): Promise<BackupManifest> {
  const source = resolve(dir);
  if (!existsSync(source)) throw new BackupError('backup_missing', `There is no backup at ${source}.`);
  let manifest: BackupManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(await readFile(join(source, 'manifest.json'), 'utf8')));
  } catch (error) {
    throw new BackupError('backup_corrupt', `${source} is not a readable MEP backup (manifest.json: ${(error as Error).message.slice(0, 200)}).`);
  }
  const database = join(source, manifest.database.file);
  if (!existsSync(database) || (await hashFile(database)).sha256 !== manifest.database.sha256) {
    throw new BackupError('backup_corrupt', `The database snapshot ${manifest.database.file} in ${source} is missing or does not match its hash.`);
  }
  if (manifest.blobFiles) {
    for (const blob of manifest.blobs) {
      const file = join(source, 'blobs', blob.sha256);
      if (!existsSync(file) || (await hashFile(file)).sha256 !== blob.sha256) {
        throw new BackupError('backup_corrupt', `The original ${blob.fileName} (${blob.sha256.slice(0, 12)}…) in ${source} is missing or damaged.`);
      }
    }
  }
  return manifest;
}

export interface RestoreReport {
  documents: number;
  posts: number;
}

/**
 * Restores a backup into the configured, empty data directory (or empty PostgreSQL database): the
 * database, the originals (checked against the manifest), then the search indexes rebuilt from the
 * restored database. Everything is checked before the first write; a non-empty target is refused.
 */
export async function restorePlatform(config: Config, dir: string, log?: Logger): Promise<RestoreReport> {
  const source = resolve(dir);
  const manifest = await verifyBackup(source);
  const engine = isPostgresUrl(config.database) ? 'postgres' : 'sqlite';
  if (manifest.database.engine !== engine) {
    throw new BackupError('backup_corrupt', `The backup holds a ${manifest.database.engine} database; this configuration uses ${engine}.`);
  }
  if (!(await isEmptyDatabaseTarget(config.database))) {
    const where = engine === 'sqlite' ? `The database at ${config.database}` : 'The PostgreSQL database (DATABASE_URL)';
    throw new BackupError('restore_target_not_empty', `${where} already holds data: restore into a fresh data directory or an empty database.`);
  }
  if (config.blobStore.kind === 'local' && existsSync(config.blobStore.dir) && (await readdir(config.blobStore.dir)).length > 0) {
    throw new BackupError('restore_target_not_empty', `The originals folder ${config.blobStore.dir} is not empty: restore into a fresh data directory.`);
  }
  const blobs = createBlobStore(config.blobStore);
  if (!manifest.blobFiles) {
    for (const blob of manifest.blobs) {
      if (!(await blobs.has(blob.sha256))) throw new BackupError('backup_corrupt', `The original ${blob.fileName} is neither in the backup nor in the configured store (${blobs.describe()}).`);
    }
  }

  if (engine === 'sqlite') {
    await mkdir(dirname(config.database), { recursive: true });
    const temp = `${config.database}.restoring-${randomBytes(4).toString('hex')}`;
    try {
      await restoreDatabaseSnapshot(join(source, manifest.database.file), temp);
      await rename(temp, config.database);
    } finally {
      await rm(temp, { force: true });
    }
  } else {
    await restoreDatabaseSnapshot(join(source, manifest.database.file), config.database);
  }
  if (manifest.blobFiles) {
    for (const blob of manifest.blobs) await blobs.put(await readFile(join(source, 'blobs', blob.sha256)), { sha256: blob.sha256 });
  }

  // An older backup's schema is brought up to date here, then search is rebuilt from the database alone.
  const context = await createContext(config, log, { migrate: 'apply' });
  try {
    const total = await rebuildSearchIndexes(context.search, context.db, context.taxonomy);
    await ensurePostsIndex(context.search);
    const posts = await rebuildPostsIndex(context);
    await clearSearchOutbox(context.db);
    return { documents: total, posts };
  } finally {
    await closeContext(context);
  }
}

/** Pending index updates copied with the database are covered by the rebuild. */
async function clearSearchOutbox(db: Db): Promise<void> {
  await db.delete(searchOutbox).run();
}

async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { sha256: hash.digest('hex'), bytes };
}

const SECRET_KEY = /key|secret|token|password|credential/i;

/** The configuration as JSON without secrets: secret-named values become "***", URL passwords are masked. */
export function redactConfig(config: Config): unknown {
  return JSON.parse(
    JSON.stringify(config, (key, value: unknown) => {
      if (typeof value !== 'string') return value;
      if (SECRET_KEY.test(key)) return '***';
      return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
    }),
  );
}
