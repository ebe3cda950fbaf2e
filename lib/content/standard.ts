import { z } from 'zod';

const COUNTS = { K: 29, S: 25, B: 5 } as const;

/** ST0535's 59 KSB codes in the standard's order: K1–K29, S1–S25, B1–B5. */
export const ST0535_KSB_CODES: readonly string[] = (Object.keys(COUNTS) as (keyof typeof COUNTS)[]).flatMap((kind) => Array.from({ length: COUNTS[kind] }, (_, n) => `${kind}${n + 1}`));

export const KsbItem = z
  .object({
    code: z.string().regex(/^[KSB][1-9]\d*$/, 'code must look like K1, S12 or B3'),
    kind: z.enum(['K', 'S', 'B']),
    text: z.string().trim().min(10, 'text is missing or too short'),
  })
  .refine((k) => k.code.startsWith(k.kind), { message: 'kind does not match the code letter', path: ['kind'] });

export const Standard = z
  .object({
    reference: z.string().regex(/^ST\d{4}$/, 'reference must look like ST0535'),
    version: z.string().min(1),
    title: z.string().min(3),
    level: z.number().int().min(2).max(7),
    occupation: z.string().optional(),
    source: z.string().min(10),
    ksbs: z.array(KsbItem).min(1),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    for (const [i, k] of s.ksbs.entries()) {
      if (seen.has(k.code)) ctx.addIssue({ code: 'custom', message: `${k.code} appears twice`, path: ['ksbs', i, 'code'] });
      seen.add(k.code);
    }
    if (s.reference === 'ST0535') {
      // The standard names exactly K1–K29, S1–S25 and B1–B5, in that order.
      const expected = ST0535_KSB_CODES;
      const actual = s.ksbs.map((k) => k.code);
      if (actual.join() !== expected.join())
        ctx.addIssue({ code: 'custom', message: `ksbs must be K1–K29, S1–S25, B1–B5 in order (found ${actual.length} items)`, path: ['ksbs'] });
    }
  });

export type Standard = z.infer<typeof Standard>;
export type KsbKind = 'K' | 'S' | 'B';
export const KSB_KIND_LABEL: Record<KsbKind, string> = { K: 'Knowledge', S: 'Skills', B: 'Behaviours' };

/** The standard's own order: knowledge, then skills, then behaviours, each by number (K2 before K10). */
export function ksbOrder(a: string, b: string): number {
  const rank = (c: string) => 'KSB'.indexOf(c[0]!) * 1000 + Number(c.slice(1));
  return rank(a) - rank(b);
}
