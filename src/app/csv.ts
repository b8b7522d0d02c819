// CSV export of the inspection log (RFC 4180: CRLF line ends, fields with a comma, quote or line
// break quoted, quotes doubled), with a UTF-8 byte order mark so Excel on Windows opens Chinese
// text as UTF-8 instead of the ANSI code page.
//
// Stall names, notes and product names come from scanned codes and typed notes: hostile input.
// A cell that starts with = + - @ (or a tab / CR) would be run as a formula by spreadsheet apps
// (OWASP "CSV injection"), so such a cell is prefixed with an apostrophe.

export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}
