// Prints the gzipped size of the search page's JavaScript and fails the build above the budget.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatKb, measureSearchPageJs, SEARCH_PAGE_BUDGET_BYTES } from './bundle-size';

const distDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const report = measureSearchPageJs(distDir);
for (const { file, gzipBytes } of report.files) console.log(`  ${file}  ${formatKb(gzipBytes)} gzipped`);
const verdict = report.totalGzipBytes <= SEARCH_PAGE_BUDGET_BYTES ? 'OK' : 'OVER BUDGET';
console.log(`Search page JS: ${formatKb(report.totalGzipBytes)} gzipped (budget ${formatKb(SEARCH_PAGE_BUDGET_BYTES)}) — ${verdict}`);
if (report.totalGzipBytes > SEARCH_PAGE_BUDGET_BYTES) process.exit(1);
