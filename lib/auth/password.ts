import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes); @node-rs/argon2 defaults to argon2id.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (plain: string) => hash(plain, OPTIONS);

export async function verifyPassword(storedHash: string | null, plain: string): Promise<boolean> {
  if (!storedHash) return false;
  try {
    return await verify(storedHash, plain);
  } catch {
    return false;
  }
}

/**
 * An argon2id hash, made with OPTIONS, of a password nobody has. An email with no account, and an
 * account with no password (Microsoft sign-in only), are checked against it, so that every sign-in
 * costs one verification of the same cost: how long the answer takes says nothing about the account.
 */
export const DECOY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$pM7m0udFX6CftcXpYaLRLg$oXuo9OdVvCiwROhPaRQOH6tXP1MovvIKkXlBQSDSgi0';

/** Verifies against the stored hash, or against DECOY_HASH (and then false) when there is none. */
export async function verifyPasswordOrDecoy(storedHash: string | null | undefined, plain: string): Promise<boolean> {
  const ok = await verifyPassword(storedHash ?? DECOY_HASH, plain);
  return ok && Boolean(storedHash);
}

// The rules are pure and also used in the browser; re-exported here for server code.
export { PASSWORD_MIN, passwordProblem, NewPassword } from './password-rules';
