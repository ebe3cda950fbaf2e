// Who is who in the data set `npm run seed:large` makes, for the benchmark and anyone checking it by hand.
// The same facts are written to the audit log (action `seed.large`) of the database it filled.

export const LARGE = {
  provider: 'Riverside Clinical Coding College',
  /** Assigned exactly 200 apprentices (a trainer's cohort table). */
  trainer200Email: 'trainer001@riverside-coding.example',
  /** Employs exactly 1,000 apprentices (an employer dashboard). */
  employer1000: 'Ashbrook Hospitals NHS Foundation Trust',
  employer1000ContactEmail: 'contact1.employer01@employers.large.example',
  /** Assigned to the 200-apprentice trainer, employed by the 1,000-apprentice employer, a year in (one apprentice's full picture). */
  apprenticeEmail: 'apprentice0001@apprentices.large.example',
  apprentices: 5_000,
  trainers: 150,
  employers: 40,
  codingAttempts: 2_000_000,
  evidence: 100_000,
  otjEntries: 500_000,
} as const;
