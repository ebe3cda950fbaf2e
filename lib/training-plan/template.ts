/**
 * The curriculum a first training plan is drafted from (issue 20 point 2): the blocks of teaching for the
 * Clinical coder standard ST0535 in the order they are taught, each with its share of the off-the-job hours
 * (`weight`, against the other blocks) and the KSBs it covers. Together they cover all 59 KSBs (a unit test
 * checks it against the standard). The trainer edits the draft; this is only where it starts.
 */
export type TemplateBlock = { title: string; weight: number; ksbs: readonly string[] };

export const ST0535_TEMPLATE: readonly TemplateBlock[] = [
  { title: 'Induction: the clinical coder’s role, the coding office and the organisation', weight: 1, ksbs: ['K24', 'K25', 'K26', 'K27', 'K28', 'K29', 'S24', 'S25', 'B5'] },
  { title: 'Information governance, confidentiality and data protection', weight: 1, ksbs: ['K11', 'K13', 'K14', 'K15', 'S12', 'S14'] },
  { title: 'NHS data: mandatory data sets, data flows and the systems that hold them', weight: 1, ksbs: ['K3', 'K10', 'K18', 'K20', 'K21', 'K22', 'S21', 'S22'] },
  { title: 'Anatomy, physiology and medical terminology', weight: 2, ksbs: ['K1', 'K2', 'S1', 'S6'] },
  { title: 'Navigating the medical record and extracting information', weight: 1, ksbs: ['K8', 'S2', 'S15', 'S17'] },
  { title: 'ICD-10: rules and conventions, and the four-step coding process', weight: 2, ksbs: ['K4', 'K5', 'S5'] },
  { title: 'OPCS-4: rules and conventions for procedures and interventions', weight: 2, ksbs: ['K4', 'K5', 'S3'] },
  { title: 'National clinical coding standards and local coding rules', weight: 2, ksbs: ['K6', 'S4', 'S7'] },
  { title: 'SNOMED CT and reliable sources of information', weight: 1, ksbs: ['K9', 'K23', 'S19'] },
  { title: 'Uses of coded data, statistics, data quality and audit', weight: 1.5, ksbs: ['K7', 'K16', 'K17', 'K19', 'S13', 'S16', 'S20'] },
  { title: 'Clinical queries and working with clinical teams', weight: 1.5, ksbs: ['K12', 'S8', 'S9', 'S10', 'S11', 'S18', 'S23', 'B2', 'B4'] },
  { title: 'Complex case practice across specialties', weight: 1.5, ksbs: ['S3', 'S5', 'B1', 'B3'] },
  { title: 'Portfolio review and end-point assessment preparation', weight: 1, ksbs: ['S3', 'S4', 'B1', 'B3'] },
];
