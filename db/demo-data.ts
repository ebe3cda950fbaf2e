// Fictional people and organisations for the demo. No real person, trust or NHS number.
export const DEMO_PASSWORD = 'Pathway-demo-2026';

export const demoOrganisations = [
  { key: 'provider', name: 'Northgate Coding Academy', kind: 'training_provider', odsCode: null },
  { key: 'ashwell', name: 'Ashwell Vale Hospitals NHS Trust', kind: 'employer', odsCode: 'ZZ1' },
  { key: 'kingsmere', name: 'Kingsmere University Hospitals NHS Foundation Trust', kind: 'employer', odsCode: 'ZZ2' },
] as const;

export const demoStaff = [
  { email: 'admin@coderpathway.example', name: 'Alex Morgan', role: 'admin', org: 'provider' },
  { email: 'trainer.patel@coderpathway.example', name: 'Priya Patel', role: 'trainer', org: 'provider' },
  { email: 'trainer.okafor@coderpathway.example', name: 'Daniel Okafor', role: 'trainer', org: 'provider' },
  { email: 'coding.manager@ashwell.example', name: 'Helen Birch', role: 'employer', org: 'ashwell' },
  { email: 'coding.manager@kingsmere.example', name: 'Marcus Reid', role: 'employer', org: 'kingsmere' },
] as const;

export const demoCohorts = [
  { key: 'sep25', name: 'September 2025', startDate: '2025-09-01' },
  { key: 'mar26', name: 'March 2026', startDate: '2026-03-02' },
] as const;

type DemoApprentice = {
  email: string;
  name: string;
  org: 'ashwell' | 'kingsmere';
  cohort: 'sep25' | 'mar26';
  weeklyHours: number;
  trainer: 'trainer.patel@coderpathway.example' | 'trainer.okafor@coderpathway.example';
};

const patel = 'trainer.patel@coderpathway.example';
const okafor = 'trainer.okafor@coderpathway.example';

export const demoApprentices: DemoApprentice[] = [
  { email: 'sam.whitfield@ashwell.example', name: 'Sam Whitfield', org: 'ashwell', cohort: 'sep25', weeklyHours: 37.5, trainer: patel },
  { email: 'aisha.rahman@ashwell.example', name: 'Aisha Rahman', org: 'ashwell', cohort: 'sep25', weeklyHours: 37.5, trainer: patel },
  { email: 'tom.hargreaves@ashwell.example', name: 'Tom Hargreaves', org: 'ashwell', cohort: 'sep25', weeklyHours: 30, trainer: patel },
  { email: 'lucy.chen@kingsmere.example', name: 'Lucy Chen', org: 'kingsmere', cohort: 'sep25', weeklyHours: 37.5, trainer: patel },
  { email: 'owen.price@kingsmere.example', name: 'Owen Price', org: 'kingsmere', cohort: 'sep25', weeklyHours: 37.5, trainer: okafor },
  { email: 'grace.adeyemi@kingsmere.example', name: 'Grace Adeyemi', org: 'kingsmere', cohort: 'sep25', weeklyHours: 22.5, trainer: okafor },
  { email: 'ryan.doyle@ashwell.example', name: 'Ryan Doyle', org: 'ashwell', cohort: 'mar26', weeklyHours: 37.5, trainer: okafor },
  { email: 'mei.tanaka@ashwell.example', name: 'Mei Tanaka', org: 'ashwell', cohort: 'mar26', weeklyHours: 37.5, trainer: okafor },
  { email: 'ellie.brooks@ashwell.example', name: 'Ellie Brooks', org: 'ashwell', cohort: 'mar26', weeklyHours: 30, trainer: patel },
  { email: 'jordan.kaur@kingsmere.example', name: 'Jordan Kaur', org: 'kingsmere', cohort: 'mar26', weeklyHours: 37.5, trainer: okafor },
  { email: 'nathan.lowe@kingsmere.example', name: 'Nathan Lowe', org: 'kingsmere', cohort: 'mar26', weeklyHours: 37.5, trainer: okafor },
  { email: 'zara.hussain@kingsmere.example', name: 'Zara Hussain', org: 'kingsmere', cohort: 'mar26', weeklyHours: 37.5, trainer: patel },
];
