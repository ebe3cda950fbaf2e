import Papa from 'papaparse';

// A cell starting with = + - @ (or a tab or carriage return) is prefixed with ' so a spreadsheet shows it rather
// than running it. Papaparse's own pattern (/^[=+\-@\t\r].*$/) misses a cell that goes on over several lines.
const FORMULA = /^[=+\-@\t\r]/;

/** CSV for spreadsheets: a header row, CRLF line ends, formula-like cells made harmless. */
export const toCsv = (fields: string[], data: (string | number)[][]) => Papa.unparse({ fields, data }, { escapeFormulae: FORMULA, newline: '\r\n' });
