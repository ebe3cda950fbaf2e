import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { MissingSharedSettingError, missingSharedSettings, resolveSharedSetting, SHARED_SETTING_NAMES } from '@/lib/instance/shared-settings';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-shared-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://app@db.example/pathway' };
const given = {
  AUTH_SECRET: 'a'.repeat(40),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  DEPLOYMENT_ID: 'release-2026.12.07',
};

describe('settings every instance shares', () => {
  it('on the embedded database, generates each once into DATA_DIR and gives the same value afterwards', () => {
    const dir = tempDir();
    const env = parseEnv({ NODE_ENV: 'production' });
    for (const name of SHARED_SETTING_NAMES) {
      const first = resolveSharedSetting(name, env, dir);
      expect(first.length).toBeGreaterThanOrEqual(12);
      expect(resolveSharedSetting(name, env, dir)).toBe(first);
    }
    // A valid AES key, as Next.js requires: 32 bytes once decoded.
    expect(Buffer.from(resolveSharedSetting('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY', env, dir), 'base64')).toHaveLength(32);
    // And the generated values are what the environment variables would accept.
    expect(() => parseEnv(Object.fromEntries(SHARED_SETTING_NAMES.map((n) => [n, resolveSharedSetting(n, env, dir)])))).not.toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual(['auth-secret', 'deployment-id', 'server-actions-key']);
  });

  it('two data folders get different generated values (why production must set them)', () => {
    const env = parseEnv({});
    expect(resolveSharedSetting('DEPLOYMENT_ID', env, tempDir())).not.toBe(resolveSharedSetting('DEPLOYMENT_ID', env, tempDir()));
  });

  it('uses the environment when set, and writes nothing', () => {
    const dir = tempDir();
    const env = parseEnv({ ...production, ...given });
    for (const name of SHARED_SETTING_NAMES) expect(resolveSharedSetting(name, env, dir)).toBe(given[name]);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(missingSharedSettings(env)).toBeNull();
  });

  it('in production on PostgreSQL, names every missing one in one line and generates nothing', () => {
    const dir = tempDir();
    const env = parseEnv({ ...production, AUTH_SECRET: given.AUTH_SECRET });
    const message = missingSharedSettings(env);
    expect(message).toMatch(/^in production with DATABASE_URL, every instance needs the same NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, DEPLOYMENT_ID: set /);
    expect(message).not.toContain('\n');
    expect(message).not.toContain(given.AUTH_SECRET);
    expect(() => resolveSharedSetting('DEPLOYMENT_ID', env, dir)).toThrow(MissingSharedSettingError);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('outside production (development, tests) generates even on PostgreSQL', () => {
    const env = parseEnv({ NODE_ENV: 'development', DATABASE_URL: production.DATABASE_URL });
    expect(missingSharedSettings(env)).toBeNull();
    expect(resolveSharedSetting('AUTH_SECRET', env, tempDir())).toHaveLength(43);
  });

  it('refuses a server-actions key that is not a base64 AES key, and a deployment id with spaces', () => {
    expect(() => parseEnv({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(20).toString('base64') })).toThrow(/NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be a base64 AES key/);
    expect(() => parseEnv({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: 'not base64 at all!' })).toThrow(/NEXT_SERVER_ACTIONS_ENCRYPTION_KEY/);
    expect(() => parseEnv({ DEPLOYMENT_ID: 'release one' })).toThrow(/DEPLOYMENT_ID/);
    expect(() => parseEnv({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(16, 1).toString('base64'), DEPLOYMENT_ID: 'abc123' })).not.toThrow();
  });
});
