/**
 * CSV as RFC 4180 writes it, for spreadsheets opened by shop owners: CRLF line ends, a field quoted
 * when it holds a comma, a quote, CR or LF (quotes inside doubled), and a UTF-8 byte-order mark
 * once at the very start of a file, without which Excel reads UTF-8 Chinese as mojibake.
 */

export const BOM = '\uFEFF'
export const CRLF = '\r\n'

export type CsvValue = string | number | null | undefined

/**
 * A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or CR before one) is
 * prefixed with `'`: a member may type `=HYPERLINK(...)` as their name, and the owner's Excel must
 * show it as text, not run it (OWASP "CSV injection"). Numbers are written by us, so a negative
 * figure (−200 points) stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One record, ending in CRLF, so parts of a file join by plain concatenation. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + CRLF
}

/** The start of a file: the BOM, then the header line. */
export function csvHead(header: readonly string[]): string {
  return BOM + csvLine(header)
}
