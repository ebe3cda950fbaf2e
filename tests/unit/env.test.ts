import { describe, expect, it } from 'vitest';
import { parseEnv, s3ConfigOf } from '@/lib/env';

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

  it('writes email to the log unless SMTP_URL is set, and links to localhost unless APP_URL is', () => {
    const env = parseEnv({});
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.APP_URL).toBe('http://localhost:3000');
    expect(parseEnv({ SMTP_URL: 'smtps://u:p@mail.example:465', MAIL_FROM: 'Pathway <p@example.org>' })).toMatchObject({ SMTP_URL: 'smtps://u:p@mail.example:465', MAIL_FROM: 'Pathway <p@example.org>' });
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://, without showing it', () => {
    expect(() => parseEnv({ SMTP_URL: 'https://user:secret-pass@mail.example' })).toThrow(/SMTP_URL/);
    expect(() => parseEnv({ SMTP_URL: 'https://user:secret-pass@mail.example' })).not.toThrow(/secret-pass/);
  });

  const s3 = { S3_ENDPOINT: 'http://127.0.0.1:9000', S3_REGION: 'us-east-1', S3_BUCKET: 'evidence', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', S3_SECRET_ACCESS_KEY: 'secret-value-never-shown' };

  it('keeps evidence files on local disk when no S3 variable is set', () => {
    expect(s3ConfigOf(parseEnv({}))).toBeNull();
  });

  it('chooses S3 when all five S3 variables are set', () => {
    expect(s3ConfigOf(parseEnv(s3))).toEqual({ endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', bucket: 'evidence', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-value-never-shown' });
  });

  it('refuses some S3 variables without the others in one line naming the missing ones, never a value', () => {
    const { S3_BUCKET: _bucket, S3_SECRET_ACCESS_KEY: _secret, ...partial } = s3;
    const error = (() => {
      try {
        parseEnv(partial);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(error).toBe(
      'Bad environment: S3 storage needs all of S3_ENDPOINT, S3_REGION, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY or none; missing S3_BUCKET, S3_SECRET_ACCESS_KEY',
    );
    expect(() => parseEnv({ ...s3, S3_ENDPOINT: '' })).toThrow(/missing S3_ENDPOINT$/);
  });

  it('refuses an S3 endpoint that is not a URL and a bucket name S3 would refuse', () => {
    expect(() => parseEnv({ ...s3, S3_ENDPOINT: '127.0.0.1:9000' })).toThrow(/S3_ENDPOINT/);
    expect(() => parseEnv({ ...s3, S3_BUCKET: 'Evidence_Files' })).toThrow(/S3_BUCKET/);
    expect(() => parseEnv({ ...s3, S3_BUCKET: 'Evidence_Files' })).not.toThrow(/secret-value-never-shown/);
  });
});
