import { z } from 'zod';
import { DIFFICULTIES, SPECIALTIES } from './case';

/**
 * A mock assessment is a blueprint in content (content/assessments/*.json) or uploaded by an admin,
 * never rules in code: the ST0535 assessment plan and the NCCQ paper formats are unconfirmed
 * (DOMAIN.md §1–2), so a trainer must be able to change every number here.
 */
const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use kebab-case: lower-case words joined by hyphens');
const ksbCode = z.string().regex(/^[KSB]\d+$/, 'a KSB code such as K4, S12 or B2');
const Percent = z.number().min(0).max(100);

export const GRADES = ['fail', 'pass', 'distinction'] as const;
export type Grade = (typeof GRADES)[number];

/** Percentages at or above which a result passes or earns a distinction. */
export const Boundaries = z
  .object({ pass: Percent, distinction: Percent })
  .refine((b) => b.pass < b.distinction, { message: 'the distinction boundary must be above the pass boundary', path: ['distinction'] });
export type Boundaries = z.infer<typeof Boundaries>;

export const SECTION_KINDS = {
  coding: 'Coding case scenarios',
  theory: 'Theory questions',
  written: 'Written answers marked by a trainer',
} as const;
export type SectionKind = keyof typeof SECTION_KINDS;

/** Which items a section may draw. Every filter given must hold; an empty pool means "any". */
export const Pool = z
  .object({
    specialties: z.array(z.enum(Object.keys(SPECIALTIES) as [keyof typeof SPECIALTIES])).min(1).optional(),
    difficulties: z.array(z.enum(DIFFICULTIES)).min(1).optional(),
    ksbs: z.array(ksbCode).min(1).optional(), // an item qualifies when it is tagged with any of these
    topics: z.array(z.string().min(1)).min(1).optional(), // question or written-item topics
    ids: z.array(z.string().min(1)).min(1).optional(), // a fixed list of items
  })
  .strict();
export type Pool = z.infer<typeof Pool>;

export const Section = z
  .object({
    id: kebab,
    title: z.string().trim().min(3),
    kind: z.enum(Object.keys(SECTION_KINDS) as [SectionKind]),
    instructions: z.string().trim().min(10),
    draw: z.number().int().min(1).max(200),
    pool: Pool,
    minutes: z.number().int().min(1).max(600), // the section's share of the paper's time; the paper's limit is their sum
    weight: z.number().positive().max(100), // relative weight in the overall percentage (bounded: a weight of 1e308 makes every percentage NaN)
    boundaries: Boundaries,
  })
  .strict();
export type Section = z.infer<typeof Section>;

export const BLUEPRINT_KINDS = {
  nccq_practical: 'Mock NCCQ practical paper',
  nccq_theory: 'Mock NCCQ theory paper',
  epa_practice: 'Mock end-point assessment (practice blueprint)',
  other: 'Practice paper',
} as const;
export type BlueprintKind = keyof typeof BLUEPRINT_KINDS;

export const Blueprint = z
  .object({
    id: kebab,
    title: z.string().trim().min(5),
    kind: z.enum(Object.keys(BLUEPRINT_KINDS) as [BlueprintKind]),
    // What an apprentice reads before and while sitting the paper: plain words, no notes about sources.
    description: z.string().trim().min(20),
    // Where the paper's numbers came from and what a trainer should check: shown to trainers and admins only.
    trainerNotes: z.string().trim().min(20).optional(),
    // true: an apprentice may start it alone at any time; false: only when a trainer schedules it.
    practice: z.boolean(),
    // The KSBs the paper sets out to assess; content:check proves each is reachable from a section's pool.
    ksbs: z.array(ksbCode).min(1),
    sections: z.array(Section).min(1).max(10),
    boundaries: Boundaries,
  })
  .strict()
  .refine((b) => new Set(b.sections.map((s) => s.id)).size === b.sections.length, { message: 'section ids must differ', path: ['sections'] });
export type Blueprint = z.infer<typeof Blueprint>;

/** The paper's time limit in minutes, before any extra time: the sum of its sections. */
export const paperMinutes = (b: Pick<Blueprint, 'sections'>) => b.sections.reduce((t, s) => t + s.minutes, 0);
/** How many questions a paper drawn from the blueprint has. */
export const paperItems = (b: Pick<Blueprint, 'sections'>) => b.sections.reduce((t, s) => t + s.draw, 0);

/** A criterion of a written answer's rubric: what the marker looks for and the marks it carries. */
export const RubricCriterion = z.object({ criterion: z.string().trim().min(10), marks: z.number().int().min(1).max(20) }).strict();

/** A question answered in writing and marked by a trainer against its rubric. */
export const WrittenItem = z
  .object({
    id: kebab,
    prompt: z.string().trim().min(20),
    ksbs: z.array(ksbCode).min(1),
    rubric: z.array(RubricCriterion).min(1).max(10),
    guidance: z.string().trim().min(20), // points a good answer makes, shown to the marker only
    // Every classification code the item's text relies on, by scheme: content:check checks each against the
    // active editions and refuses a code written in the text but not listed here.
    codes: z.object({ icd10: z.array(z.string().min(3)).optional(), opcs4: z.array(z.string().min(3)).optional() }).strict().optional(),
  })
  .strict();
export type WrittenItem = z.infer<typeof WrittenItem>;
export const writtenItemMarks = (w: Pick<WrittenItem, 'rubric'>) => w.rubric.reduce((t, c) => t + c.marks, 0);

export const WrittenItemFile = z.object({ topic: z.string().trim().min(3), items: z.array(WrittenItem).min(1) }).strict();
export type WrittenItemFile = z.infer<typeof WrittenItemFile>;
