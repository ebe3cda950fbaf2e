import { z } from 'zod';
import { safeText } from '@/lib/forms/safe-text';
import { disabledAccountMessage } from './sign-in-messages';

/** SUPPORT_CONTACT's default (lib/env.ts), for callers that have no environment (the client). */
export const DEFAULT_SUPPORT_CONTACT = "your training provider's administrator";

export const SignInInput = z.object({
  // Nothing is stored from a sign-in, and refusing an address that happens to pass Modulus 11 would lock its owner out.
  email: safeText({ label: 'email address', max: 320, allowNhsNumber: true }).min(1, 'Enter your email address.'),
  password: z.string().min(1, 'Enter your password.').max(200), // not free text: a password, hashed and never stored or shown
});
export type SignInInput = z.infer<typeof SignInInput>;

/**
 * The words for each reason a sign-in was refused. One message for a wrong email, a wrong password
 * and too many attempts, so the answer never says whether an account exists or is locked.
 */
export const SIGN_IN_REFUSED =
  'The email address or password is not right. Check them and try again. After several failed attempts, signing in is paused for 15 minutes.';

export function signInRefusalMessage(code: string | undefined, contact = DEFAULT_SUPPORT_CONTACT): string {
  if (code === 'disabled') return disabledAccountMessage(contact);
  return SIGN_IN_REFUSED;
}
