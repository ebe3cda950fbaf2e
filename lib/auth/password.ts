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

// A hash of nothing in particular, so that an unknown email takes as long as a wrong password.
let decoy: Promise<string> | undefined;
export async function burnVerifyTime(plain: string) {
  decoy ??= hashPassword('decoy-password-never-used');
  await verifyPassword(await decoy, plain);
}

// The rules are pure and also used in the browser; re-exported here for server code.
export { PASSWORD_MIN, passwordProblem, NewPassword } from './password-rules';
