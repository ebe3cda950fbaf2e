import fs from 'node:fs';
import path from 'node:path';
import { buildClassification, type Classification } from './classification';

let cached: Classification | undefined;

/** The classifications from content/classifications, read once per process. */
export function loadClassification(dir = path.join(process.cwd(), 'content', 'classifications')): Classification {
  if (cached && dir === path.join(process.cwd(), 'content', 'classifications')) return cached;
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  const c = buildClassification({ icd10: read('icd10.tsv'), opcs4: read('opcs4.tsv'), daggerAsterisk: read('icd10_dagger_asterisk.tsv') });
  cached = c;
  return c;
}
