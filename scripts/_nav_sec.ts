import { readFileSync } from 'node:fs';
import { locateConventionSections } from '@mep/taxonomy';
const d = JSON.parse(readFileSync('/tmp/nav/corpus.json', 'utf8'));
for (const f of ['minamata/minamata-convention.pdf', 'un-multilingual/bbnj-agreement-2023-ru.pdf']) {
  const s = locateConventionSections(d[f].pages);
  for (const [id, sec] of s) console.log(f.slice(0, 12), id, sec.fromPage, sec.toPage, JSON.stringify(sec.pages[0]!.text.slice(0, 60)), sec.pages.map((p) => p.text.length).join('+'));
}
