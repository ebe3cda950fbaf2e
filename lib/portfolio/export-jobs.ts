import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '@/lib/env';
import type { Viewer } from '@/lib/dal/viewer';
import { writePortfolioZip } from './build-zip';
import { zipFileName } from './plan';
import type { PortfolioData } from './types';

/**
 * Portfolio ZIPs being built, or built, in DATA_DIR/exports, each named by a random token. A job
 * belongs to the viewer who started it and the apprenticeship it is of: the routes answer 404 to
 * anyone else holding the token. Kept in this process's memory (on globalThis, so every route's
 * bundle shares it); a restart forgets the jobs and the next export deletes their files.
 */
export type ExportJob = {
  token: string;
  viewerId: string;
  apprenticeshipId: string;
  fileName: string;
  file: string;
  startedAt: number;
  done: number;
  total: number;
  ready: boolean;
  failed: boolean;
};

const KEEP_MS = 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;
const g = globalThis as unknown as { __coderPathwayExports?: Map<string, ExportJob> };
const jobs = (g.__coderPathwayExports ??= new Map());

export const exportsDir = () => path.join(dataDir, 'exports');

/** Exports (and half-built ones) older than an hour: their files deleted, their jobs forgotten. */
export async function removeOldExports(now = Date.now()) {
  for (const [token, job] of jobs) if (now - job.startedAt > KEEP_MS) jobs.delete(token);
  const dir = exportsDir();
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fsp.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > KEEP_MS) await fsp.rm(file, { force: true });
  }
}

/** Starts building the ZIP in the background; the job's `total` is known on return. */
export async function startPortfolioExport(viewer: Viewer, data: PortfolioData): Promise<ExportJob> {
  await removeOldExports();
  const dir = exportsDir();
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const token = crypto.randomBytes(24).toString('base64url');
  const file = path.join(dir, `${token}.zip`);
  const partial = `${file}.part`;
  const job: ExportJob = {
    token,
    viewerId: viewer.userId,
    apprenticeshipId: data.apprenticeshipId,
    fileName: zipFileName(data.apprentice.name, data.generatedAt),
    file,
    startedAt: Date.now(),
    done: 0,
    total: 0,
    ready: false,
    failed: false,
  };
  jobs.set(token, job);
  const out = fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  // Built under a .part name and renamed when whole: a download never gets half a ZIP.
  void writePortfolioZip(data, out, (done, total) => Object.assign(job, { done, total }))
    .then(() => fsp.rename(partial, file))
    .then(() => {
      job.ready = true;
    })
    .catch(async (e: unknown) => {
      job.failed = true;
      out.destroy();
      await fsp.rm(partial, { force: true });
      console.error('portfolio export failed', e);
    });
  return job;
}

/** The job of this token, if this viewer started it for this apprenticeship. */
export function findExportJob(token: string, viewer: Viewer, apprenticeshipId: string): ExportJob | null {
  if (!TOKEN.test(token)) return null;
  const job = jobs.get(token);
  return job && job.viewerId === viewer.userId && job.apprenticeshipId === apprenticeshipId ? job : null;
}
