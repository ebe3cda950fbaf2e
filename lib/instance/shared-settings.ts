import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Env } from '@/lib/env';

// What every app instance must share for requests to move freely between them: the sign-in cookie's
// key (AUTH_SECRET), the key that encrypts a server action's bound values and salts its id
// (NEXT_SERVER_ACTIONS_ENCRYPTION_KEY), and the release name the browser quotes back so an instance can
// tell a page from another release (DEPLOYMENT_ID). With the embedded database there is one instance:
// each is generated once into DATA_DIR so `npm start` needs no set-up. In production on PostgreSQL,
// generated values would differ between machines, so each must be given.

export const SHARED_SETTINGS = {
  AUTH_SECRET: {
    file: 'auth-secret',
    generate: () => crypto.randomBytes(32).toString('base64url'),
    how: 'a random string of 32+ characters (openssl rand -base64 32)',
  },
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: {
    file: 'server-actions-key',
    generate: () => crypto.randomBytes(32).toString('base64'),
    how: 'a base64 AES key (openssl rand -base64 32), the same for `next build` and every instance',
  },
  DEPLOYMENT_ID: {
    file: 'deployment-id',
    generate: () => `local-${crypto.randomBytes(6).toString('hex')}`,
    how: 'a name for this release such as its git commit, the same for `next build` and every instance',
  },
} as const;

export type SharedSetting = keyof typeof SHARED_SETTINGS;
export const SHARED_SETTING_NAMES = Object.keys(SHARED_SETTINGS) as SharedSetting[];

export class MissingSharedSettingError extends Error {}

/** True where generated values cannot be used: several instances may run, each with its own DATA_DIR. */
const mustBeGiven = (e: Env) => e.NODE_ENV === 'production' && Boolean(e.DATABASE_URL);

/** The settings production on PostgreSQL needs and this environment lacks, in one line; null when none. */
export function missingSharedSettings(e: Env): string | null {
  if (!mustBeGiven(e)) return null;
  const missing = SHARED_SETTING_NAMES.filter((name) => !e[name]);
  if (missing.length === 0) return null;
  return `in production with DATABASE_URL, every instance needs the same ${missing.join(', ')}: set ${missing.map((n) => `${n} to ${SHARED_SETTINGS[n].how}`).join('; ')}.`;
}

/** The setting from the environment, else (embedded use only) the one kept in dataDir, generated the first time. */
export function resolveSharedSetting(name: SharedSetting, e: Env, dataDir: string): string {
  const given = e[name];
  if (given) return given;
  const problem = missingSharedSettings(e);
  if (problem) throw new MissingSharedSettingError(problem);
  // A runtime data folder, never a build asset: not for the build's file tracing to follow.
  const file = path.join(/* turbopackIgnore: true */ dataDir, SHARED_SETTINGS[name].file);
  try {
    const existing = fs.readFileSync(/* turbopackIgnore: true */ file, 'utf8').trim();
    if (existing) return existing;
  } catch {
    /* not there yet */
  }
  fs.mkdirSync(/* turbopackIgnore: true */ dataDir, { recursive: true });
  const value = SHARED_SETTINGS[name].generate();
  try {
    fs.writeFileSync(/* turbopackIgnore: true */ file, value, { mode: 0o600, flag: 'wx' });
    return value;
  } catch {
    return fs.readFileSync(/* turbopackIgnore: true */ file, 'utf8').trim(); // another process wrote it first
  }
}
