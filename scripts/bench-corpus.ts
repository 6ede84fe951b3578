import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';

export const corpusDir = resolve(import.meta.dirname, '../../shared/corpus');

/** Every PDF of ../shared/corpus. */
export function listCorpusPdfs(dir = corpusDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listCorpusPdfs(path);
    return extname(name) === '.pdf' ? [path] : [];
  });
}

/**
 * Writes `copies` copies of each corpus PDF into `target`. Each copy gets a distinct trailing PDF
 * comment so that its bytes (and SHA-256) differ: otherwise ingestion would rightly call it a duplicate.
 */
export function copyCorpusPdfs(target: string, copies: number, salt = ''): string[] {
  mkdirSync(target, { recursive: true });
  const files: string[] = [];
  for (const source of listCorpusPdfs()) {
    const bytes = readFileSync(source);
    for (let copy = 1; copy <= copies; copy++) {
      const path = join(target, `${copy}-${basename(source)}`);
      writeFileSync(path, Buffer.concat([bytes, Buffer.from(`\n% bench copy ${salt}${copy}\n`)]));
      files.push(path);
    }
  }
  return files;
}

/** The p-th percentile (0..100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
