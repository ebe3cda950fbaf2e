import Papa from 'papaparse';
import { z } from 'zod';
import { safeText } from '@/lib/forms/safe-text';
import { durationProblem, email, plannedEndDate, startDate, weeklyHours } from './schemas';

// Columns of the apprentice import, as an admin would head them in a spreadsheet.
export const CSV_COLUMNS = ['name', 'email', 'employer', 'cohort', 'start date', 'planned end date', 'weekly hours'] as const;
type Column = (typeof CSV_COLUMNS)[number];

export const CsvRow = z
  .object({
    name: safeText({ label: 'full name', max: 200 }).min(2, 'Enter the full name.'),
    email,
    employer: safeText({ label: 'employer', max: 200 }).min(1, 'Enter the employer, as named on the Organisations page.'),
    cohort: safeText({ label: 'cohort', max: 200 }).default(''),
    'start date': startDate('start date'),
    'planned end date': plannedEndDate('planned end date'),
    'weekly hours': weeklyHours,
  })
  .superRefine((r, ctx) => {
    if (typeof r['start date'] !== 'string' || typeof r['planned end date'] !== 'string') return; // refused already
    const problem = durationProblem(r['start date'], r['planned end date']);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['planned end date'] });
  });
export type CsvRow = z.infer<typeof CsvRow>;

export type RowProblem = { line: number; column: Column | null; message: string };
export type ParsedImport = { rows: { line: number; row: CsvRow }[]; problems: RowProblem[] };

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[_\s]+/g, ' ');

/** Parse and check the file's shape and every row's values; no database needed. */
export function parseApprenticeCsv(text: string, maxRows = 1000): ParsedImport {
  const problems: RowProblem[] = [];
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: normaliseHeader,
  });
  const headers = result.meta.fields ?? [];
  const missing = CSV_COLUMNS.filter((c) => !headers.includes(c));
  if (missing.length) {
    problems.push({ line: 1, column: null, message: `The header row is missing: ${missing.join(', ')}. Expected columns: ${CSV_COLUMNS.join(', ')}.` });
    return { rows: [], problems };
  }
  for (const err of result.errors) {
    // Papa's row index counts data rows from 0; line 1 is the header.
    problems.push({ line: (err.row ?? 0) + 2, column: null, message: `This line could not be read (${err.message}).` });
  }
  if (result.data.length === 0) problems.push({ line: 2, column: null, message: 'The file has no apprentices in it.' });
  if (result.data.length > maxRows) problems.push({ line: maxRows + 2, column: null, message: `Import at most ${maxRows} apprentices at a time.` });

  const rows: ParsedImport['rows'] = [];
  const seenEmails = new Map<string, number>();
  result.data.forEach((raw, i) => {
    const line = i + 2;
    const parsed = CsvRow.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ line, column: (issue.path[0] as Column) ?? null, message: issue.message });
      return;
    }
    const key = parsed.data.email.toLowerCase();
    const first = seenEmails.get(key);
    if (first) problems.push({ line, column: 'email', message: `This email is also on line ${first}.` });
    else seenEmails.set(key, line);
    rows.push({ line, row: parsed.data });
  });
  return { rows, problems };
}
