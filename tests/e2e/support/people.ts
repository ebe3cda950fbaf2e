// Demo accounts (db/demo-data.ts) the browser tests sign in as.
import { demoApprentices } from '@/db/demo-data';

export const ADMIN = 'admin@coderpathway.example';
export const TRAINER_PATEL = 'trainer.patel@coderpathway.example';
export const ASHWELL_MANAGER = 'coding.manager@ashwell.example';
export const SAM = 'sam.whitfield@ashwell.example';

export const ASHWELL = 'Ashwell Vale Hospitals NHS Trust';
export const KINGSMERE = 'Kingsmere University Hospitals NHS Foundation Trust';

const names = (keep: (a: (typeof demoApprentices)[number]) => boolean) => demoApprentices.filter(keep).map((a) => a.name);

export const PATEL_APPRENTICES = names((a) => a.trainer === TRAINER_PATEL);
export const OTHER_TRAINER_APPRENTICES = names((a) => a.trainer !== TRAINER_PATEL);
export const ASHWELL_APPRENTICES = names((a) => a.org === 'ashwell');
export const KINGSMERE_APPRENTICES = names((a) => a.org === 'kingsmere');

/** A suffix that keeps names and emails made by one run apart from another's. */
export const runId = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
