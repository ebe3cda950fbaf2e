import type { Page } from 'playwright-core';

/**
 * Driving the test OpenID provider's pages (tests/support/oidc/provider.ts) in the browser. Its sign-in page
 * has "Email or username" and "Password" (labelled) and a "Sign in" button; there is never a consent page
 * (the provider grants every scope asked for, like an Entra app with admin consent). Its sign-out page has
 * "Yes, sign me out" and "No, stay signed in".
 */

/** Sign in at the provider with any login (any password); returns once the browser has left the provider. */
export async function signInAtProvider(page: Page, login: string): Promise<void> {
  const loginBox = page.getByLabel('Email or username');
  await loginBox.waitFor();
  const provider = new URL(page.url()).origin;
  await loginBox.fill(login);
  await page.getByLabel('Password').fill('any password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin !== provider);
}

/** On the provider's "Do you want to sign out" page (RP-initiated logout), answer yes. */
export async function confirmProviderSignOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
}
