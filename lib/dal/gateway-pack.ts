import 'server-only';
import { PassThrough, Readable } from 'node:stream';
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { apprenticeships, gatewayConfirmations, gatewayPackLinks, gatewayPackOpenings, gatewayPacks, organisations, standards, users } from '@/db/schema';
import { Conflict, NotFound } from '@/lib/errors';
import { getFileStorage } from '@/lib/files/storage';
import { parseInput } from '@/lib/forms/parse-input';
import { GatewayLinkInput, GatewayLinkRevokeInput, GatewayPackRebuildInput } from '@/lib/gateway/schemas';
import { gatewayLinkExpiry, gatewayLinkPath, gatewayLinkStatus, hashGatewayLinkToken, isGatewayLinkToken, newGatewayLinkToken, type GatewayOpeningItem } from '@/lib/gateway/link';
import { gatewaySummaryPdf } from '@/lib/gateway/summary-pdf';
import type { JobContext } from '@/lib/jobs';
import { writePortfolioZip } from '@/lib/portfolio/build-zip';
import { standingMet } from '@/lib/portfolio/ksb-map';
import { apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import { fundingSettings } from './funding-settings';
import { jobQueue } from './jobs';
import type { Permission, Scope } from './policy';
import { getPortfolioExport, viewerOfUser } from './portfolio-export';
import { getProgressPicture } from './progress';
import type { Viewer } from './viewer';

// Issue 20 §6: the gateway pack for the end-point assessment organisation. Built by the job queue once the
// apprentice, the trainer and the employer have all confirmed gateway; shared by an expiring, revocable link.

const apprentice = alias(users, 'apprentice');
const CONFIRMING_ROLES = 3;

/** The apprenticeship a trainer (assigned) or an admin works on, or the same recorded 404 as a missing one. */
async function packSubject(viewer: Viewer, scope: Scope, permission: Permission, apprenticeshipId: string) {
  const db = await getDb();
  const [row] = z.uuid().safeParse(apprenticeshipId).success
    ? await db
        .select({ id: apprenticeships.id, apprenticeName: apprentice.name, employerName: organisations.name, standardTitle: standards.title, standardReference: standards.reference })
        .from(apprenticeships)
        .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
        .innerJoin(organisations, eq(organisations.id, apprenticeships.employerId))
        .innerJoin(standards, eq(standards.id, apprenticeships.standardId))
        .where(and(eq(apprenticeships.id, apprenticeshipId), apprenticeshipsIn(viewer, scope)))
    : [];
  if (!row) {
    await recordDenied(viewer, permission, 'apprenticeship', apprenticeshipId);
    throw new NotFound('apprenticeship');
  }
  return { db, a: row };
}

const latestPack = async (db: DbOrTx, apprenticeshipId: string) =>
  (await db.select().from(gatewayPacks).where(eq(gatewayPacks.apprenticeshipId, apprenticeshipId)).orderBy(desc(gatewayPacks.createdAt), desc(gatewayPacks.id)).limit(1))[0] ?? null;

/**
 * Called inside the transaction that records a gateway confirmation: when that was the third (apprentice,
 * trainer and employer), a pack is recorded as queued, once (a pack already there, whatever its state, is
 * not queued again: a failed one is rebuilt by the trainer). Answers the new pack's id, for the caller to
 * send its job once the transaction has committed. The pack is gathered with the access of the trainer who
 * confirmed (requestedBy), so it never holds more than that trainer may see.
 */
export async function queueGatewayPackIfConfirmed(tx: DbOrTx, viewer: Viewer, apprenticeshipId: string): Promise<string | null> {
  const confirmations = await tx.select({ role: gatewayConfirmations.role, by: gatewayConfirmations.confirmedBy }).from(gatewayConfirmations).where(eq(gatewayConfirmations.apprenticeshipId, apprenticeshipId));
  const trainer = confirmations.find((c) => c.role === 'trainer');
  if (new Set(confirmations.map((c) => c.role)).size < CONFIRMING_ROLES || !trainer) return null;
  // Two last confirmations at once: each transaction sees the other's only after commit, so the unique
  // confirmation per role lets one through and the lock below keeps the pack single.
  await tx.execute(sql`select id from ${apprenticeships} where ${apprenticeships.id} = ${apprenticeshipId} for update`);
  if (await latestPack(tx, apprenticeshipId)) return null;
  const [pack] = await tx.insert(gatewayPacks).values({ apprenticeshipId, requestedBy: trainer.by }).returning({ id: gatewayPacks.id });
  await writeAudit(tx, viewer, { action: 'gateway_pack.queued', entityType: 'gateway_pack', entityId: pack!.id, after: { apprenticeshipId } });
  return pack!.id;
}

/** Sends a queued pack's job (after its row has committed: a worker must find it). */
export async function sendGatewayPackJob(packId: string) {
  await (await jobQueue()).send('gateway-pack', { packId });
}

/**
 * The trainer's page: the apprenticeship, the confirmations, the latest pack and its progress, and every
 * link to it with its openings. Nothing about where the files are stored.
 */
export async function getGatewayPack(viewer: Viewer, apprenticeshipId: string, now: Date = new Date()) {
  const scope = await authorize(viewer, 'gatewayPack.read', { type: 'apprenticeship', id: apprenticeshipId });
  const { db, a } = await packSubject(viewer, scope, 'gatewayPack.read', apprenticeshipId);
  const [confirmations, pack, settings] = await Promise.all([
    db.select({ role: gatewayConfirmations.role, name: gatewayConfirmations.confirmedName, at: gatewayConfirmations.confirmedAt }).from(gatewayConfirmations).where(eq(gatewayConfirmations.apprenticeshipId, a.id)).orderBy(asc(gatewayConfirmations.confirmedAt)),
    latestPack(db, a.id),
    fundingSettings(db),
  ]);
  const packIds = db.select({ id: gatewayPacks.id }).from(gatewayPacks).where(eq(gatewayPacks.apprenticeshipId, a.id));
  const [links, openings] = await Promise.all([
    db
      .select({
        id: gatewayPackLinks.id,
        recipient: gatewayPackLinks.recipient,
        createdAt: gatewayPackLinks.createdAt,
        expiresAt: gatewayPackLinks.expiresAt,
        revokedAt: gatewayPackLinks.revokedAt,
        // Written out: drizzle would name the outer column unqualified, which inside the subquery is the opening's own id.
        openings: sql<number>`(select count(*)::int from gateway_pack_openings o where o.link_id = gateway_pack_links.id)`,
        lastOpenedAt: sql<string | null>`(select max(o.opened_at)::text from gateway_pack_openings o where o.link_id = gateway_pack_links.id)`,
      })
      .from(gatewayPackLinks)
      .where(inArray(gatewayPackLinks.packId, packIds))
      .orderBy(desc(gatewayPackLinks.createdAt), desc(gatewayPackLinks.id)),
    db
      .select({ id: gatewayPackOpenings.id, recipient: gatewayPackLinks.recipient, item: gatewayPackOpenings.item, userAgent: gatewayPackOpenings.userAgent, openedAt: gatewayPackOpenings.openedAt })
      .from(gatewayPackOpenings)
      .innerJoin(gatewayPackLinks, eq(gatewayPackLinks.id, gatewayPackOpenings.linkId))
      .where(inArray(gatewayPackLinks.packId, packIds))
      .orderBy(desc(gatewayPackOpenings.openedAt), desc(gatewayPackOpenings.id))
      .limit(200),
  ]);
  return {
    apprenticeship: a,
    confirmations,
    allConfirmed: new Set(confirmations.map((c) => c.role)).size === CONFIRMING_ROLES,
    pack: pack && {
      id: pack.id,
      status: pack.status,
      done: pack.done,
      total: pack.total,
      error: pack.error,
      sizeBytes: pack.sizeBytes,
      createdAt: pack.createdAt,
      finishedAt: pack.finishedAt,
      /** Queued for so long that its job was lost: the trainer may build it again. */
      stale: isStale(pack, now.getTime()),
    },
    defaultLinkDays: settings.gatewayLinkDays,
    links: links.map((l) => ({ ...l, openings: Number(l.openings), lastOpenedAt: l.lastOpenedAt ? new Date(l.lastOpenedAt) : null, status: gatewayLinkStatus(l, now) })),
    openings: openings.map((o) => ({ ...o, item: o.item as GatewayOpeningItem })),
  };
}

/** How long a pack may wait queued before it is taken to have lost its job (its process died before sending it). */
export const PACK_STALE_MS = 15 * 60 * 1000;
const isStale = (p: { status: string; createdAt: Date }, now = Date.now()) => p.status === 'queued' && now - p.createdAt.getTime() > PACK_STALE_MS;

/**
 * Builds the pack again: allowed when all three have confirmed and there is no pack yet, the latest failed,
 * or it has waited queued for PACK_STALE_MS (a built one is kept as it is). Gathered with the rebuilding trainer's (or admin's) access.
 */
export async function rebuildGatewayPack(viewer: Viewer, input: z.input<typeof GatewayPackRebuildInput>) {
  const scope = await authorize(viewer, 'gatewayPack.share', { type: 'apprenticeship', id: input.apprenticeshipId });
  const data = parseInput(GatewayPackRebuildInput, input);
  const { db, a } = await packSubject(viewer, scope, 'gatewayPack.share', data.apprenticeshipId);
  const id = await db.transaction(async (tx) => {
    await tx.execute(sql`select id from ${apprenticeships} where ${apprenticeships.id} = ${a.id} for update`);
    const [{ roles } = { roles: 0 }] = await tx.select({ roles: sql<number>`count(distinct ${gatewayConfirmations.role})::int` }).from(gatewayConfirmations).where(eq(gatewayConfirmations.apprenticeshipId, a.id));
    if (Number(roles) < CONFIRMING_ROLES) throw new Conflict('The pack is built once the apprentice, the trainer and the employer have all confirmed readiness for gateway.');
    const latest = await latestPack(tx, a.id);
    if (latest && latest.status === 'ready') throw new Conflict('The pack is already built.');
    if (latest && latest.status !== 'failed' && !isStale(latest)) throw new Conflict('The pack is being built: wait for it to finish.');
    const [pack] = await tx.insert(gatewayPacks).values({ apprenticeshipId: a.id, requestedBy: viewer.userId }).returning({ id: gatewayPacks.id });
    await writeAudit(tx, viewer, { action: 'gateway_pack.queued', entityType: 'gateway_pack', entityId: pack!.id, after: { apprenticeshipId: a.id, rebuild: true } });
    return pack!.id;
  });
  await sendGatewayPackJob(id);
  return { id };
}

/** The built pack's summary PDF or ZIP for the trainer or an admin; null while it is not built. */
export async function openGatewayPackFile(viewer: Viewer, apprenticeshipId: string, item: 'summary' | 'portfolio') {
  const scope = await authorize(viewer, 'gatewayPack.read', { type: 'apprenticeship', id: apprenticeshipId });
  const { db, a } = await packSubject(viewer, scope, 'gatewayPack.read', apprenticeshipId);
  const pack = await latestPack(db, a.id);
  if (!pack || pack.status !== 'ready') return null;
  return fileOf(pack, item);
}

async function fileOf(pack: typeof gatewayPacks.$inferSelect, item: 'summary' | 'portfolio') {
  const key = item === 'summary' ? pack.summaryStorageKey : pack.storageKey;
  if (!key) return null;
  const storage = getFileStorage('exports');
  const name = (pack.fileName ?? 'gateway-pack.zip').replace(/\.zip$/, '');
  return {
    body: await storage.get(key),
    fileName: item === 'summary' ? `${name}-summary.pdf` : `${name}.zip`,
    contentType: item === 'summary' ? 'application/pdf' : 'application/zip',
    sizeBytes: item === 'summary' ? await storage.size(key) : pack.sizeBytes,
  };
}

/**
 * A link for the end-point assessment organisation to the built pack. The token is answered this once
 * (only its SHA-256 is kept); the page shows the full address then, and never again.
 */
export async function createGatewayPackLink(viewer: Viewer, input: z.input<typeof GatewayLinkInput>, now: Date = new Date()) {
  const scope = await authorize(viewer, 'gatewayPack.share', { type: 'apprenticeship', id: input.apprenticeshipId });
  const data = parseInput(GatewayLinkInput, input);
  const { db, a } = await packSubject(viewer, scope, 'gatewayPack.share', data.apprenticeshipId);
  const token = newGatewayLinkToken();
  const expiresAt = gatewayLinkExpiry(now, data.days);
  const link = await db.transaction(async (tx) => {
    const pack = await latestPack(tx, a.id);
    if (!pack || pack.status !== 'ready') throw new Conflict('The pack is not built yet: a link can be made once it is.');
    const [row] = await tx
      .insert(gatewayPackLinks)
      .values({ packId: pack.id, tokenHash: hashGatewayLinkToken(token), recipient: data.recipient, expiresAt, createdBy: viewer.userId })
      .returning({ id: gatewayPackLinks.id });
    await writeAudit(tx, viewer, { action: 'gateway_pack.link_created', entityType: 'gateway_pack_link', entityId: row!.id, after: { packId: pack.id, recipient: data.recipient, expiresAt } });
    return row!;
  });
  return { id: link.id, path: gatewayLinkPath(token), recipient: data.recipient, expiresAt };
}

/** Withdraws a link: from now on it answers as an expired one. Revoking a revoked link is a Conflict. */
export async function revokeGatewayPackLink(viewer: Viewer, input: z.input<typeof GatewayLinkRevokeInput>) {
  const scope = await authorize(viewer, 'gatewayPack.share', { type: 'apprenticeship', id: input.apprenticeshipId });
  const data = parseInput(GatewayLinkRevokeInput, input);
  const { db, a } = await packSubject(viewer, scope, 'gatewayPack.share', data.apprenticeshipId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(gatewayPackLinks)
      .set({ revokedAt: sql`now()`, revokedBy: viewer.userId })
      .where(
        and(
          eq(gatewayPackLinks.id, data.linkId),
          isNull(gatewayPackLinks.revokedAt),
          inArray(gatewayPackLinks.packId, tx.select({ id: gatewayPacks.id }).from(gatewayPacks).where(eq(gatewayPacks.apprenticeshipId, a.id))),
        ),
      )
      .returning({ id: gatewayPackLinks.id, recipient: gatewayPackLinks.recipient });
    if (!row) throw new Conflict('That link is already withdrawn, or is not one of this pack’s.');
    await writeAudit(tx, viewer, { action: 'gateway_pack.link_revoked', entityType: 'gateway_pack_link', entityId: row.id, after: { recipient: row.recipient } });
    return { id: row.id };
  });
}

/**
 * What a link opens, for the public page and its downloads: here the token is the authorization. Looked up
 * by its hash; unknown, expired, revoked or a pack not built is null (the route answers the same 404 for
 * each). Every opening is logged (item, user agent), not in the audit log: there is no user.
 * Not exported from lib/dal/index.ts: like the calendar feed, it establishes who is asking.
 */
export async function openSharedGatewayPack(token: string, item: GatewayOpeningItem, userAgent: string | null, now: Date = new Date()) {
  if (!isGatewayLinkToken(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ link: gatewayPackLinks, pack: gatewayPacks, apprenticeName: apprentice.name, standardTitle: standards.title, standardReference: standards.reference, employerName: organisations.name })
    .from(gatewayPackLinks)
    .innerJoin(gatewayPacks, eq(gatewayPacks.id, gatewayPackLinks.packId))
    .innerJoin(apprenticeships, eq(apprenticeships.id, gatewayPacks.apprenticeshipId))
    .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
    .innerJoin(organisations, eq(organisations.id, apprenticeships.employerId))
    .innerJoin(standards, eq(standards.id, apprenticeships.standardId))
    .where(eq(gatewayPackLinks.tokenHash, hashGatewayLinkToken(token)));
  if (!row || gatewayLinkStatus(row.link, now) !== 'active' || row.pack.status !== 'ready') return null;
  const [provider] = await db
    .select({ name: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.id, row.link.createdBy), eq(organisations.kind, 'training_provider')));
  const file = item === 'page' ? null : await fileOf(row.pack, item);
  if (item !== 'page' && !file) return null;
  await db.insert(gatewayPackOpenings).values({ linkId: row.link.id, item, userAgent: userAgent?.slice(0, 500) || null });
  return {
    apprenticeName: row.apprenticeName,
    employerName: row.employerName,
    standard: `${row.standardTitle} (${row.standardReference})`,
    providerName: provider?.name ?? null,
    expiresAt: row.link.expiresAt,
    recipient: row.link.recipient,
    file,
  };
}

/** Records a pack as failed for good (once; a built one stays built). */
export async function failGatewayPack(packId: string, error: string): Promise<void> {
  const db = await getDb();
  const [failed] = await db
    .update(gatewayPacks)
    .set({ status: 'failed', error, finishedAt: sql`now()` })
    .where(and(eq(gatewayPacks.id, packId), ne(gatewayPacks.status, 'ready'), ne(gatewayPacks.status, 'failed')))
    .returning({ id: gatewayPacks.id });
  if (failed) await writeAudit(db, null, { action: 'gateway_pack.failed', entityType: 'gateway_pack', entityId: packId, after: { error } });
}

/**
 * The worker's half (queue `gateway-pack`). Idempotent like the portfolio export: a built pack is left as it
 * is; a run interrupted starts again; of two runs racing, the first to finish keeps its files. Gathered as
 * the trainer who asked (or confirmed), with their access as it is now.
 */
export async function runGatewayPack(packId: string, job?: JobContext): Promise<void> {
  const db = await getDb();
  const [row] = await db.select().from(gatewayPacks).where(eq(gatewayPacks.id, packId));
  if (!row || row.status === 'ready') return;
  const fail = (error: string) => failGatewayPack(packId, error);
  const viewer = row.requestedBy ? await viewerOfUser(row.requestedBy) : null;
  if (!viewer) return fail('The trainer it is built for can no longer sign in: rebuild it.');
  let picture: Awaited<ReturnType<typeof getProgressPicture>>;
  let data: Awaited<ReturnType<typeof getPortfolioExport>>;
  try {
    picture = await getProgressPicture(viewer, row.apprenticeshipId);
    data = await getPortfolioExport(viewer, row.apprenticeshipId);
  } catch (e) {
    if (e instanceof NotFound) return fail('The trainer it is built for no longer works with this apprentice: rebuild it.');
    throw e;
  }
  const stamp = data.generatedAt.toISOString().slice(0, 10);
  const fileName = `gateway-pack-${data.apprentice.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${stamp}.zip`;
  await db.update(gatewayPacks).set({ status: 'running', startedAt: sql`now()`, done: 0, total: 0, fileName }).where(eq(gatewayPacks.id, packId));

  const english = picture.gateway.lines.find((l) => l.key === 'english-maths')?.evidence ?? '';
  const summary = await gatewaySummaryPdf({
    apprenticeName: data.apprentice.name,
    employerName: picture.apprenticeship.employerName,
    standard: data.standard,
    startDate: picture.apprenticeship.startDate,
    plannedEndDate: picture.apprenticeship.plannedEndDate,
    generatedAt: data.generatedAt,
    englishMaths: english,
    otj: picture.otj,
    ksbs: data.ksbs.map((k) => ({
      ...k,
      evidence: data.evidence.filter((p) => standingMet(p).has(k.code)).map((p) => ({ title: p.title, date: p.activityDate })),
    })),
    mocks: picture.mocks,
    checklist: picture.gateway.lines,
  });

  const storage = getFileStorage('exports');
  const summaryKey = await storage.put(new Uint8Array(summary));
  let lastWrite = 0;
  const progress = (done: number, total: number) => {
    if (done !== 0 && done !== total && Date.now() - lastWrite < 200) return;
    lastWrite = Date.now();
    void db
      .update(gatewayPacks)
      .set({ done, total })
      .where(and(eq(gatewayPacks.id, packId), eq(gatewayPacks.status, 'running')))
      .catch(() => {}); // progress is a courtesy; the final row is written below
  };
  const pipe = new PassThrough();
  const stored = storage.put(Readable.toWeb(pipe) as ReadableStream<Uint8Array>);
  try {
    await writePortfolioZip(data, pipe, progress, [{ path: 'gateway-summary.pdf', content: summary }]);
  } catch (e) {
    pipe.destroy(e as Error);
    await stored.catch(() => {});
    await storage.delete(summaryKey);
    if (!job || job.retryCount >= job.retryLimit) await fail(e instanceof Error ? e.message : String(e));
    throw e;
  }
  const key = await stored;
  const sizeBytes = (await storage.size(key)) ?? 0;
  const total = data.evidence.length;
  const [finished] = await db
    .update(gatewayPacks)
    .set({ status: 'ready', storageKey: key, summaryStorageKey: summaryKey, sizeBytes, finishedAt: sql`now()`, done: sql`${gatewayPacks.total}` })
    .where(and(eq(gatewayPacks.id, packId), ne(gatewayPacks.status, 'ready')))
    .returning({ id: gatewayPacks.id });
  if (!finished) {
    await storage.delete(key);
    await storage.delete(summaryKey);
    return;
  }
  await writeAudit(db, null, { action: 'gateway_pack.built', entityType: 'gateway_pack', entityId: packId, after: { pieces: total, sizeBytes } });
}

