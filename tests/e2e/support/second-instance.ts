// A second `next start` of the same build beside the one global-setup started: same database, same
// AUTH_SECRET, same S3 (from the environment), but a data folder of its own, so nothing it serves can
// come from the first instance's disk.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { artifactsDir, freePort, type SharedEnv } from './global-setup';

export async function startSecondInstance(shared: SharedEnv) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-e2e-second-'));
  const logFile = path.join(artifactsDir, 'server-second.log');
  const log = fs.openSync(logFile, 'w');
  const server = spawn(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'start', '-p', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), DATA_DIR: dataDir, DEMO_DATA: 'off', ...shared },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const base = `http://localhost:${port}`;
  const stop = async () => {
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && server.exitCode === null) {
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return { base, dataDir, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await stop();
  throw new Error(`the second instance did not answer /api/health; see ${logFile}`);
}

/** Asks a server to stop, and makes it if it has not within 5 s. */
export async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
}
