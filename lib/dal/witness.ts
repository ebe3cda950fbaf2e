import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { apprenticeships, evidence, evidenceKsbs, ksbs, users, witnessStatements } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { WitnessRequestInput, WitnessSignInput } from '@/lib/evidence/witness-schemas';
import { findNhsNumbers } from '@/lib/privacy/nhs-number';
import { formatDate } from '@/lib/format';
import { titles } from '@/lib/notifications/titles';
import { apprenticeIn, apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import { mayReadContent } from './evidence';
import { queueNotificationEmails } from './notification-mail';
import { notify } from './notify';
import { trainersOf } from './notify-recipients';
import type { Scope } from './policy';
import type { Viewer } from './viewer';

const apprentice = alias(users, 'apprentice');
export const witness = alias(users, 'witness');

/** What a statement shows wherever it is read (evidence page, marking page, portfolio export). */
export const statementColumns = {
  id: witnessStatements.id,
  status: witnessStatements.status,
  witnessId: witnessStatements.witnessId,
  witnessName: witness.name,
  requestMessage: witnessStatements.requestMessage,
  requestedAt: witnessStatements.requestedAt,
  statement: witnessStatements.statement,
  signedName: witnessStatements.signedName,
  signedJobTitle: witnessStatements.signedJobTitle,
  signedOn: witnessStatements.signedOn,
  signedAt: witnessStatements.signedAt,
};

/** Refuses text that holds something shaped like an NHS number, naming what was found and where. */
function refusePatientIdentifiers<K extends string>(data: Record<K, string>, labels: Record<K, string>) {
  for (const field of Object.keys(labels) as K[]) {
    const [found] = findNhsNumbers(data[field]);
    if (found)
      throw new FieldError(
        field,
        `The ${labels[field]} contains “${found.text}”, which looks like an NHS number. Evidence must never hold patient data: remove it (or describe the patient without identifiers) and try again.`,
      );
  }
}

/** The employer contacts the apprentice may ask: active employer users of their own employer. */
export async function listWitnessContacts(viewer: Viewer) {
  const scope = await authorize(viewer, 'witness.request');
  const db = await getDb();
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.role, 'employer'),
        eq(users.active, true),
        inArray(users.organisationId, db.select({ id: apprenticeships.employerId }).from(apprenticeships).where(apprenticeshipsIn(viewer, scope))),
      ),
    )
    .orderBy(asc(users.name));
}

/** The apprentice asks one of their employer's contacts for a witness statement on a piece of their own evidence. */
export async function requestWitnessStatement(viewer: Viewer, input: z.input<typeof WitnessRequestInput>) {
  await authorize(viewer, 'witness.request', { type: 'evidence', id: input.evidenceId });
  const data = parseInput(WitnessRequestInput, input);
  const db = await getDb();
  // Checked before the transaction: the refusal goes to the audit log, which a rollback would lose.
  const [piece] = await db.select({ apprenticeId: evidence.apprenticeId }).from(evidence).where(eq(evidence.id, data.evidenceId));
  if (!piece || piece.apprenticeId !== viewer.userId) {
    await recordDenied(viewer, 'witness.request', 'evidence', data.evidenceId);
    throw new NotFound('evidence');
  }
  refusePatientIdentifiers({ message: data.message }, { message: 'message' });
  // A guessed id from another organisation gets the same answer as one that does not exist.
  const contacts = await listWitnessContacts(viewer);
  const contact = contacts.find((c) => c.id === data.witnessId);
  if (!contact) throw new FieldError('witnessId', 'Choose one of the contacts at your employer listed here.');
  const saved = await db.transaction(async (tx) => {
    // Two requests for the same piece at once queue behind each other, so the duplicate check below holds.
    await tx.select({ id: evidence.id }).from(evidence).where(eq(evidence.id, data.evidenceId)).for('no key update');
    const [pending] = await tx
      .select({ id: witnessStatements.id })
      .from(witnessStatements)
      .where(and(eq(witnessStatements.evidenceId, data.evidenceId), eq(witnessStatements.witnessId, data.witnessId), eq(witnessStatements.status, 'requested')))
      .limit(1);
    if (pending) throw new FieldError('witnessId', `You have already asked ${contact.name} about this evidence and they have not signed yet.`);
    const [row] = await tx
      .insert(witnessStatements)
      .values({ evidenceId: data.evidenceId, witnessId: data.witnessId, requestMessage: data.message })
      .returning({ id: witnessStatements.id });
    await writeAudit(tx, viewer, {
      action: 'witness.request',
      entityType: 'witness_statement',
      entityId: row!.id,
      after: { evidenceId: data.evidenceId, witnessId: data.witnessId, message: data.message },
    });
    const told = await notify(tx, { recipients: [data.witnessId], kind: 'witness_requested', title: titles.witnessRequested(viewer.name), link: `/employer/witness/${row!.id}`, actorId: viewer.userId });
    return { row: row!, told };
  });
  await queueNotificationEmails(saved.told);
  return saved.row;
}

/** The requests addressed to this employer contact: waiting ones first (oldest first), then signed ones. */
export async function listWitnessRequests(viewer: Viewer) {
  const scope = await authorize(viewer, 'witness.sign');
  const db = await getDb();
  return db
    .select({
      id: witnessStatements.id,
      status: witnessStatements.status,
      requestedAt: witnessStatements.requestedAt,
      signedAt: witnessStatements.signedAt,
      evidenceId: evidence.id,
      evidenceTitle: evidence.title,
      evidenceType: evidence.type,
      apprenticeName: apprentice.name,
    })
    .from(witnessStatements)
    .innerJoin(evidence, eq(evidence.id, witnessStatements.evidenceId))
    .innerJoin(apprentice, eq(apprentice.id, evidence.apprenticeId))
    .where(and(eq(witnessStatements.witnessId, viewer.userId), apprenticeIn(viewer, scope, evidence.apprenticeId)))
    .orderBy(
      sql`${witnessStatements.status} = 'signed'`,
      sql`case when ${witnessStatements.status} = 'requested' then ${witnessStatements.requestedAt} end asc`,
      desc(witnessStatements.signedAt),
    )
    .limit(500);
}

/** A request addressed to this viewer, in scope; anything else is recorded and answers 404. */
async function requireAddressed(viewer: Viewer, scope: Scope, id: string) {
  const db = await getDb();
  const [row] = z.uuid().safeParse(id).success
    ? await db
        .select({ ws: witnessStatements, apprenticeName: apprentice.name })
        .from(witnessStatements)
        .innerJoin(evidence, eq(evidence.id, witnessStatements.evidenceId))
        .innerJoin(apprentice, eq(apprentice.id, evidence.apprenticeId))
        .where(and(eq(witnessStatements.id, id), eq(witnessStatements.witnessId, viewer.userId), apprenticeIn(viewer, scope, evidence.apprenticeId)))
    : [];
  if (!row) {
    await recordDenied(viewer, 'witness.sign', 'witness_statement', id);
    throw new NotFound('witness statement');
  }
  return row;
}

/** One request addressed to this employer contact, with the evidence it is about. */
export async function getWitnessRequest(viewer: Viewer, id: string) {
  const scope = await authorize(viewer, 'witness.sign', { type: 'witness_statement', id });
  const { ws, apprenticeName } = await requireAddressed(viewer, scope, id);
  const db = await getDb();
  const [[piece], claimed, contentVisible] = await Promise.all([
    db.select().from(evidence).where(eq(evidence.id, ws.evidenceId)),
    db
      .selectDistinctOn([evidenceKsbs.ksbCode], { code: evidenceKsbs.ksbCode, text: ksbs.text, sortOrder: ksbs.sortOrder })
      .from(evidenceKsbs)
      .innerJoin(ksbs, eq(ksbs.code, evidenceKsbs.ksbCode))
      .where(eq(evidenceKsbs.evidenceId, ws.evidenceId))
      .orderBy(evidenceKsbs.ksbCode),
    mayReadContent(viewer, ws.evidenceId),
  ]);
  return {
    id: ws.id,
    status: ws.status,
    rowVersion: ws.rowVersion,
    requestMessage: ws.requestMessage,
    requestedAt: ws.requestedAt,
    statement: ws.statement,
    signedName: ws.signedName,
    signedJobTitle: ws.signedJobTitle,
    signedOn: ws.signedOn,
    signedAt: ws.signedAt,
    apprenticeName,
    evidence: {
      id: piece!.id,
      title: piece!.title,
      type: piece!.type,
      activityDate: piece!.activityDate,
      status: piece!.status,
      account: contentVisible ? piece!.account : null,
      ksbs: claimed.sort((a, b) => a.sortOrder - b.sortOrder).map(({ code, text }) => ({ code, text })),
    },
  };
}

/**
 * The employer contact writes and signs the statement. Final once signed: the UPDATE only matches a
 * row still waiting and unchanged since it was read (and a trigger refuses any change to a signed row).
 */
export async function signWitnessStatement(viewer: Viewer, input: z.input<typeof WitnessSignInput>) {
  const scope = await authorize(viewer, 'witness.sign', { type: 'witness_statement', id: input.id });
  const data = parseInput(WitnessSignInput, input);
  const { ws, apprenticeName } = await requireAddressed(viewer, scope, data.id);
  refusePatientIdentifiers(
    { statement: data.statement, signedName: data.signedName, signedJobTitle: data.signedJobTitle },
    { statement: 'statement', signedName: 'name', signedJobTitle: 'job title' },
  );
  const db = await getDb();
  const saved = await db.transaction(async (tx) => {
    const { id, rowVersion, ...signed } = data;
    const [after] = await tx
      .update(witnessStatements)
      .set({ ...signed, status: 'signed', signedAt: sql`now()`, rowVersion: sql`${witnessStatements.rowVersion} + 1` })
      .where(and(eq(witnessStatements.id, id), eq(witnessStatements.witnessId, viewer.userId), eq(witnessStatements.rowVersion, rowVersion), eq(witnessStatements.status, 'requested')))
      .returning({ id: witnessStatements.id, rowVersion: witnessStatements.rowVersion, status: witnessStatements.status });
    if (!after) {
      const [current] = await tx
        .select({ status: witnessStatements.status, signedName: witnessStatements.signedName, signedOn: witnessStatements.signedOn })
        .from(witnessStatements)
        .where(eq(witnessStatements.id, id));
      if (current?.status === 'signed')
        throw new Conflict(
          `This statement was already signed by ${current.signedName} on ${formatDate(current.signedOn!)}, and a signed statement cannot be changed. Your text was not saved: reload the page to see the signed statement.`,
        );
      throw new Conflict('This request changed after you opened it. Your text is still here: copy anything you need, then reload the page.');
    }
    await writeAudit(tx, viewer, { action: 'witness.sign', entityType: 'witness_statement', entityId: id, after: { evidenceId: ws.evidenceId, ...signed } });
    // The apprentice who asked, and their assigned trainers (who mark the piece), each to their own page of it.
    const [piece] = await tx.select({ apprenticeId: evidence.apprenticeId }).from(evidence).where(eq(evidence.id, ws.evidenceId));
    const told = [
      ...(await notify(tx, { recipients: [piece!.apprenticeId], kind: 'witness_signed', title: titles.witnessSignedForApprentice(viewer.name), link: `/apprentice/evidence/${ws.evidenceId}`, actorId: viewer.userId })),
      ...(await notify(tx, { recipients: await trainersOf(tx, piece!.apprenticeId), kind: 'witness_signed', title: titles.witnessSignedForTrainer(viewer.name, apprenticeName), link: `/evidence/${ws.evidenceId}`, actorId: viewer.userId })),
    ];
    return { after, told };
  });
  await queueNotificationEmails(saved.told);
  return saved.after;
}

/**
 * The witness statements on a piece of evidence, for anyone who may read it. An employer contact
 * sees only the requests addressed to them.
 */
export async function listWitnessStatements(viewer: Viewer, evidenceId: string) {
  const scope = await authorize(viewer, 'evidence.read', { type: 'evidence', id: evidenceId });
  const db = await getDb();
  const [visible] = z.uuid().safeParse(evidenceId).success
    ? await db
        .select({ id: evidence.id })
        .from(evidence)
        .where(and(eq(evidence.id, evidenceId), apprenticeIn(viewer, scope, evidence.apprenticeId)))
    : [];
  if (!visible) {
    await recordDenied(viewer, 'evidence.read', 'evidence', evidenceId);
    throw new NotFound('evidence');
  }
  return db
    .select(statementColumns)
    .from(witnessStatements)
    .innerJoin(witness, eq(witness.id, witnessStatements.witnessId))
    .where(and(eq(witnessStatements.evidenceId, evidenceId), viewer.role === 'employer' ? eq(witnessStatements.witnessId, viewer.userId) : sql`true`))
    .orderBy(asc(witnessStatements.requestedAt));
}

export type WitnessStatementRow = Awaited<ReturnType<typeof listWitnessStatements>>[number];
