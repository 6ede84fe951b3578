/** The national-report fixtures and their answer keys (fixtures/reports), for tests in every package. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPORT_FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/reports');

export interface ReportKey {
  file: string;
  language: string;
  party: string | null;
  partyClaimed?: string | null;
  cycle: { kind: 'full' | 'short' | null; period: string | null; year: number | null };
  flags: string[];
  answers: { article: string; question: string; answer: string | null; value?: number; unit?: string | null; explanation?: string | null; page?: number }[];
}

/** Every fixture's key, in file-name order. */
export function loadReportKeys(): ReportKey[] {
  return readdirSync(REPORT_FIXTURES_DIR)
    .filter((f) => f.endsWith('.key.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(REPORT_FIXTURES_DIR, f), 'utf8')) as ReportKey);
}

/** Whitespace-insensitive text comparison. */
export const squash = (text: string | null | undefined): string | null => (text == null ? null : text.replace(/\s+/g, ' ').trim());
