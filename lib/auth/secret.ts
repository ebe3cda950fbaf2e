import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { env, dataDir } from '@/lib/env';

export class MissingSecretError extends Error {}

/**
 * AUTH_SECRET, or one generated once and kept in DATA_DIR so a fresh `npm start` needs no set-up.
 * In production on a real database a generated secret would differ between servers: refuse.
 */
export function resolveAuthSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === 'production' && env.DATABASE_URL)
    throw new MissingSecretError(
      'AUTH_SECRET is not set: in production with DATABASE_URL, set AUTH_SECRET to a random string of 32+ characters (openssl rand -base64 32).',
    );
  const file = path.join(dataDir, 'auth-secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    /* not there yet */
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('base64url');
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    return fs.readFileSync(file, 'utf8').trim(); // another worker wrote it first
  }
}
