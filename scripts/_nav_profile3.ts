import { mkdtempSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PDFParse } from 'pdf-parse';
import { closeSandboxPools, ingestFiles } from '@mep/ingest';
import { closeContext, createContext, readConfig } from '@mep/api';
import { copyCorpusPdfs } from './bench-corpus';
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const tick = 100;
function cpuOf(pid: number): number { try { const s = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(s[11]) + Number(s[12])) / tick; } catch { return 0; } }
function children(): { pid: number; cmd: string }[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try { const st = readFileSync(`/proc/${d}/stat`, 'utf8'); const ppid = Number(st.split(') ')[1]!.split(' ')[1]); if (ppid !== process.pid) return []; return [{ pid: Number(d), cmd: readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 60) }]; } catch { return []; }
  });
}
const work = mkdtempSync(join(tmpdir(), 'mep-prof-'));
const files = copyCorpusPdfs(join(work, 'files'), 3);
const c0 = process.cpuUsage(); const b0 = performance.now();
for (const f of files) { const p = new PDFParse({ data: readFileSync(f) }); await p.getText(); await p.destroy(); }
const bc = process.cpuUsage(c0); console.log(`bare: wall ${((performance.now() - b0) / 1000).toFixed(1)} s, cpu ${((bc.user + bc.system) / 1e6).toFixed(1)} s [load ${load()}]`);
const context = await createContext(readConfig({ MEP_DATA_DIR: join(work, 'd'), PORT: '0', MEP_OCR: 'off' }), { info() {}, error: console.error });
const before = new Map(children().map((c) => [c.pid, cpuOf(c.pid)]));
const m0 = process.cpuUsage(); const t0 = performance.now(); let last = 0;
await ingestFiles(files, context, { indexBatchSize: Number(process.env.BATCH ?? 10), onOutcome: () => { last = performance.now(); } });
const wall = (performance.now() - t0) / 1000; const mc = process.cpuUsage(m0);
console.log(`ingest: stored at ${((last - t0) / 1000).toFixed(1)} s, searchable at ${wall.toFixed(1)} s; main cpu ${((mc.user + mc.system) / 1e6).toFixed(1)} s [load ${load()}]`);
for (const c of children()) console.log(`  child ${c.pid} ${c.cmd.includes('meili') ? 'meilisearch' : c.cmd.includes('sandbox') ? 'sandbox' : c.cmd}: cpu ${(cpuOf(c.pid) - (before.get(c.pid) ?? 0)).toFixed(1)} s`);
await closeContext(context); await closeSandboxPools(); rmSync(work, { recursive: true, force: true });
