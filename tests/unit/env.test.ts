import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';

describe('the environment', () => {
  it('defaults to the embedded database and demo data', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).toMatchObject({ DATA_DIR: '.data', DEMO_DATA: 'auto' });
  });

  it('treats empty values as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', AUTH_SECRET: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
  });

  it('refuses a short secret, naming the variable but not its value', () => {
    expect(() => parseEnv({ AUTH_SECRET: 'too-short-secret' })).toThrow(/AUTH_SECRET/);
    expect(() => parseEnv({ AUTH_SECRET: 'too-short-secret' })).not.toThrow(/too-short-secret/);
  });

  it('refuses a database URL that is not a URL', () => {
    expect(() => parseEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });
});
