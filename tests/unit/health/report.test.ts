import { describe, expect, it, vi } from 'vitest';
import { healthReport, runCheck, SafeReason } from '@/lib/health/report';

describe('runCheck', () => {
  it('is ok when the check resolves', async () => {
    expect(await runCheck(async () => {}, 'unreachable')).toEqual({ state: 'ok' });
  });

  it('shows a SafeReason in its own words, and anything else only as the fallback (the cause is logged)', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await runCheck(() => Promise.reject(new SafeReason('the S3 bucket does not exist')), 'unavailable')).toEqual({ state: 'failed', reason: 'the S3 bucket does not exist' });
    expect(await runCheck(() => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2')), 'unreachable')).toEqual({ state: 'failed', reason: 'unreachable' });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]![1])).toContain('ECONNREFUSED');
  });

  it('gives up on a check that hangs, after its time limit', async () => {
    const started = performance.now();
    const outcome = await runCheck(() => new Promise<void>(() => {}), 'unreachable', 50);
    expect(outcome).toEqual({ state: 'failed', reason: 'did not answer within 0.05 s' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('healthReport', () => {
  const ok = { state: 'ok' } as const;
  it('is ok only when nothing failed; a note (a queue this process only sends to) is not a failure', () => {
    expect(healthReport({ database: ok, storage: ok, queue: ok })).toEqual({ ok: true, database: 'ok', storage: 'ok', queue: 'ok' });
    expect(healthReport({ database: ok, storage: ok, queue: { state: 'info', note: 'sends only (WORKER=off)' } })).toEqual({
      ok: true,
      database: 'ok',
      storage: 'ok',
      queue: 'sends only (WORKER=off)',
    });
    expect(healthReport({ database: { state: 'failed', reason: 'unreachable' }, storage: ok, queue: ok })).toMatchObject({ ok: false, database: 'unreachable' });
    expect(healthReport({ database: ok, storage: ok, queue: { state: 'failed', reason: 'not started' } })).toMatchObject({ ok: false, queue: 'not started' });
  });
});
