import { z } from 'zod';

export const SignInInput = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(320),
  password: z.string().min(1, 'Enter your password.').max(200),
});
export type SignInInput = z.infer<typeof SignInInput>;

/** The words for each reason a sign-in was refused. One message for a wrong email or password. */
export function signInRefusalMessage(code: string | undefined): string {
  const [reason, until] = (code ?? '').split(/:(.+)/);
  if (reason === 'locked' && until) {
    const time = new Date(until).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
    return `This account is locked for 15 minutes after 5 failed sign-in attempts. Try again after ${time}.`;
  }
  if (reason === 'disabled') return "This account has been disabled. Ask your training provider's administrator to re-enable it.";
  return 'The email address or password is not right. Check them and try again.';
}
