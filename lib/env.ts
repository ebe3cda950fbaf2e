import { z } from 'zod';
import path from 'node:path';

// The one place the process environment is read. Scripts import it too, so no 'server-only' here.
const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Absent: the embedded PGlite database in DATA_DIR/pglite.
  DATABASE_URL: z.url().optional(),
  // Folder for the embedded database, the generated auth secret and (later) uploaded files.
  DATA_DIR: z.string().min(1).default('.data'),
  // Absent: generated once into DATA_DIR (refused in production on a real database).
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  // Sign-in with Microsoft Entra ID (NHSmail) is offered only when all three are set.
  AUTH_MICROSOFT_ENTRA_ID_ID: z.string().min(1).optional(),
  AUTH_MICROSOFT_ENTRA_ID_SECRET: z.string().min(1).optional(),
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: z.url().optional(),
  // auto: seed demo data when the database has no users. off: never.
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  // How many reverse proxies in front of the app append to X-Forwarded-For: sign-in throttling counts
  // by the address the outermost one saw (lib/auth/client-address.ts). 0: the app is reached directly.
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  // on: this process runs the background jobs (lib/jobs) as well as serving. off: it only queues them, and
  // `npm run worker` runs them in a process of its own; needs DATABASE_URL (the embedded database serves
  // one process, so with it the web process is always the worker).
  WORKER: z.enum(['on', 'off']).default('on'),
  // Set by Next.js while `next build` runs: no database is opened then.
  NEXT_PHASE: z.string().optional(),
  NEXT_RUNTIME: z.string().optional(),
});

export type Env = z.infer<typeof Env>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset, as shells and .env files often produce them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    // Names and rules only: values may be secrets.
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Bad environment: ${problems}`);
  }
  return parsed.data;
}

export const env = parseEnv(process.env);

export const dataDir = path.resolve(env.DATA_DIR);
export const pgliteDir = path.join(dataDir, 'pglite');
export const entraEnabled = Boolean(
  env.AUTH_MICROSOFT_ENTRA_ID_ID && env.AUTH_MICROSOFT_ENTRA_ID_SECRET && env.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
);
