import { z } from 'zod';

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
    email: z.string(), // not free text: the viewer's own address, from the session
    currentPassword: z.string().min(1, 'Enter your current password.'), // not free text: a password
    newPassword: z.string(), // not free text: a password
    confirmPassword: z.string(), // not free text: a password
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.newPassword, v.email);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['newPassword'] });
    else if (v.newPassword === v.currentPassword)
      ctx.addIssue({ code: 'custom', message: 'Choose a password different from the current one.', path: ['newPassword'] });
    if (v.newPassword !== v.confirmPassword)
      ctx.addIssue({ code: 'custom', message: 'The two passwords do not match.', path: ['confirmPassword'] });
  });
