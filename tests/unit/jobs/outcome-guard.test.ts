import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { guardOutcomeReports } from '@/lib/jobs/pg-boss-outcome-guard';

// pg-boss's Manager, as its worker loop uses it: `complete` and `fail` called without await.
const require = createRequire(import.meta.url);
const Manager = require('pg-boss/src/manager') as { prototype: Record<string, (...args: unknown[]) => Promise<unknown>> };

/** A Manager-shaped `this` whose database refuses every statement, as during a failover. */
const unreachable = () =>
  Object.assign(Object.create(Manager.prototype) as object, {
    db: { executeSql: () => Promise.reject(new Error('connection terminated unexpectedly')) },
    completeJobsCommand: 'complete',
    failJobsByIdCommand: 'fail',
  });

describe('the outcome guard over pg-boss 10.4.2', () => {
  it('turns a failed report of a job’s outcome into a reported error instead of a rejection', async () => {
    const reported: unknown[] = [];
    expect(guardOutcomeReports((e) => reported.push(e)).installed).toBe(true);
    const self = unreachable();
    await expect(Manager.prototype.complete!.call(self, 'portfolio-export', '0195f0c2-0000-7000-8000-000000000001')).resolves.toEqual({ jobs: [], requested: 0, affected: 0 });
    await expect(Manager.prototype.fail!.call(self, 'portfolio-export', '0195f0c2-0000-7000-8000-000000000001', new Error('x'))).resolves.toEqual({ jobs: [], requested: 0, affected: 0 });
    expect(reported.map((e) => (e as Error).message)).toEqual(['connection terminated unexpectedly', 'connection terminated unexpectedly']);
  });

  it('wraps once however many queues start, and the newest queue hears of failures', async () => {
    const first = vi.fn();
    const second = vi.fn();
    guardOutcomeReports(first);
    guardOutcomeReports(second);
    await Manager.prototype.complete!.call(unreachable(), 'portfolio-export', '0195f0c2-0000-7000-8000-000000000002');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1); // once: a second wrap would report twice
  });
});

describe('PgBoss after the guard', () => {
  it('still offers complete and fail under their names (PgBoss copies them by function name)', async () => {
    guardOutcomeReports(() => {});
    const { default: PgBoss } = await import('pg-boss');
    const boss = new PgBoss({ db: { executeSql: async () => ({ rows: [] }) } }) as unknown as Record<string, unknown>;
    expect(typeof boss.complete).toBe('function');
    expect(typeof boss.fail).toBe('function');
  });
});
