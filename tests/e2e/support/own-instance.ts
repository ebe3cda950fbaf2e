// An app instance of the run's build with settings of its own (an identity provider, say), on its own
// embedded database with the demo data: nothing it does touches the server global-setup started, and
// the settings it is given cannot leak into other tests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { instanceEnv } from '../../support/instance-env';
import { artifactsDir, freePort } from './global-setup';
import { stopServer } from './second-instance';

export async function startOwnInstance(name: string, settings: Record<string, string>, options: { port?: number } = {}) {
  const port = options.port ?? (await freePort());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `cp-e2e-${name}-`));
  const logFile = path.join(artifactsDir, `server-${name}.log`);
  const log = fs.openSync(logFile, 'w');
  const base = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Not the run's database, storage, mail or worker settings: PGlite in its own folder, files on its disk.
  for (const key of Object.keys(env)) if (/^(S3_|SMTP_|DATABASE_URL|E2E_DATABASE_URL|TEST_DATABASE_URL|AUTH_)/.test(key)) delete env[key];
  Object.assign(env, {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    DATA_DIR: dataDir,
    APP_URL: base,
    DEMO_DATA: 'auto',
    DEPLOYMENT_ID: instanceEnv().DEPLOYMENT_ID,
    ...settings,
  });
  const server = spawn(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'start', '-p', String(port)], { env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const stop = async () => {
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const started = Date.now();
  while (Date.now() - started < 90_000 && server.exitCode === null) {
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok && ((await res.json()) as { ok?: boolean }).ok === true) return { base, logFile, stop, startedInMs: Date.now() - started };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`the ${name} instance did not answer /api/health; see ${logFile}`);
}

/** What the instance has written to its log so far. */
export const logOf = (instance: { logFile: string }) => fs.readFileSync(instance.logFile, 'utf8');
