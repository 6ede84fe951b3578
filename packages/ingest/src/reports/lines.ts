/** Report pages as one stream of lines, each knowing its page, without running headers and page numbers. */

export interface ReportLine {
  page: number;
  /** The line as written (NFKC, spaces collapsed, table cells still separated by tabs). */
  text: string;
}

const PAGE_NUMBER = /^(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:page|página|pagina|стр\.?|страница|صفحة|第)\s*\d{1,4}(?:\s*(?:of|de|sur|из|من|\/)\s*\d{1,4})?\s*页?|\d{1,4}(?:\s*\/\s*\d{1,4})?)$/iu;

/** Normalises one line: compatibility forms folded, runs of spaces collapsed, tabs (table cells) kept. */
export function cleanLine(line: string): string {
  return line
    .normalize('NFKC')
    .replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, '')
    .replace(/[ \u00a0\u202f\f\v]+/g, ' ')
    .replace(/ *\t[ \t]*/g, '\t')
    .trim();
}

/**
 * Splits pages into lines. Lines repeated on most pages (running headers and footers) and bare page
 * numbers are dropped: they would otherwise land in the middle of an answer that runs across pages.
 */
export function reportLines(pages: readonly { page: number; text: string }[]): ReportLine[] {
  const perPage = pages.map((p) => ({ page: p.page, lines: p.text.split(/\r?\n/).map(cleanLine).filter((l) => l.length > 0) }));
  const running = new Set<string>();
  if (perPage.length >= 3) {
    const seen = new Map<string, number>();
    // Only the first and last two lines of a page can be a running header or footer: an answer line
    // such as "☐ Yes ☐ No" repeats on every page too, but in the middle.
    for (const p of perPage) for (const l of new Set(edges(p.lines).map(runningKey))) seen.set(l, (seen.get(l) ?? 0) + 1);
    for (const [key, n] of seen) if (n >= Math.max(3, Math.ceil(perPage.length * 0.6)) && key.length < 120) running.add(key);
  }
  const out: ReportLine[] = [];
  for (const p of perPage) {
    p.lines.forEach((text, i) => {
      const edge = i < 2 || i >= p.lines.length - 2;
      if (edge && (PAGE_NUMBER.test(text) || running.has(runningKey(text)))) return;
      out.push({ page: p.page, text });
    });
  }
  return out;
}

/** Running headers often carry the page number: compare them without digits. */
function runningKey(line: string): string {
  return line.toLowerCase().replace(/\d+/g, '#');
}

function edges(lines: readonly string[]): string[] {
  return lines.length <= 4 ? [...lines] : [...lines.slice(0, 2), ...lines.slice(-2)];
}
