import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

export interface CollectedFile {
  path: string;
  /** Set when the path could not be read: it becomes a failed job, not a crash. */
  problem?: string;
}

/** A folder's notes about itself (README.md, SOURCES.md, CHANGELOG.txt …): Markdown or text, not a document of the collection. */
const README_LIKE = /^(?:readme|sources|changelog|changes|contributing|license|licence|notice|authors|index)(?:\.(?:md|markdown|txt|rst))?$/iu;

/** True for a file name that describes its folder rather than being one of its documents. */
export function isReadmeLike(fileName: string): boolean {
  return README_LIKE.test(fileName);
}

export interface CollectOptions {
  /**
   * Ingest README-like files found inside folders (they become `doctype:other`, ranked last). Off by
   * default: `mep ingest corpus/` skips them; a README named on the command line is always ingested.
   */
  includeReadmes?: boolean;
}

/**
 * Expands files and folders (recursively, in name order, skipping hidden entries, links and, unless
 * asked, README-like files) into the list of files to ingest. A missing path is reported, not thrown,
 * so one typo does not stop a batch.
 */
export async function collectFiles(paths: readonly string[], options: CollectOptions = {}): Promise<CollectedFile[]> {
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
        if (entry.isFile() && !options.includeReadmes && isReadmeLike(entry.name)) continue;
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
