import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

export interface CollectedFile {
  path: string;
  /** Set when the path could not be read: it becomes a failed job, not a crash. */
  problem?: string;
}

/**
 * Expands files and folders (recursively, in name order, skipping hidden entries and links) into the
 * list of files to ingest. A missing path is reported, not thrown, so one typo does not stop a batch.
 */
export async function collectFiles(paths: readonly string[]): Promise<CollectedFile[]> {
  const files: CollectedFile[] = [];
  const seen = new Set<string>();
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    const absolute = resolve(path);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      files.push({ path: absolute, problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or folder.' : `Cannot read: ${(error as Error).message}` });
      return;
    }
    if (info.isDirectory()) {
      let entries;
      try {
        entries = await readdir(absolute, { withFileTypes: true });
      } catch (error) {
        files.push({ path: absolute, problem: `Cannot list the folder: ${(error as Error).message}` });
        return;
      }
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
        if (entry.isDirectory() || entry.isFile()) await visit(join(absolute, entry.name), false);
      }
    } else if (info.isFile()) {
      files.push({ path: absolute });
    } else if (explicit) {
      files.push({ path: absolute, problem: `${basename(absolute)} is not a regular file.` });
    }
  };
  for (const path of paths) await visit(path, true);
  return files;
}
