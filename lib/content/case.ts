import { z } from 'zod';

export const SPECIALTIES = {
  general_surgery: 'General surgery',
  orthopaedics_trauma: 'Orthopaedics and trauma',
  cardiology: 'Cardiology',
  respiratory: 'Respiratory medicine',
  gastroenterology_endoscopy: 'Gastroenterology and endoscopy',
  obstetrics: 'Obstetrics',
  gynaecology: 'Gynaecology',
  paediatrics: 'Paediatrics',
  oncology: 'Oncology',
  urology: 'Urology',
  ophthalmology: 'Ophthalmology',
  ent: 'Ear, nose and throat',
  neurology: 'Neurology',
  renal: 'Renal medicine',
  endocrinology_diabetes: 'Endocrinology and diabetes',
  mental_health: 'Mental health',
  care_of_the_elderly: 'Care of the elderly',
  infectious_diseases: 'Infectious diseases',
} as const;

export const CONVENTIONS = {
  sequencing: 'Choosing and sequencing the primary diagnosis',
  fourth_character: 'Fourth and fifth characters',
  dagger_asterisk: 'Dagger and asterisk',
  site_laterality: 'Site and laterality (OPCS-4 Z codes)',
  approach: 'Approach (OPCS-4 Y codes)',
  external_cause: 'External causes',
  omitted_secondary: 'Comorbidities and secondary diagnoses',
  symptoms_vs_diagnosis: 'Symptoms or a confirmed diagnosis',
  neoplasm: 'Neoplasms',
} as const;

const ExpectedCode = z
  .object({
    code: z.string().min(3),
    rationale: z.string().trim().min(20, 'give a rationale naming the convention or standard'),
    // Other codes the notes honestly allow in this position (Y04.4 or Y04.5 for "outside a bar"). Use sparingly:
    // every alternative needs a reason a trainer can check, and content:check checks each code.
    alternatives: z.array(z.string().min(3)).min(1).max(4).optional(),
    alternativesReason: z.string().trim().min(20, 'say why the notes allow more than one code').optional(),
  })
  .strict()
  .refine((e) => !e.alternatives === !e.alternativesReason, { message: 'alternatives and alternativesReason go together', path: ['alternativesReason'] });

export const SEXES = { female: 'Female', male: 'Male' } as const;

/** The patient as the notes describe them: the marker checks codes limited by sex or age against it. */
export const Patient = z
  .object({
    sex: z.enum(Object.keys(SEXES) as [keyof typeof SEXES]),
    // Age in whole years on admission; under-ones are 0 and may give ageDays as well.
    age: z.number().int().min(0).max(120),
    ageDays: z.number().int().min(0).max(365).optional(),
  })
  .strict();
export type Patient = z.infer<typeof Patient>;

export const DIFFICULTIES = ['foundation', 'intermediate', 'advanced'] as const;

export const CaseFile = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case'),
  title: z.string().min(5),
  specialty: z.enum(Object.keys(SPECIALTIES) as [keyof typeof SPECIALTIES, ...(keyof typeof SPECIALTIES)[]]),
  difficulty: z.enum(DIFFICULTIES),
  ksbs: z.array(z.string()).min(1),
  conventions: z.array(z.enum(Object.keys(CONVENTIONS) as [keyof typeof CONVENTIONS, ...(keyof typeof CONVENTIONS)[]])),
  patient: Patient,
  notes: z
    .object({
      admission: z.string().min(10),
      history: z.string().min(10),
      investigations: z.string().optional(),
      operation: z.string().optional(),
      discharge: z.string().min(10),
    })
    .strict(),
  expected: z.object({
    diagnoses: z.array(ExpectedCode).min(1, 'a case needs at least a primary diagnosis'),
    procedures: z.array(ExpectedCode),
  }),
});
export type CaseFile = z.infer<typeof CaseFile>;
