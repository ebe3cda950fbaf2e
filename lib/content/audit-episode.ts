import { z } from 'zod';
import { AUDIT_ERROR_TYPE_IDS } from '@/lib/audit-practice/error-types';
import { Patient } from './case';

const Explanation = z.string().trim().min(20, 'explain the error in a sentence a trainer would accept');

const KeyCode = z.discriminatedUnion('verdict', [
  z.object({ code: z.string().min(3), verdict: z.literal('correct') }).strict(),
  z
    .object({
      code: z.string().min(3),
      verdict: z.literal('error'),
      errorType: z.enum(AUDIT_ERROR_TYPE_IDS),
      correction: z.string().min(3).nullable(),
      explanation: Explanation,
    })
    .strict(),
]);

const Codes = z.object({ diagnoses: z.array(z.string().min(3)), procedures: z.array(z.string().min(3)) }).strict();

/**
 * An audit episode written by hand (content/audit/*.json): a coder's codes with realistic errors, the right
 * coding, and the audit key (each coder's code right, or wrong with its type, correction and explanation; the
 * codes left out). Notes of its own, or a case's notes through caseId. content:check proves the key with the marker.
 */
export const AuditEpisodeFile = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case'),
    title: z.string().min(5),
    caseId: z.string().optional(),
    notes: z
      .object({ admission: z.string().min(10), history: z.string().min(10), investigations: z.string().optional(), operation: z.string().optional(), discharge: z.string().min(10) })
      .strict()
      .optional(),
    patient: Patient.optional(),
    ksbs: z.array(z.string()).min(1),
    expected: Codes,
    coded: Codes,
    key: z
      .object({
        diagnoses: z.array(KeyCode),
        procedures: z.array(KeyCode),
        omitted: z.array(z.object({ field: z.enum(['diagnoses', 'procedures']), code: z.string().min(3), explanation: Explanation }).strict()),
      })
      .strict(),
  })
  .strict()
  .refine((d) => !!d.caseId !== !!(d.notes && d.patient), { message: 'give either caseId (the case’s notes) or notes and patient of its own', path: ['caseId'] });
export type AuditEpisodeFile = z.infer<typeof AuditEpisodeFile>;
