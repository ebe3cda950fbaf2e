// Starts the production server once for the whole e2e run and stops it at the end.
// PGlite in a fresh temporary DATA_DIR by default; with E2E_DATABASE_URL (a PostgreSQL server the
// runner may create databases on), a fresh database there, dropped afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { instanceEnv } from '../../support/instance-env';
import { startMailServer } from '../../support/mail-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseKind: 'pglite' | 'postgres';
    /** The PostgreSQL database the server uses ('' on PGlite, where only the server may open it). */
    databaseUrl: string;
    storageKind: 'local' | 's3';
    /** On PostgreSQL, what a second instance needs to share the first one's data (tests/e2e/two-instances.test.ts). */
    sharedEnv: SharedEnv | null;
    /** Where the run's SMTP server writes each email the app sends, one .eml file each (tests/support/mail-server.ts). */
    mailDir: string;
  }
}

/** What every instance of a run shares (lib/instance/shared-settings.ts): production on PostgreSQL requires each. */
export type SharedEnv = { DATABASE_URL: string; AUTH_SECRET: string; NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: string; DEPLOYMENT_ID: string };

const root = process.cwd();
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
export const artifactsDir = path.join(root, 'tests', 'e2e', 'artifacts');

function ensureBuild() {
  if (fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return;
  console.log('[e2e] no production build (.next/BUILD_ID): running `next build` once…');
  const result = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

/** A new, empty database on the E2E_DATABASE_URL server, and how to drop it. */
async function createDatabase(serverUrl: string) {
  const name = `cp_e2e_${crypto.randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

async function waitForHealth(base: string, server: ChildProcess, logFile: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) break;
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok && ((await res.json()) as { ok?: boolean }).ok === true) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n') : '';
  throw new Error(`The server did not answer /api/health at ${base} (exit code ${server.exitCode}). Last lines of ${logFile}:\n${log}`);
}

export default async function setup(project: TestProject) {
  ensureBuild();
  fs.mkdirSync(artifactsDir, { recursive: true });

  const serverUrl = process.env.E2E_DATABASE_URL;
  const database = serverUrl ? await createDatabase(serverUrl) : null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-e2e-'));
  const port = await freePort();
  // next-auth v5 always redirects to localhost, so the browser must use it too.
  const base = `http://localhost:${port}`;
  const kind = database ? 'postgres' : 'pglite';
  // The S3_* variables, when set, pass to the server with the rest of the environment: it then keeps
  // evidence files in that bucket (CI's PostgreSQL run), else in DATA_DIR/files.
  const storageKind = process.env.S3_ENDPOINT ? 's3' : 'local';
  const logFile = path.join(artifactsDir, `server-${kind}.log`);
  const log = fs.openSync(logFile, 'w');

  // A real SMTP server for the run: the app sends its notification email there, and tests read it from mailDir.
  const mailDir = path.join(dataDir, 'mail');
  const mail = await startMailServer({ dir: mailDir });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SMTP_URL: mail.url,
    MAIL_FROM: 'Coder Pathway <pathway@e2e.example>',
    // The links in email open the app the browser uses.
    APP_URL: base,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: database?.url ?? '',
    // Production with DATABASE_URL refuses generated shared settings; PGlite keeps its own in DATA_DIR,
    // apart from the release name, which is the build's when known.
    ...(database ? instanceEnv() : { AUTH_SECRET: '', NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: '', DEPLOYMENT_ID: instanceEnv().DEPLOYMENT_ID }),
    DEMO_DATA: 'auto',
  };
  delete env.TEST_DATABASE_URL;
  delete env.E2E_DATABASE_URL;

  const server = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], { cwd: root, env, stdio: ['ignore', log, log] });
  let stopping = false;
  const stopServer = () => {
    stopping = true;
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
  };
  // A server that dies mid-run fails every later test with "connection refused": say why, once.
  server.on('exit', (code, signal) => {
    if (stopping) return;
    const why = `[e2e] the server stopped during the run (exit code ${code}, signal ${signal}); see ${path.relative(root, logFile)}`;
    fs.appendFileSync(logFile, `\n${why}\n`);
    console.error(why);
  });
  process.once('exit', stopServer);

  const started = Date.now();
  try {
    await waitForHealth(base, server, logFile);
    // The first page opens, migrates and seeds the database: do it before any test's clock starts.
    const warm = await fetch(`${base}/login`);
    if (warm.status !== 200) throw new Error(`GET /login answered ${warm.status}; see ${logFile}`);
  } catch (e) {
    stopServer();
    await mail.close();
    await database?.drop().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  console.log(`[e2e] next start on ${base} (${kind}, files on ${storageKind}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s; log: ${path.relative(root, logFile)}`);

  project.provide('baseUrl', base);
  project.provide('databaseKind', kind);
  project.provide('databaseUrl', database?.url ?? '');
  project.provide('storageKind', storageKind);
  project.provide('mailDir', mailDir);
  project.provide(
    'sharedEnv',
    database ? { DATABASE_URL: env.DATABASE_URL!, AUTH_SECRET: env.AUTH_SECRET!, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY!, DEPLOYMENT_ID: env.DEPLOYMENT_ID! } : null,
  );

  return async () => {
    stopServer();
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) return resolve();
      const timer = setTimeout(() => {
        server.kill('SIGKILL');
        resolve();
      }, 5_000);
      server.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    fs.closeSync(log);
    await mail.close();
    // Errors the server logged but no test saw (Next marks them with ⨯): point at the log.
    const unexpected = fs.readFileSync(logFile, 'utf8').split('\n').filter((line) => line.includes('⨯'));
    if (unexpected.length) console.warn(`[e2e] the server logged ${unexpected.length} error(s), e.g. ${unexpected[0]!.trim()}; see ${path.relative(root, logFile)}`);
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
