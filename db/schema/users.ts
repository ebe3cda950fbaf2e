import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, bigserial } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organisations } from './organisations';

export const role = pgEnum('role', ['apprentice', 'trainer', 'employer', 'admin']);
export const ROLES = role.enumValues;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    role: role().notNull(),
    organisationId: uuid().references(() => organisations.id),
    // Null for a user who signs in only with Microsoft Entra ID.
    passwordHash: text(),
    active: boolean().notNull().default(true),
    mustChangePassword: boolean().notNull().default(false),
    // A session that began before this moment has ended: set when the password changes or is reset.
    sessionsValidFrom: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Email is unique ignoring case: Jo@Trust.nhs.uk and jo@trust.nhs.uk are one person.
    uniqueIndex('users_email_lower_unique').on(sql`lower(${t.email})`),
    index('users_organisation_idx').on(t.organisationId),
  ],
);

// Failed sign-ins, kept in the database so a throttle holds across restarts and app instances
// (lib/auth/throttle.ts). Keyed by what was typed, not by user: an unknown email is counted (and
// answered) exactly as a known one. Rows older than the window are deleted as new ones come.
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    // SHA-256 of the normalised email typed (base64url): no typed text is stored.
    accountKey: text().notNull(),
    // The client's address (an IPv6 address by its /64), or 'unknown'.
    address: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_failures_account_address_at_idx').on(t.accountKey, t.address, t.at),
    index('sign_in_failures_address_at_idx').on(t.address, t.at),
    index('sign_in_failures_at_idx').on(t.at),
  ],
);

// Sessions ended by signing out before their cookie expired: a copy of the cookie no longer works
// (lib/dal/viewer.ts checks this in the query that reads the viewer's row). A row can go once the
// token it names would have expired anyway.
export const revokedSessions = pgTable(
  'revoked_sessions',
  {
    sessionId: uuid().primaryKey(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('revoked_sessions_expires_at_idx').on(t.expiresAt)],
);

export type User = typeof users.$inferSelect;
