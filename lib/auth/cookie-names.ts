/**
 * The names Auth.js gives the session cookie: `__Secure-` when it was set over HTTPS. Each name is also
 * the salt its token was encrypted with. Kept apart from session-cookie.ts so that proxy.ts can use
 * the list without loading next-auth.
 */
export const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

/** The identity provider the last "Sign in with …" went to, for the sign-in page's message if it comes back failed. */
export const SIGN_IN_WITH_COOKIE = 'cp-sign-in-with';
