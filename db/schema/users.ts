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

// Failed password attempts, kept in the database so a lock-out survives a restart.
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_failures_user_at_idx').on(t.userId, t.at)],
);

export type User = typeof users.$inferSelect;
