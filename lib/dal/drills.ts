import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { apprenticeships, cases, drillCards, questions } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { CONVENTIONS } from '@/lib/content/case';
import { review } from '@/lib/drills/schedule';
import { isoOfUtcDay, utcDay as isoDay, ukToday } from '@/lib/otj/plan';
import { apprenticeshipsIn, authorize, recordDenied } from './access';
import type { Viewer } from './viewer';

/*
 * Weak-spot drills (issue 19 point 4). A case or question the apprentice gets wrong becomes a drill card,
 * scheduled by ts-fsrs (lib/drills/schedule.ts): due a day after a miss, then longer each time it is got
 * right. Cards are written by the submit of a coding attempt or a theory answer, in its transaction.
 */

export type DrillItemKind = 'case' | 'question';

/** The reason of a card in words: a convention's label, or a KSB's code (its text is added by the query). */
export const reasonLabel = (reason: string) => (reason in CONVENTIONS ? CONVENTIONS[reason as keyof typeof CONVENTIONS] : reason);

/**
 * Reviews the item's card after the apprentice did it again: a miss (missReason set) creates or reviews the
 * card as Again with that reason; a success reviews an existing card as Good and creates none. One read by
 * primary key (locked) and one write; called inside the transaction that saves the attempt or answer.
 */
export async function feedDrill(tx: DbOrTx, p: { apprenticeId: string; itemKind: DrillItemKind; itemId: string; missReason: string | null; now?: Date }) {
  const now = p.now ?? new Date();
  const key = and(eq(drillCards.apprenticeId, p.apprenticeId), eq(drillCards.itemKind, p.itemKind), eq(drillCards.itemId, p.itemId));
  const [card] = await tx.select().from(drillCards).where(key).for('update');
  if (!card && !p.missReason) return null;
  const next = review(card ?? null, !p.missReason, now);
  if (card) {
    await tx
      .update(drillCards)
      .set({ ...next, reason: p.missReason ?? card.reason, rowVersion: card.rowVersion + 1 })
      .where(and(key, eq(drillCards.rowVersion, card.rowVersion)));
  } else {
    await tx
      .insert(drillCards)
      .values({ apprenticeId: p.apprenticeId, itemKind: p.itemKind, itemId: p.itemId, reason: p.missReason!, ...next })
      .onConflictDoNothing();
  }
  return next;
}

const ukDateOf = (col: unknown) => sql<string>`to_char((${col} at time zone 'Europe/London')::date, 'YYYY-MM-DD')`;
const ksbText = sql<string | null>`(select k.text from ksbs k where k.code = ${drillCards.reason} order by k.sort_order limit 1)`;

/**
 * The apprentice's drills: the cards due today (by the UK calendar) with the item's title, why it is there and
 * when it was last missed, ordered by due then item; and how many come due on each of the next seven days.
 */
export async function getDrillsDue(viewer: Viewer, now: Date = new Date()) {
  await authorize(viewer, 'drills.practise');
  const db = await getDb();
  const today = ukToday(now);
  const weekEnd = isoOfUtcDay(isoDay(today) + 7);
  const lastMissed = sql<string | null>`case ${drillCards.itemKind}
    when 'question' then (select max(qa.created_at) from question_answers qa where qa.apprentice_id = ${drillCards.apprenticeId} and qa.question_id = ${drillCards.itemId} and not qa.correct)
    else (select max(a.created_at) from coding_attempts a where a.apprentice_id = ${drillCards.apprenticeId} and a.case_id = ${drillCards.itemId}
      and coalesce(a.pd_correct,0)+coalesce(a.sd_correct,0)+coalesce(a.pp_correct,0)+coalesce(a.sp_correct,0) < coalesce(a.pd_of,0)+coalesce(a.sd_of,0)+coalesce(a.pp_of,0)+coalesce(a.sp_of,0)) end`;
  const [due, upcoming] = await Promise.all([
    db
      .select({
        itemKind: drillCards.itemKind,
        itemId: drillCards.itemId,
        reason: drillCards.reason,
        ksbText,
        due: drillCards.due,
        lapses: drillCards.lapses,
        reps: drillCards.reps,
        caseTitle: cases.title,
        questionTopic: questions.topic,
        questionStem: questions.stem,
        lastMissed,
      })
      .from(drillCards)
      .leftJoin(cases, and(eq(drillCards.itemKind, 'case'), eq(cases.id, drillCards.itemId)))
      .leftJoin(questions, and(eq(drillCards.itemKind, 'question'), eq(questions.id, drillCards.itemId)))
      .where(and(eq(drillCards.apprenticeId, viewer.userId), sql`${ukDateOf(drillCards.due)} <= ${today}`))
      .orderBy(asc(drillCards.due), asc(drillCards.itemKind), asc(drillCards.itemId)),
    db
      .select({ date: ukDateOf(drillCards.due), count: sql<number>`count(*)`.mapWith(Number) })
      .from(drillCards)
      .where(and(eq(drillCards.apprenticeId, viewer.userId), sql`${ukDateOf(drillCards.due)} > ${today}`, sql`${ukDateOf(drillCards.due)} <= ${weekEnd}`))
      .groupBy(ukDateOf(drillCards.due)),
  ]);
  const byDate = new Map(upcoming.map((u) => [u.date, u.count]));
  const week = Array.from({ length: 7 }, (_, i) => {
    const date = isoOfUtcDay(isoDay(today) + i + 1);
    return { date, count: byDate.get(date) ?? 0 };
  });
  return {
    today,
    due: due.map((d) => ({
      itemKind: d.itemKind as DrillItemKind,
      itemId: d.itemId,
      title: d.itemKind === 'case' ? (d.caseTitle ?? d.itemId) : (d.questionTopic ?? d.itemId),
      detail: d.itemKind === 'question' ? d.questionStem : null,
      reason: d.reason,
      reasonLabel: d.ksbText ? `${d.reason}: ${d.ksbText}` : reasonLabel(d.reason),
      due: d.due,
      lapses: d.lapses,
      lastMissed: d.lastMissed ? new Date(d.lastMissed) : null,
      href: d.itemKind === 'case' ? `/apprentice/cases/${encodeURIComponent(d.itemId)}` : `/apprentice/questions/practice?id=${encodeURIComponent(d.itemId)}`,
    })),
    week,
    laterThisWeek: week.reduce((s, d) => s + d.count, 0),
  };
}

/**
 * For whoever may see an apprentice's progress (their trainer above all): the reasons their drill cards
 * were made, weakest first (most cards, then most lapses), with how many are due now and this week.
 */
export async function getWeakestConventions(viewer: Viewer, apprenticeshipId: string, now: Date = new Date()) {
  const scope = await authorize(viewer, 'progress.read', { type: 'apprenticeship', id: apprenticeshipId });
  const db = await getDb();
  const [a] = z.uuid().safeParse(apprenticeshipId).success
    ? await db
        .select({ apprenticeId: apprenticeships.apprenticeId })
        .from(apprenticeships)
        .where(and(eq(apprenticeships.id, apprenticeshipId), apprenticeshipsIn(viewer, scope)))
    : [];
  if (!a) {
    await recordDenied(viewer, 'progress.read', 'apprenticeship', apprenticeshipId);
    throw new NotFound('apprenticeship');
  }
  const today = ukToday(now);
  const weekEnd = isoOfUtcDay(isoDay(today) + 7);
  const dueToday = sql`${ukDateOf(drillCards.due)} <= ${today}`;
  const rows = await db
    .select({
      reason: drillCards.reason,
      ksbText,
      cards: sql<number>`count(*)`.mapWith(Number),
      lapses: sql<number>`sum(${drillCards.lapses})`.mapWith(Number),
      dueNow: sql<number>`count(*) filter (where ${dueToday})`.mapWith(Number),
      dueThisWeek: sql<number>`count(*) filter (where ${ukDateOf(drillCards.due)} <= ${weekEnd})`.mapWith(Number),
    })
    .from(drillCards)
    .where(eq(drillCards.apprenticeId, a.apprenticeId))
    .groupBy(drillCards.reason)
    .orderBy(desc(sql`count(*)`), desc(sql`sum(${drillCards.lapses})`), asc(drillCards.reason));
  return {
    weakest: rows.map((r) => ({ reason: r.reason, label: r.ksbText ? `${r.reason}: ${r.ksbText}` : reasonLabel(r.reason), cards: r.cards, lapses: r.lapses, dueNow: r.dueNow, dueThisWeek: r.dueThisWeek })),
    dueNow: rows.reduce((s, r) => s + r.dueNow, 0),
    dueThisWeek: rows.reduce((s, r) => s + r.dueThisWeek, 0),
  };
}
