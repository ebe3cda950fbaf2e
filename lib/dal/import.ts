import 'server-only';
import crypto from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apprenticeships, cohorts, organisations, standards, users } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { parseApprenticeCsv, type RowProblem } from '@/lib/admin/csv-import';
import { defaultPlannedOtjHours } from '@/lib/apprenticeship/dates';
import { authorize, writeAudit } from './access';
import { STANDARD_REFERENCE } from './standard';
import type { Viewer } from './viewer';

export type ImportResult =
  | { ok: false; problems: RowProblem[] }
  | { ok: true; created: { line: number; name: string; email: string; temporaryPassword: string }[] };

// Readable temporary passwords: 4 groups of 4 from an alphabet without look-alikes (0/O, 1/l).
function temporaryPassword() {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789';
  const chars = Array.from(crypto.randomBytes(16), (b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Admin: import apprentices from CSV. Every row is checked first; if any is bad, nothing is imported. */
export async function importApprentices(viewer: Viewer, csvText: string): Promise<ImportResult> {
  await authorize(viewer, 'apprenticeship.manage');
  const { rows, problems } = parseApprenticeCsv(csvText);
  const db = await getDb();

  const employerNames = [...new Set(rows.map((r) => r.row.employer.toLowerCase()))];
  const cohortNames = [...new Set(rows.map((r) => r.row.cohort.toLowerCase()).filter(Boolean))];
  const emails = rows.map((r) => r.row.email.toLowerCase());
  const [employers, cohortRows, existing, [standard]] = await Promise.all([
    employerNames.length
      ? db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).where(inArray(sql`lower(${organisations.name})`, employerNames))
      : [],
    cohortNames.length ? db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(inArray(sql`lower(${cohorts.name})`, cohortNames)) : [],
    emails.length ? db.select({ email: users.email }).from(users).where(inArray(sql`lower(${users.email})`, emails)) : [],
    db.select({ id: standards.id }).from(standards).where(eq(standards.reference, STANDARD_REFERENCE)),
  ]);
  if (!standard) throw new NotFound('standard');
  const employerByName = new Map(employers.map((e) => [e.name.toLowerCase(), e]));
  const cohortByName = new Map(cohortRows.map((c) => [c.name.toLowerCase(), c.id]));
  const existingEmails = new Set(existing.map((e) => e.email.toLowerCase()));

  for (const { line, row } of rows) {
    const employer = employerByName.get(row.employer.toLowerCase());
    if (!employer) problems.push({ line, column: 'employer', message: `No organisation is called “${row.employer}”.` });
    else if (employer.kind !== 'employer') problems.push({ line, column: 'employer', message: `“${row.employer}” is a training provider, not an employer.` });
    if (row.cohort && !cohortByName.has(row.cohort.toLowerCase())) problems.push({ line, column: 'cohort', message: `No cohort is called “${row.cohort}”.` });
    if (existingEmails.has(row.email.toLowerCase())) problems.push({ line, column: 'email', message: 'A user with this email address already exists.' });
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };

  const prepared = await Promise.all(
    rows.map(async ({ line, row }) => {
      const password = temporaryPassword();
      return { line, row, password, hash: await hashPassword(password) };
    }),
  );
  const created = await db.transaction(async (tx) => {
    const insertedUsers = await tx
      .insert(users)
      .values(
        prepared.map(({ row, hash }) => ({
          name: row.name,
          email: row.email,
          role: 'apprentice' as const,
          organisationId: employerByName.get(row.employer.toLowerCase())!.id,
          passwordHash: hash,
          mustChangePassword: true,
        })),
      )
      .returning({ id: users.id, email: users.email });
    const idByEmail = new Map(insertedUsers.map((u) => [u.email.toLowerCase(), u.id]));
    await tx.insert(apprenticeships).values(
      prepared.map(({ row }) => ({
        apprenticeId: idByEmail.get(row.email.toLowerCase())!,
        employerId: employerByName.get(row.employer.toLowerCase())!.id,
        cohortId: row.cohort ? cohortByName.get(row.cohort.toLowerCase())! : null,
        standardId: standard.id,
        startDate: row['start date'],
        plannedEndDate: row['planned end date'],
        weeklyHours: row['weekly hours'],
        plannedOtjHours: defaultPlannedOtjHours(row['start date'], row['planned end date'], row['weekly hours']),
      })),
    );
    await writeAudit(tx, viewer, {
      action: 'apprentice.import',
      entityType: 'apprenticeship',
      after: { count: prepared.length, emails: prepared.map((p) => p.row.email) },
    });
    return prepared.map(({ line, row, password }) => ({ line, name: row.name, email: row.email, temporaryPassword: password }));
  });
  return { ok: true, created };
}
