import { z } from 'zod';
import { SPECIALTIES } from './case';

/** The sections of a scenario's notes, in the order a record reads, with their headings. */
export const QUERY_NOTE_HEADINGS: Record<string, string> = {
  admission: 'Admission',
  history: 'History',
  investigations: 'Investigations',
  progress: 'Ward round and progress notes',
  operation: 'Operation or delivery note',
  discharge: 'Discharge summary',
};

/** The items of the standard every query scenario practises, and the one of which it must also name. */
export const QUERY_CORE_KSBS = ['S18', 'K12'] as const;
export const QUERY_COMMUNICATION_KSBS = ['S9', 'S11'] as const;

/**
 * A clinical query scenario (issue 19, point 2): synthetic case notes with a genuine gap or ambiguity, or
 * notes that, read carefully, settle the question (queryNeeded false: then a query would be needless or
 * leading). gap, changes and modelQuery are for the trainer and shown to the apprentice only after they submit.
 */
export const QueryScenarioFile = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case'),
    title: z.string().min(5),
    specialty: z.enum(Object.keys(SPECIALTIES) as [keyof typeof SPECIALTIES, ...(keyof typeof SPECIALTIES)[]]),
    ksbs: z
      .array(z.string())
      .min(3)
      .refine((k) => QUERY_CORE_KSBS.every((c) => k.includes(c)), { message: 'ksbs must include S18 and K12' })
      .refine((k) => QUERY_COMMUNICATION_KSBS.some((c) => k.includes(c)), { message: 'ksbs must include S9 or S11' }),
    notes: z
      .object({
        admission: z.string().min(10),
        history: z.string().min(10),
        investigations: z.string().optional(),
        operation: z.string().optional(),
        progress: z.string().optional(),
        discharge: z.string().min(10),
      })
      .strict(),
    queryNeeded: z.boolean(),
    gap: z.string().trim().min(20, 'say what is missing or ambiguous (or, with no query needed, what settles it)'),
    changes: z.string().trim().min(20, 'say which codes or characters the answer changes'),
    modelQuery: z.string().trim().min(20, 'write the model query (or, with no query needed, why none is sent)'),
  })
  .strict();
export type QueryScenarioFile = z.infer<typeof QueryScenarioFile>;
