import { describe, expect, inject, test } from 'vitest';

const base = inject('baseUrl');

// Issue 16, operations: what a load balancer asks of each instance.
describe('/api/health', () => {
  test('readiness names the database, the file store and the job queue, each ok, with nothing cached', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(await res.json()).toEqual({ ok: true, database: 'ok', storage: 'ok', queue: 'ok' });
  });

  test('liveness (?live) answers without touching anything', async () => {
    const res = await fetch(`${base}/api/health?live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
