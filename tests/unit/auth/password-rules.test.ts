import { describe, expect, it } from 'vitest';
import { NewPassword, passwordProblem } from '@/lib/auth/password-rules';
import { SignInInput, signInRefusalMessage } from '@/lib/auth/sign-in-schema';

describe('password rules', () => {
  it('need at least 12 characters', () => {
    expect(passwordProblem('elevenchars', 'a@b.test')).toMatch(/12/);
    expect(passwordProblem('twelve chars', 'a@b.test')).toBeNull();
  });

  it('refuse the email address or its local part, ignoring case', () => {
    expect(passwordProblem('Jo.Bloggs@Trust.example', 'jo.bloggs@trust.example')).toMatch(/email/);
    expect(passwordProblem('jo.bloggs.example', 'jo.bloggs.example@trust.example')).toMatch(/email/);
  });

  it('want the new password twice, and different from the current one', () => {
    const base = { email: 'a@b.test', currentPassword: 'old password 123' };
    const mismatch = NewPassword.safeParse({ ...base, newPassword: 'a good new password', confirmPassword: 'a good new passw0rd' });
    expect(mismatch.success).toBe(false);
    expect(mismatch.error?.issues[0]?.path).toEqual(['confirmPassword']);
    const same = NewPassword.safeParse({ ...base, newPassword: 'old password 123', confirmPassword: 'old password 123' });
    expect(same.error?.issues[0]?.path).toEqual(['newPassword']);
    expect(NewPassword.safeParse({ ...base, newPassword: 'a good new password', confirmPassword: 'a good new password' }).success).toBe(true);
  });
});

describe('sign-in messages', () => {
  it('say the same for every wrong email or password', () => {
    expect(signInRefusalMessage('invalid')).toBe(signInRefusalMessage(undefined));
    expect(signInRefusalMessage('invalid')).toMatch(/email address or password is not right/);
  });

  it('never say an account is locked: a throttled attempt reads as any other refusal', () => {
    // Issue 14 §6: 'locked:<time>' told an attacker the account existed (and when to come back).
    for (const code of ['locked', 'locked:2026-07-01T09:30:00.000Z', 'throttled', ''])
      expect(signInRefusalMessage(code)).toBe(signInRefusalMessage('invalid'));
    expect(signInRefusalMessage('invalid')).not.toMatch(/locked|\d\d:\d\d/);
  });

  it('ask for both fields', () => {
    const r = SignInInput.safeParse({ email: ' ', password: '' });
    expect(r.error?.issues.map((i) => i.path[0]).sort()).toEqual(['email', 'password']);
  });
});
