import { z } from 'zod';
import type { KsbRatings, KsbStartRating } from '@/db/schema/funding';
import { ST0535_KSB_CODES } from '@/lib/content/standard';
import { INT_MAX, rowVersion, wholeNumber } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';
import { plannedDurationMonths, plannedEndDate, plannedOtjHours, type PlannedHours } from '@/lib/funding/rules';
import type { FundingSettings } from '@/lib/funding/settings';

/*
 * The initial assessment (issue 20, point 1): the apprentice rates themselves against each of the 59 KSBs and
 * records prior learning and experience; the trainer confirms or adjusts each rating and records recognised prior
 * learning (RPL). Plain functions and the forms' schemas, shared by the browser and the data access layer.
 */

/** The ratings, as the ksb_start_rating enum in db/schema/funding.ts has them. */
export const RATINGS = ['none', 'some', 'confident'] as const satisfies readonly KsbStartRating[];
export const RATING_LABEL: Record<KsbStartRating, string> = { none: 'None yet', some: 'Some', confident: 'Confident' };
/** What each rating means, shown once above the list (not 59 times). */
export const RATING_HINT: Record<KsbStartRating, string> = {
  none: 'I have not done or learned this yet.',
  some: 'I have done or learned some of this, or with help.',
  confident: 'I do or know this well, without help.',
};

const rating = z.enum(RATINGS, 'Choose none yet, some or confident.');
/** One KSB's answer as a form holds it: a rating, or '' while not chosen. */
const ratingOrBlank = z.union([rating, z.literal('')], 'Choose none yet, some or confident.');
const ratingsShape = Object.fromEntries(ST0535_KSB_CODES.map((c) => [c, ratingOrBlank.optional()])) as Record<string, z.ZodOptional<typeof ratingOrBlank>>;
const ratingsField = z.strictObject(ratingsShape, 'Rate only the items of the standard: reload the page.');
const missingRatings = (r: Record<string, string | undefined>) => ST0535_KSB_CODES.filter((c) => !r[c]);

/** A form's version: 0 while no draft has been saved yet. */
const draftVersion = () =>
  wholeNumber({ label: 'version', min: 0, max: INT_MAX, rangeMessage: 'This form is out of date or was changed by hand: reload the page and try again.', requiredMessage: 'This form is out of date: reload the page and try again.' });

/** The apprentice's self-assessment, saved as a draft or submitted (then every KSB must be rated). */
export const SelfAssessmentInput = z
  .object({
    apprenticeshipId: z.uuid('This form is out of date: reload the page and try again.'),
    rowVersion: draftVersion(),
    intent: z.enum(['draft', 'submit'], 'Choose whether to save a draft or submit.'),
    ratings: ratingsField,
    priorLearning: safeText({ label: 'prior learning', max: 4000 }),
    experience: safeText({ label: 'experience', max: 4000 }),
  })
  .superRefine((v, ctx) => {
    if (v.intent !== 'submit') return;
    for (const code of missingRatings(v.ratings)) ctx.addIssue({ code: 'custom', path: ['ratings', code], message: `Rate ${code} before you submit.` });
  });
export type SelfAssessmentValues = z.input<typeof SelfAssessmentInput>;

const ksbCode = z.enum(ST0535_KSB_CODES as [string, ...string[]], 'Choose items of the standard only.');

/**
 * The trainer's confirmation: a rating for every KSB (the apprentice's, confirmed or adjusted), notes, and
 * recognised prior learning: the KSBs it covers, why, and the off-the-job hours and months it removes. RPL that
 * removes anything needs the KSBs and a reason, so the funding audit can see what it rests on.
 */
export const ConfirmAssessmentInput = z
  .object({
    apprenticeshipId: z.uuid('This form is out of date: reload the page and try again.'),
    rowVersion: rowVersion(),
    ratings: ratingsField,
    trainerNotes: safeText({ label: 'notes', max: 4000 }),
    rplKsbs: z.array(ksbCode).max(ST0535_KSB_CODES.length),
    rplReason: safeText({ label: 'reason for the recognised prior learning', max: 2000 }),
    rplHours: wholeNumber({ label: 'off-the-job hours it removes', min: 0, max: 5000 }),
    rplMonths: wholeNumber({ label: 'months it removes', min: 0, max: 72 }),
  })
  .superRefine((v, ctx) => {
    for (const code of missingRatings(v.ratings)) ctx.addIssue({ code: 'custom', path: ['ratings', code], message: `Confirm or adjust the rating of ${code}.` });
    const removes = Number(v.rplHours) > 0 || Number(v.rplMonths) > 0;
    if ((removes || v.rplKsbs.length > 0) && !v.rplReason) ctx.addIssue({ code: 'custom', path: ['rplReason'], message: 'Say what the prior learning is and how you checked it.' });
    if (removes && v.rplKsbs.length === 0) ctx.addIssue({ code: 'custom', path: ['rplKsbs'], message: 'Tick the items the prior learning covers.' });
  });
export type ConfirmAssessmentValues = z.input<typeof ConfirmAssessmentInput>;

/** Only the rated KSBs, in the standard's order (a form's blanks dropped). */
export function cleanRatings(r: Record<string, string | undefined>): KsbRatings {
  const out: KsbRatings = {};
  for (const c of ST0535_KSB_CODES) {
    const v = r[c];
    if (v === 'none' || v === 'some' || v === 'confident') out[c] = v;
  }
  return out;
}

export type RatingSummary = Record<'K' | 'S' | 'B', Record<KsbStartRating | 'unrated', number>>;

/** How many KSBs of each kind carry each rating (and how many are not rated yet). */
export function summariseRatings(r: KsbRatings): RatingSummary {
  const blank = () => ({ none: 0, some: 0, confident: 0, unrated: 0 });
  const out: RatingSummary = { K: blank(), S: blank(), B: blank() };
  for (const c of ST0535_KSB_CODES) out[c[0] as 'K' | 'S' | 'B'][r[c] ?? 'unrated'] += 1;
  return out;
}

/** The KSBs whose confirmed rating differs from the apprentice's own, in the standard's order. */
export function adjustedKsbs(self: KsbRatings, confirmed: KsbRatings): string[] {
  return ST0535_KSB_CODES.filter((c) => confirmed[c] && self[c] !== confirmed[c]);
}

/** Where a KSB starts on the map: recognised prior learning, or the confirmed rating. */
export type KsbStart = { rating: KsbStartRating | null; rpl: boolean };
export function startLabel(s: KsbStart): string {
  if (s.rpl) return 'recognised prior learning';
  return s.rating ? RATING_LABEL[s.rating].toLowerCase() : 'not rated';
}

export type RplPreview = {
  otj: PlannedHours;
  duration: { months: number; minimum: number; atMinimum: boolean };
  /** The standard's typical duration, before RPL. */
  typicalMonths: number;
  plannedEnd: string;
};

/**
 * What recognised prior learning does to the figures the training plan starts from: planned off-the-job hours
 * by the rule in force at the start (the standard's minimum less RPL, never below the floor; or the earlier
 * rules) and the planned duration (the typical duration less RPL months, never below the minimum).
 */
export function rplPreview(a: { startDate: string; plannedEndDate: string; weeklyHours: number }, rpl: { hours: number; months: number }, s: FundingSettings): RplPreview {
  const duration = plannedDurationMonths(a.startDate, a.weeklyHours, rpl.months, s);
  return {
    otj: plannedOtjHours({ startDate: a.startDate, plannedEndDate: a.plannedEndDate, weeklyHours: a.weeklyHours, rplHours: rpl.hours }, s),
    duration,
    typicalMonths: s.standardDurationMonths,
    plannedEnd: plannedEndDate(a.startDate, duration.months),
  };
}
