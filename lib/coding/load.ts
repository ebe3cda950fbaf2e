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

export type Chapter = { scheme: 'icd10' | 'opcs4'; id: string; title: string };
export type Block = { id: string; title: string; chapter: string };
let chapters: { chapters: Chapter[]; blocks: Block[] } | undefined;

/** Chapter and block titles for browsing (ICD-10 chapters I–XXII with blocks; OPCS-4 chapters A–Z). */
export function loadChapters(dir = path.join(process.cwd(), 'content', 'classifications')) {
  if (chapters) return chapters;
  const rows = (name: string) =>
    fs
      .readFileSync(path.join(dir, name), 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split('\t'));
  chapters = {
    chapters: [
      ...rows('icd10_chapters.tsv').map(([id, title]) => ({ scheme: 'icd10' as const, id: id!, title: title! })),
      ...rows('opcs4_chapters.tsv').map(([id, title]) => ({ scheme: 'opcs4' as const, id: id!, title: title! })),
    ],
    blocks: rows('icd10_blocks.tsv').map(([id, title, chapter]) => ({ id: id!, title: title!, chapter: chapter! })),
  };
  return chapters;
}
