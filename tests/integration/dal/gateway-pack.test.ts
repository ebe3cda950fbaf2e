import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { confirmGateway, createGatewayPackLink, getGatewayPack, getOwnApprenticeship, openGatewayPackFile, rebuildGatewayPack, revokeGatewayPackLink } from '@/lib/dal';
import { openSharedGatewayPack, runGatewayPack } from '@/lib/dal/gateway-pack';
import { auditLog, gatewayPackOpenings, gatewayPacks } from '@/db/schema';
import { Conflict, NotFound } from '@/lib/errors';
import type { Viewer } from '@/lib/dal/viewer';
import { setFileStorageForTests } from '@/lib/files/storage';
import { createTestDb, rowsOf, type TestDb } from '../helpers/test-db';
import { createTestStorage, type TestStorage } from '../helpers/test-storage';
import { readTaggedPdf } from '../../support/tagged-pdf';

// Issue 20 §6. Sam Whitfield (Ashwell, trainer Priya Patel) is the demo's nearly-ready apprentice: his
// trainer has confirmed gateway in the demo data; here he and his employer confirm, the third queues the pack.
let t: TestDb;
let sam: Viewer;
let patel: Viewer;
let okafor: Viewer; // another apprentice's trainer
let helen: Viewer; // Ashwell's coding manager
let apprenticeshipId: string;
let files: TestStorage;
const UA = 'Mozilla/5.0 (EPA organisation test)';
const tokenOf = (path: string) => path.split('/').at(-1)!;
const bytesOf = async (body: ReadableStream<Uint8Array>) => Buffer.from(await new Response(body).arrayBuffer());
const openingsOf = async (linkId: string) => t.db.select().from(gatewayPackOpenings).where(eq(gatewayPackOpenings.linkId, linkId));

beforeAll(async () => {
  files = await createTestStorage();
  setFileStorageForTests(files.storage);
  setFileStorageForTests(files.storage, 'exports');
  t = await createTestDb();
  [sam, patel, okafor, helen] = (await Promise.all(
    ['sam.whitfield@ashwell.example', 'trainer.patel@coderpathway.example', 'trainer.okafor@coderpathway.example', 'coding.manager@ashwell.example'].map((e) => t.viewer(e)),
  )) as [Viewer, Viewer, Viewer, Viewer];
  apprenticeshipId = (await getOwnApprenticeship(sam))!.id;
});
afterAll(async () => {
  setFileStorageForTests(undefined);
  setFileStorageForTests(undefined, 'exports');
  await files?.close();
  await t?.close();
});

describe('the gateway pack', () => {
  let packId: string;
  it('is queued once, in the transaction of the third confirmation, whichever role gives it', async () => {
    const packs = () => t.db.select().from(gatewayPacks).where(eq(gatewayPacks.apprenticeshipId, apprenticeshipId));
    expect((await getGatewayPack(patel, apprenticeshipId)).confirmations.map((c) => c.role)).toEqual(['trainer']);
    const mine = await confirmGateway(sam, { apprenticeshipId, note: 'I have met every KSB and passed the mock.' });
    expect(mine).toMatchObject({ role: 'apprentice', packId: null });
    expect(await packs()).toHaveLength(0);
    const third = await confirmGateway(helen, { apprenticeshipId, note: 'Sam codes independently on the wards now.' });
    expect(third.packId).toEqual(expect.any(String));
    packId = third.packId!;
    expect((await packs()).map((p) => [p.id, p.status, p.requestedBy])).toEqual([[packId, 'queued', patel.userId]]);
    const queued = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'gateway_pack.queued'), eq(auditLog.entityId, packId)));
    expect(queued).toHaveLength(1);
    const jobs = await rowsOf<{ n: number }>(t.db, sql`select count(*)::int as n from pgboss.job where name = 'gateway-pack' and data->>'packId' = ${packId}`);
    expect(Number(jobs[0]!.n)).toBe(1);
    // Confirmations are given once: nothing queues it a second time.
    await expect(confirmGateway(helen, { apprenticeshipId, note: 'Sam codes independently on the wards now.' })).rejects.toBeInstanceOf(Conflict);
    expect(await packs()).toHaveLength(1);
    await expect(rebuildGatewayPack(patel, { apprenticeshipId })).rejects.toBeInstanceOf(Conflict);
  });

  it('is built by its job: a summary PDF and a ZIP holding it and the portfolio, with its progress on the row', async () => {
    await runGatewayPack(packId);
    await runGatewayPack(packId); // idempotent: a built pack is left as it is
    const [pack] = await t.db.select().from(gatewayPacks).where(eq(gatewayPacks.id, packId));
    expect(pack).toMatchObject({ status: 'ready', error: null });
    expect(pack!.total).toBeGreaterThan(1);
    expect(pack!.done).toBe(pack!.total);
    const summary = (await openGatewayPackFile(patel, apprenticeshipId, 'summary'))!;
    expect(summary.contentType).toBe('application/pdf');
    const pdf = await readTaggedPdf(await bytesOf(summary.body));
    const text = pdf.pages.join('\n');
    for (const s of ['Gateway summary: Sam Whitfield', 'Off-the-job hours', 'KSB map with the accepted evidence', 'Mock assessment results']) expect(text).toContain(s);
    const zip = unzipSync(await bytesOf((await openGatewayPackFile(patel, apprenticeshipId, 'portfolio'))!.body));
    expect(Object.keys(zip)).toContain('gateway-summary.pdf');
    expect(Object.keys(zip).length).toBe(pack!.total);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'gateway_pack.built'), eq(auditLog.entityId, packId)))).toHaveLength(1);
  });

  it('is not another trainer’s, nor the employer’s, nor the apprentice’s to see or share (404)', async () => {
    for (const v of [okafor, helen, sam]) {
      await expect(getGatewayPack(v, apprenticeshipId)).rejects.toBeInstanceOf(NotFound);
      await expect(openGatewayPackFile(v, apprenticeshipId, 'portfolio')).rejects.toBeInstanceOf(NotFound);
      await expect(createGatewayPackLink(v, { apprenticeshipId, recipient: 'Someone EPA', days: 30 })).rejects.toBeInstanceOf(NotFound);
    }
  });

  it('is shared by a link whose every opening is logged, and which the trainer sees counted', async () => {
    const link = await createGatewayPackLink(patel, { apprenticeshipId, recipient: 'Open Awards EPA', days: 30 });
    const token = tokenOf(link.path);
    const page = await openSharedGatewayPack(token, 'page', UA);
    expect(page).toMatchObject({ apprenticeName: 'Sam Whitfield', recipient: 'Open Awards EPA', file: null });
    const summary = await openSharedGatewayPack(token, 'summary', UA);
    expect(summary?.file?.contentType).toBe('application/pdf');
    await summary!.file!.body.cancel();
    const openings = await openingsOf(link.id);
    expect(openings.map((o) => o.item).sort()).toEqual(['page', 'summary']);
    expect(openings.every((o) => o.userAgent === UA)).toBe(true);
    const seen = (await getGatewayPack(patel, apprenticeshipId)).links.find((l) => l.id === link.id)!;
    expect(seen).toMatchObject({ status: 'active', openings: 2, recipient: 'Open Awards EPA' });
    expect(seen.lastOpenedAt).toBeInstanceOf(Date);
    // Only the hash is stored.
    const stored = await rowsOf<{ n: number }>(t.db, sql`select count(*)::int as n from gateway_pack_links where token_hash = ${token}`);
    expect(Number(stored[0]!.n)).toBe(0);
  });

  it('refuses an expired, a revoked or an unknown link alike, logging no opening', async () => {
    const expiring = await createGatewayPackLink(patel, { apprenticeshipId, recipient: 'Short EPA', days: 1 });
    const later = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
    expect(await openSharedGatewayPack(tokenOf(expiring.path), 'page', UA, later)).toBeNull();
    expect(await openSharedGatewayPack(tokenOf(expiring.path), 'summary', UA, later)).toBeNull();
    expect(await openingsOf(expiring.id)).toHaveLength(0);

    const revoked = await createGatewayPackLink(patel, { apprenticeshipId, recipient: 'Withdrawn EPA', days: 30 });
    expect(await openSharedGatewayPack(tokenOf(revoked.path), 'page', UA)).not.toBeNull();
    await expect(revokeGatewayPackLink(okafor, { apprenticeshipId, linkId: revoked.id })).rejects.toBeInstanceOf(NotFound);
    await revokeGatewayPackLink(patel, { apprenticeshipId, linkId: revoked.id });
    await expect(revokeGatewayPackLink(patel, { apprenticeshipId, linkId: revoked.id })).rejects.toBeInstanceOf(Conflict);
    expect(await openSharedGatewayPack(tokenOf(revoked.path), 'page', UA)).toBeNull();
    expect(await openSharedGatewayPack(tokenOf(revoked.path), 'portfolio', UA)).toBeNull();
    expect(await openingsOf(revoked.id)).toHaveLength(1); // the one before it was revoked
    expect((await getGatewayPack(patel, apprenticeshipId)).links.find((l) => l.id === revoked.id)?.status).toBe('revoked');
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'gateway_pack.link_revoked'), eq(auditLog.entityId, revoked.id)))).toHaveLength(1);

    for (const unknown of ['A'.repeat(43), 'not-a-token', '../../etc/passwd']) expect(await openSharedGatewayPack(unknown, 'page', UA)).toBeNull();
  });
});
