import { z } from 'zod';
import path from 'node:path';
import { IDENTITY_PROVIDER_VARIABLES, identityProvidersOf } from './auth/identity-providers';

// The one place the process environment is read. Scripts import it too, so no 'server-only' here.
const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Absent: the embedded PGlite database in DATA_DIR/pglite.
  DATABASE_URL: z.url().optional(),
  // Folder for the embedded database, the generated auth secret and (later) uploaded files.
  DATA_DIR: z.string().min(1).default('.data'),
  // Absent: generated once into DATA_DIR (refused in production on a real database).
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  // Encrypts server actions' bound values and salts their ids; every instance and the build need the same
  // one (lib/instance/shared-settings.ts). Absent: generated once into DATA_DIR, like AUTH_SECRET.
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && [16, 24, 32].includes(Buffer.from(v, 'base64').length), 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be a base64 AES key of 16, 24 or 32 bytes (openssl rand -base64 32)')
    .optional(),
  // This release's name, the same on every instance (Next.js deploymentId). Absent: generated into DATA_DIR.
  DEPLOYMENT_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'DEPLOYMENT_ID is up to 64 letters, digits, dots, hyphens or underscores').optional(),
  // Sign-in with Microsoft Entra ID (NHSmail) is offered only when all three are set (lib/auth/identity-providers.ts).
  AUTH_MICROSOFT_ENTRA_ID_ID: z.string().min(1).optional(),
  AUTH_MICROSOFT_ENTRA_ID_SECRET: z.string().min(1).optional(),
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: z.url().refine((v) => v.startsWith('https://'), 'AUTH_MICROSOFT_ENTRA_ID_ISSUER is an https:// address').optional(),
  // The ID token claim with the person's email address; `preferred_username` where `email` is not filled in.
  AUTH_MICROSOFT_ENTRA_ID_EMAIL_CLAIM: z.string().regex(/^[A-Za-z0-9_:.-]{1,100}$/, 'AUTH_MICROSOFT_ENTRA_ID_EMAIL_CLAIM is a claim name').default('email'),
  // on: signing out here signs out of Microsoft too (for shared workstations).
  AUTH_MICROSOFT_ENTRA_ID_SIGN_OUT: z.enum(['on', 'off']).default('off'),
  // A generic OpenID Connect provider (NHS CIS2 Authentication, or the trust's own): offered when the first three are set.
  AUTH_OIDC_ISSUER: z.url().refine((v) => v.startsWith('https://'), 'AUTH_OIDC_ISSUER is an https:// address').optional(),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  // The button reads "Sign in with <name>".
  AUTH_OIDC_NAME: z.string().min(1).max(60).default('your organisation'),
  AUTH_OIDC_SCOPES: z.string().regex(/^openid( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'AUTH_OIDC_SCOPES is space-separated scopes starting with openid').default('openid profile email'),
  AUTH_OIDC_EMAIL_CLAIM: z.string().regex(/^[A-Za-z0-9_:.-]{1,100}$/, 'AUTH_OIDC_EMAIL_CLAIM is a claim name').default('email'),
  // How the app proves itself at the token endpoint, as the provider registered it.
  AUTH_OIDC_CLIENT_AUTH: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_basic'),
  AUTH_OIDC_SIGN_OUT: z.enum(['on', 'off']).default('off'),
  // Whom a person whose account is disabled should contact, as a phrase: "the coding training team (coding.training@trust.nhs.uk)".
  SUPPORT_CONTACT: z.string().min(3).max(200).default("your training provider's administrator"), // as DEFAULT_SUPPORT_CONTACT
  // auto: seed demo data when the database has no users. off: never.
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  // How many reverse proxies in front of the app append to X-Forwarded-For: sign-in throttling counts
  // by the address the outermost one saw (lib/auth/client-address.ts). 0: the app is reached directly.
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  // Evidence files in an S3-compatible store (path-style addressing) instead of DATA_DIR/files: all five or none.
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().regex(/^[a-z0-9-]{2,32}$/, 'S3_REGION is a region name such as eu-west-2').optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'S3_BUCKET is a bucket name (3-63 lower-case letters, digits, dots, hyphens)').optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // on: this process runs the background jobs (lib/jobs) as well as serving. off: it only queues them, and
  // `npm run worker` runs them in a process of its own; needs DATABASE_URL (the embedded database serves
  // one process, so with it the web process is always the worker).
  WORKER: z.enum(['on', 'off']).default('on'),
  // Where people reach the app, for the absolute links in email (an email cannot use a relative path).
  APP_URL: z.url().default('http://localhost:3000'),
  // Email (lib/mail): an SMTP server as a URL, smtp://user:password@host:587 or smtps://…:465. Absent: each
  // email is written to the server log instead (the admin page says so).
  SMTP_URL: z.url().refine((v) => /^smtps?:\/\//.test(v), 'SMTP_URL starts smtp:// or smtps://').optional(),
  // The sender of every email; a name may come first: "Coder Pathway <pathway@trust.nhs.uk>".
  MAIL_FROM: z.string().min(3).default('Coder Pathway <no-reply@coderpathway.example>'),
  // Set by Next.js while `next build` runs: no database is opened then.
  NEXT_PHASE: z.string().optional(),
  NEXT_RUNTIME: z.string().optional(),
});

export type Env = z.infer<typeof Env>;

const S3_VARIABLES = ['S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset, as shells and .env files often produce them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    // Names and rules only: values may be secrets.
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Bad environment: ${problems}`);
  }
  for (const [provider, names] of Object.entries(IDENTITY_PROVIDER_VARIABLES)) {
    const set = names.filter((name) => parsed.data[name] !== undefined);
    if (set.length > 0 && set.length < names.length)
      throw new Error(`Bad environment: sign-in with ${provider} needs all of ${names.join(', ')} or none; missing ${names.filter((n) => !set.includes(n)).join(', ')}`);
  }
  const s3Set = S3_VARIABLES.filter((name) => parsed.data[name] !== undefined);
  if (s3Set.length > 0 && s3Set.length < S3_VARIABLES.length)
    throw new Error(`Bad environment: S3 storage needs all of ${S3_VARIABLES.join(', ')} or none; missing ${S3_VARIABLES.filter((n) => !s3Set.includes(n)).join(', ')}`);
  return parsed.data;
}

export type S3Config = { endpoint: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string };

/** The S3 store's settings when all five variables are set (parseEnv refuses some without the others), else null. */
export function s3ConfigOf(e: Env): S3Config | null {
  if (!e.S3_ENDPOINT || !e.S3_REGION || !e.S3_BUCKET || !e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY) return null;
  return { endpoint: e.S3_ENDPOINT, region: e.S3_REGION, bucket: e.S3_BUCKET, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY };
}

export const env = parseEnv(process.env);

/** Hands a value to code that reads process.env itself (Next.js reads NEXT_SERVER_ACTIONS_ENCRYPTION_KEY). */
export function exportToProcessEnv(name: 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY', value: string) {
  process.env[name] = value;
}

export const dataDir = path.resolve(env.DATA_DIR);
export const pgliteDir = path.join(dataDir, 'pglite');
export const s3Config = s3ConfigOf(env);
/** The app's own address without a trailing slash, for absolute links. */
export const appUrl = env.APP_URL.replace(/\/+$/, '');
/** The identity providers people may sign in with besides a password, in the order the sign-in page offers them. */
export const identityProviders = identityProvidersOf(env);
