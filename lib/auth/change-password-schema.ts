import { z } from 'zod';
import { PASSWORD_MIN } from './password-rules';

// The browser's copy of the rule; the server also checks the password is not the email (NewPassword).
export const ChangePasswordInput = z
  .object({
    // Passwords are hashed, never stored or shown: no text rule applies to them.
    currentPassword: z.string().min(1, 'Enter your current password.'), // not free text: a password
    newPassword: z.string().min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`).max(200, 'Use at most 200 characters.'), // not free text: a password
    confirmPassword: z.string().min(1, 'Enter the new password again.'), // not free text: a password
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: 'The two passwords do not match.', path: ['confirmPassword'] });
