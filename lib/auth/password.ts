import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

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

export const PASSWORD_MIN = 12;

export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > 200) return 'Use at most 200 characters.';
  const p = password.trim().toLowerCase();
  const e = email.trim().toLowerCase();
  if (p === e || p === e.split('@')[0]) return 'Do not use your email address as your password.';
  return null;
}

export const NewPassword = z
  .object({
    email: z.string(),
    currentPassword: z.string().min(1, 'Enter your current password.'),
    newPassword: z.string(),
    confirmPassword: z.string(),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.newPassword, v.email);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['newPassword'] });
    else if (v.newPassword === v.currentPassword)
      ctx.addIssue({ code: 'custom', message: 'Choose a password different from the current one.', path: ['newPassword'] });
    if (v.newPassword !== v.confirmPassword)
      ctx.addIssue({ code: 'custom', message: 'The two passwords do not match.', path: ['confirmPassword'] });
  });
