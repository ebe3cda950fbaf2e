// Issue 16, point 5: two `next start` instances and separate worker processes on one fresh PostgreSQL
// database and the shared S3, with the browser in front of a small proxy that chooses, request by
// request, which instance answers (round robin unless a test says otherwise) and records who did.
// A worker may reach S3 through a relay the test can freeze, to hold an export in the middle of its work.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { artifactsDir, freePort, type SharedEnv } from './global-setup';

const root = process.cwd();

/** A child process of the cluster, stopped with SIGTERM (or killed, as a crash would). */
export type Proc = { name: string; child: ChildProcess; logFile: string; stop: () => Promise<void>; kill: () => Promise<void> };

function spawnLogged(name: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const logFile = path.join(artifactsDir, `cluster-${name}.log`);
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signal = async (sig: NodeJS.Signals, waitMs: number) => {
    if (ended()) return;
    child.kill(sig);
    await Promise.race([exited, new Promise((r) => setTimeout(r, waitMs))]);
    if (!ended()) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  return { name, child, logFile, stop: () => signal('SIGTERM', 15_000), kill: () => signal('SIGKILL', 5_000) };
}

async function until(what: string, proc: Proc, probe: () => Promise<boolean>, ms = 90_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc.child.exitCode !== null) break;
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = fs.readFileSync(proc.logFile, 'utf8').split('\n').slice(-30).join('\n');
  throw new Error(`${proc.name}: ${what} did not happen (exit code ${proc.child.exitCode}). Last lines of ${proc.logFile}:\n${tail}`);
}

export type Instance = Proc & { port: number; base: string };

/** A `next start` of the build on the cluster's database; web only (WORKER=off): the jobs are the workers'. */
async function startInstance(name: string, env: NodeJS.ProcessEnv, demoData: 'auto' | 'off'): Promise<Instance> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `cp-cluster-${name}-`));
  const proc = spawnLogged(name, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)], {
    ...env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO_DATA: demoData,
    WORKER: 'off',
  });
  const base = `http://localhost:${port}`;
  await until('answering /api/health with ok', proc, async () => (await fetch(`${base}/api/health`)).ok);
  const stop = proc.stop;
  return { ...proc, port, base, stop: async () => (await stop(), fs.rmSync(dataDir, { recursive: true, force: true })) };
}

/** `npm run worker` (scripts/worker.ts) as its own process; `s3Endpoint` replaces the store's address. */
export async function startWorkerProcess(name: string, env: NodeJS.ProcessEnv, s3Endpoint?: string): Promise<Proc> {
  // tsx as a loader in this very process (not its CLI, which runs the script in a child of its own): a
  // kill must reach the process that holds the job.
  const proc = spawnLogged(name, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
    ...env,
    ...(s3Endpoint ? { S3_ENDPOINT: s3Endpoint } : {}),
  });
  await until('reporting that it runs the jobs', proc, async () => fs.readFileSync(proc.logFile, 'utf8').includes('worker: running the background jobs'));
  return proc;
}

export type Served = { method: string; path: string; by: string; action: boolean };

/**
 * The browser's one address. Each request goes to the instance `choose` names, or else to the next in turn;
 * the Host header passes unchanged, so both instances see the address the browser used.
 */
export async function startSplitter(instances: Instance[]) {
  let turn = 0;
  const served: Served[] = [];
  let choose: (req: http.IncomingMessage) => Instance | null = () => null;
  const server = http.createServer((req, res) => {
    const target = choose(req) ?? instances[turn++ % instances.length]!;
    served.push({ method: req.method!, path: req.url!, by: target.name, action: req.headers['next-action'] !== undefined });
    const upstream = http.request({ host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.statusMessage, answer.rawHeaders);
      answer.pipe(res);
    });
    upstream.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`the splitter could not reach ${target.name}: ${e.message}`);
    });
    req.pipe(upstream);
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  return {
    base: `http://localhost:${port}`,
    served,
    /** Route by rule from now on (null: round robin). */
    route: (rule: (req: http.IncomingMessage) => Instance | null) => void (choose = rule),
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** A TCP relay to host:port that can be frozen: while frozen, bytes either way are held, as on a dead link. */
export async function startFreezableRelay(target: URL) {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    const relay = (from: net.Socket, to: net.Socket) =>
      from.on('data', (chunk) => {
        if (!frozen) to.write(chunk);
        // Frozen: dropped, never delivered; the relay is only ever closed afterwards, never thawed.
      });
    relay(client, upstream);
    relay(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    freeze: () => void (frozen = true),
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

/** A fresh database on the server `serverDbUrl` is on, and a client on it; dropped by `drop`. */
export async function freshDatabase(serverDbUrl: string) {
  const name = `cp_cluster_${crypto.randomBytes(5).toString('hex')}`;
  const admin = postgres(serverDbUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverDbUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  return {
    url: url.toString(),
    sql,
    drop: async () => {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Instances A and B and one worker on a fresh database; A seeds the demo data before the others start. */
export async function startCluster(shared: SharedEnv) {
  const database = await freshDatabase(shared.DATABASE_URL);
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...shared, DATABASE_URL: database.url };
  delete env.TEST_DATABASE_URL;
  delete env.E2E_DATABASE_URL;
  const procs: Proc[] = [];
  try {
    const a = await startInstance('a', env, 'auto');
    procs.push(a);
    const warm = await fetch(`${a.base}/login`); // migrated and seeded by now; the first page compiles nothing more
    if (warm.status !== 200) throw new Error(`GET /login on instance a answered ${warm.status}`);
    // The first worker reaches S3 through a relay a test can freeze (an export held mid-way).
    const relay = await startFreezableRelay(new URL(env.S3_ENDPOINT!));
    const [b, worker] = await Promise.all([startInstance('b', env, 'off'), startWorkerProcess('worker', env, relay.endpoint)]);
    procs.push(b, worker);
    return {
      a,
      b,
      worker,
      relay,
      env,
      database,
      /** Processes started later (another worker) are stopped with the cluster. */
      adopt: (p: Proc) => void procs.push(p),
      stop: async () => {
        await Promise.all(procs.map((p) => p.stop()));
        await relay.close();
        await database.drop();
      },
    };
  } catch (e) {
    await Promise.all(procs.map((p) => p.stop()));
    await database.drop();
    throw e;
  }
}
