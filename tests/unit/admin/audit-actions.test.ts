import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_LABEL, describeAuditAction, describeAuditEntity } from '@/lib/admin/audit-actions';

/** Every string the code under lib/ and db/ (the demo seed) writes as `<key>: '…'`, e.g. every audit action code. */
function literals(key: 'action' | 'entityType'): Set<string> {
  const found = new Set<string>();
  const pattern = new RegExp(`\\b${key}: '([a-z_.]+)'`, 'g');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(pattern)) found.add(m[1]!);
    }
  };
  walk('lib');
  walk('db');
  return found;
}

/** Every entity type written to the audit log. */
const writtenEntityTypes = () => [...literals('entityType')].sort();

/** Every action code written to the audit log: `action: '…'` literals, and otj's decision template. */
function writtenActions(): string[] {
  const found = literals('action');
  // lib/dal/otj.ts writes `otj.${decision}` for its two decisions.
  found.add('otj.accept');
  found.add('otj.query');
  return [...found].sort();
}

describe('audit actions in plain English', () => {
  it('describes every action the data access layer and sign-in write', () => {
    const actions = writtenActions();
    expect(actions.length).toBeGreaterThan(40);
    expect(actions.filter((a) => !(a in AUDIT_ACTIONS))).toEqual([]);
  });

  it('reads as a sentence, and shows an unknown code as it is', () => {
    expect(describeAuditAction('auth.sign_in')).toBe('Signed in');
    expect(describeAuditAction('gateway.confirm')).toBe('Confirmed readiness for gateway');
    expect(describeAuditAction('something.new')).toBe('something.new');
    expect(Object.values(AUDIT_ACTIONS).every((d) => /^[A-Z]/.test(d) && !d.includes('_'))).toBe(true);
  });

  it('names every kind of record the audit log is about, in words', () => {
    const types = writtenEntityTypes();
    expect(types.length).toBeGreaterThan(15);
    expect(types.filter((t) => !(t in AUDIT_ENTITY_LABEL))).toEqual([]);
    expect(describeAuditEntity('otj_entry')).toBe('Off-the-job entry');
    expect(describeAuditEntity('something_new')).toBe('something_new');
  });
});
