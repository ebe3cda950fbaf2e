import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { gatewayLinkExpiry, gatewayLinkPath, gatewayLinkStatus, hashGatewayLinkToken, isGatewayLinkToken, newGatewayLinkToken } from '@/lib/gateway/link';
import { GatewayLinkInput } from '@/lib/gateway/schemas';
import { gatewaySummaryPdf } from '@/lib/gateway/summary-pdf';
import { gatewayChecklist } from '@/lib/progress/gateway';
import { readTaggedPdf } from '../../support/tagged-pdf';

const AT = new Date('2026-11-29T12:00:00Z');

describe('gateway pack links', () => {
  it('a token is 32 random bytes in base64url, different each time, and only its SHA-256 is stored', () => {
    const a = newGatewayLinkToken();
    const b = newGatewayLinkToken();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(isGatewayLinkToken(a)).toBe(true);
    expect(hashGatewayLinkToken(a)).toBe(createHash('sha256').update(a).digest('hex'));
    expect(hashGatewayLinkToken(a)).not.toContain(a);
    expect(gatewayLinkPath(a)).toBe(`/gateway-pack/${a}`);
  });
  it('anything but 43 URL-safe characters is no token', () => {
    for (const t of ['', 'short', `${'a'.repeat(42)}/`, 'a'.repeat(44), `${'a'.repeat(42)}=`]) expect(isGatewayLinkToken(t)).toBe(false);
  });
  it('a link is active until it expires, expired from that moment, and revoked whatever its expiry', () => {
    const expiresAt = gatewayLinkExpiry(AT, 30);
    expect(expiresAt.toISOString()).toBe('2026-12-29T12:00:00.000Z');
    expect(gatewayLinkStatus({ expiresAt, revokedAt: null }, new Date('2026-12-29T11:59:59Z'))).toBe('active');
    expect(gatewayLinkStatus({ expiresAt, revokedAt: null }, expiresAt)).toBe('expired');
    expect(gatewayLinkStatus({ expiresAt, revokedAt: AT }, AT)).toBe('revoked');
    expect(gatewayLinkStatus({ expiresAt: AT, revokedAt: AT }, expiresAt)).toBe('revoked');
  });
  it('a link lasts from 1 to 365 days and names its recipient', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(GatewayLinkInput.safeParse({ apprenticeshipId: id, recipient: 'Open Awards EPA', days: '30' }).success).toBe(true);
    for (const days of ['0', '366', '1.5', '']) expect(GatewayLinkInput.safeParse({ apprenticeshipId: id, recipient: 'Open Awards EPA', days }).success).toBe(false);
    expect(GatewayLinkInput.safeParse({ apprenticeshipId: id, recipient: ' ', days: '30' }).success).toBe(false);
  });
});

describe('the gateway summary PDF', () => {
  it('holds the apprentice, dates, English and maths, off-the-job hours, every KSB with its accepted evidence, and the mocks; tagged', async () => {
    const ksbs = Array.from({ length: 59 }, (_, i) => ({
      code: i < 29 ? `K${i + 1}` : i < 54 ? `S${i - 28}` : `B${i - 53}`,
      text: 'How to apply codes to given diagnosis and treatments',
      evidence: i === 0 ? [{ title: 'Sequencing a complex admission', date: '2026-03-14' }] : [],
    }));
    const mocks = [{ kind: 'epa_practice', title: 'Practice end-point assessment', grade: 'pass' as const, percent: 71.5, at: new Date('2026-11-12') }];
    const pdf = await gatewaySummaryPdf({
      apprenticeName: 'Sam Whitfield',
      employerName: 'Ashwell Vale Hospitals NHS Trust',
      standard: { reference: 'ST0535', title: 'Clinical coder' },
      startDate: '2025-09-01',
      plannedEndDate: '2027-03-01',
      generatedAt: AT,
      englishMaths: 'English achieved; maths exempt',
      otj: { logged: 420.5, planned: 418 },
      ksbs,
      mocks,
      checklist: gatewayChecklist({ ksbsMet: 59, ksbsMissing: [], otjLogged: 420, otjPlannedToDate: 418, english: 'achieved', maths: 'exempt', startDate: '2025-09-01', weeklyHours: 37.5, today: AT, readiness: 'first', confirmations: [], mocks }).lines,
    });
    const r = await readTaggedPdf(pdf);
    expect(r.marked).toBe(true);
    expect(r.title).toBe('Gateway summary: Sam Whitfield');
    const all = r.pages.join('\n');
    for (const text of ['Ashwell Vale Hospitals NHS Trust', '1 Sep 2025', '1 Mar 2027', 'English achieved; maths exempt', '420.50 logged against 418.00', 'Sequencing a complex admission (14 Mar 2026)', 'Practice end-point assessment', 'B5', 'Apprentice, trainer and employer'])
      expect(all).toContain(text);
  });
});
