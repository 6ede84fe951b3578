/**
 * CSV for curators' downloads. A cell that a spreadsheet would read as a formula (it starts with = + - @,
 * a tab or a carriage return) is prefixed with an apostrophe, so an exported query such as
 * `=HYPERLINK(…)` stays text (OWASP "CSV injection").
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and data rows as RFC 4180 CSV (CRLF line ends). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
