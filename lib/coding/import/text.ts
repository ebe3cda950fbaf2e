// Lines and columns of the two tab-separated formats. The TRUD text files are read on Windows and Unix
// alike, so CRLF, LF and a lone CR all end a line, and a line number is the one an editor shows.

export type TextLine = { line: number; fields: string[] };

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Lines as an editor counts them: a final line break does not start another line. */
export function countLines(text: string): number {
  let breaks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) breaks++;
  }
  const last = text.charCodeAt(text.length - 1);
  return text.length === 0 ? 0 : last === 10 || last === 13 ? breaks : breaks + 1;
}

/**
 * Non-blank lines split on tabs, each field trimmed. Blank lines (a trailing newline, a gap) carry
 * nothing and are skipped. No quote handling: the release files never quote a field, and a title
 * may contain a double quote.
 */
export function tabLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  splitLines(text).forEach((raw, i) => {
    if (raw.trim() === '') return;
    out.push({ line: i + 1, fields: raw.split('\t').map((f) => f.trim()) });
  });
  return out;
}

/** The number of columns up to the last non-empty one: a trailing empty column is not an extra column. */
export function usedColumns(fields: string[]): number {
  let n = fields.length;
  while (n > 0 && fields[n - 1] === '') n--;
  return n;
}
