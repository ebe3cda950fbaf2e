import { describe, expect, it } from 'vitest';
import { parseApprenticeCsv } from '@/lib/admin/csv-import';

const header = 'name,email,employer,cohort,start date,planned end date,weekly hours';
const good = 'Jo Example,jo@trust.example,Ashwell Vale Hospitals NHS Trust,March 2026,2026-03-02,2027-09-01,37.5';

describe('reading the apprentice CSV', () => {
  it('reads a good file', () => {
    const r = parseApprenticeCsv(`${header}\n${good}\n`);
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      {
        line: 2,
        row: { name: 'Jo Example', email: 'jo@trust.example', employer: 'Ashwell Vale Hospitals NHS Trust', cohort: 'March 2026', 'start date': '2026-03-02', 'planned end date': '2027-09-01', 'weekly hours': 37.5 },
      },
    ]);
  });

  it('accepts a spreadsheet BOM, quoted fields and header variants such as Start_Date', () => {
    const r = parseApprenticeCsv(`\uFEFFName,Email,Employer,Cohort,Start_Date,Planned End Date,WEEKLY HOURS\r\n"Example, Jo",jo@trust.example,"Ashwell Vale Hospitals NHS Trust",,2026-03-02,2027-09-01,30\r\n`);
    expect(r.problems).toEqual([]);
    expect(r.rows[0]?.row.name).toBe('Example, Jo');
  });

  it('names the missing columns', () => {
    const r = parseApprenticeCsv('name,email\nJo,jo@trust.example\n');
    expect(r.problems[0]?.message).toMatch(/missing: employer, cohort, start date, planned end date, weekly hours/);
  });

  it('reports a bad value with its line and column', () => {
    const r = parseApprenticeCsv(`${header}\n${good}\nAl Example,al@trust.example,Ashwell Vale Hospitals NHS Trust,,2026-13-01,2027-09-01,37.5\n`);
    expect(r.problems).toEqual([{ line: 3, column: 'start date', message: 'Enter a real start date: there is no month 13 (months run from 01 to 12).' }]);
  });

  it('reports an email given twice in the file', () => {
    const r = parseApprenticeCsv(`${header}\n${good}\n${good.replace('Jo Example', 'Jo Again').replace('jo@', 'JO@')}\n`);
    expect(r.problems).toEqual([{ line: 3, column: 'email', message: 'This email is also on line 2.' }]);
  });

  it('says an empty file has nobody in it', () => {
    expect(parseApprenticeCsv(`${header}\n`).problems[0]?.message).toMatch(/no apprentices/);
  });
});
