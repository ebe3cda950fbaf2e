// The settings every app instance started by one test or benchmark run shares (lib/instance/shared-settings.ts):
// production on PostgreSQL refuses to start without them. One set per run, so any number of instances
// started from the same process agree.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type InstanceEnv = { AUTH_SECRET: string; NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: string; DEPLOYMENT_ID: string };

/** The release name the build was made with, when it is known: CI sets DEPLOYMENT_ID; `npm start` keeps it in .data. */
function buildDeploymentId(): string | null {
  if (process.env.DEPLOYMENT_ID) return process.env.DEPLOYMENT_ID;
  try {
    return fs.readFileSync(path.join(process.cwd(), '.data', 'deployment-id'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

let shared: InstanceEnv | undefined;
export function instanceEnv(): InstanceEnv {
  shared ??= {
    AUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY || crypto.randomBytes(32).toString('base64'),
    DEPLOYMENT_ID: buildDeploymentId() ?? `test-${crypto.randomBytes(4).toString('hex')}`,
  };
  return shared;
}
