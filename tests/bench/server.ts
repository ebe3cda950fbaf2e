// A production server on a fresh embedded database for the benchmarks, and demo sign-in over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { DEMO_PASSWORD } from '@/db/demo-data';
import { instanceEnv } from '../support/instance-env';

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

/**
 * `prepare` fills the fresh data folder (the server is not running yet, so nothing holds its lock).
 * `host` binds the server to that address only (e.g. 127.0.0.1) and makes `base` use it; `log` is a
 * file that takes the server's output (by default it is discarded).
 */
export async function startServer(
  prepare?: (dataDir: string) => Promise<void>,
  databaseUrl = '',
  options: { host?: string; log?: string } = {},
): Promise<{ base: string; server?: ChildProcess }> {
  if (process.env.BASE_URL) return { base: process.env.BASE_URL };
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-bench-'));
  await prepare?.(dataDir);
  const out = options.log ? fs.openSync(options.log, 'a') : 'ignore';
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), ...(options.host ? ['-H', options.host] : [])], {
    // With a PostgreSQL server, production needs the shared settings (PGlite keeps its own in DATA_DIR).
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, ...(databaseUrl ? { ...instanceEnv(), DEMO_DATA: 'off' } : {}) },
    stdio: ['ignore', out, out],
  });
  if (typeof out === 'number') fs.closeSync(out); // the child holds its own copy
  const base = `http://${options.host ?? 'localhost'}:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) {
        await fetch(`${base}/login`); // opens, migrates and seeds the database
        return { base, server };
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

export async function signInCookie(base: string, email: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('authjs.session-token='));
  if (!session) throw new Error(`sign-in failed for ${email}`);
  return session.split(';')[0]!;
}

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

