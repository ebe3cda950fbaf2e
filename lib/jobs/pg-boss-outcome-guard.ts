import { createRequire } from 'node:module';

/**
 * pg-boss 10.4.2 records a job's outcome without awaiting it (src/manager.js, `work` → onFetch calls
 * `this.complete(…)` / `this.fail(…)` and moves on). If the database is unreachable at that moment (a
 * restart, a failover, this process shutting down), the rejection is unhandled, and an unhandled
 * rejection ends a Node process: one blip would take down a web instance and every job it was running.
 * This wraps those two methods so a failure is reported like pg-boss's other errors instead. The job is
 * not lost: still active, it is failed by the heartbeat sweep or expires, and runs again (handlers are
 * idempotent). pg-boss is pinned to 10.4.2 (package.json); `installed` says whether the wrap took.
 */
type Outcome = (this: unknown, ...args: unknown[]) => Promise<unknown>;
type ManagerClass = { prototype: { complete: Outcome; fail: Outcome; __cpGuarded?: boolean } };

/** Where failed outcome reports go; set by the queue that started last (one per process). */
let report: (error: unknown) => void = () => {};

export function guardOutcomeReports(onError: (error: unknown) => void): { installed: boolean } {
  report = onError;
  const require = createRequire(import.meta.url);
  const Manager = require('pg-boss/src/manager') as ManagerClass;
  const proto = Manager.prototype;
  if (typeof proto.complete !== 'function' || typeof proto.fail !== 'function') return { installed: false };
  if (proto.__cpGuarded) return { installed: true };
  for (const method of ['complete', 'fail'] as const) {
    const original = proto[method];
    const guarded = function (this: unknown, ...args: unknown[]) {
      return original.apply(this, args).catch((error: unknown) => {
        report(error);
        return { jobs: [], requested: 0, affected: 0 };
      });
    };
    // PgBoss exposes the manager's methods under their function names (src/index.js #promoteFunctions).
    Object.defineProperty(guarded, 'name', { value: method });
    proto[method] = guarded;
  }
  proto.__cpGuarded = true;
  return { installed: true };
}
