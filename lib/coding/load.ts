import fs from 'node:fs';
import path from 'node:path';
import { buildClassification, episodesFromTsv, rowsFromShippedTsv, type Classification, type Scheme } from './classification';

/**
 * The editions shipped with the app (content/classifications): what the seed loads and activates on a new
 * database. The running app reads the active editions from the database instead; scripts without a database
 * (content:check, mark) and unit tests read these.
 */
export const SHIPPED_EDITIONS = {
  icd10: {
    name: 'ICD-10 5th Edition',
    file: 'icd10_5th_edition.tsv',
    releaseDate: '2016-04-01',
    source: 'NHS England TRUD, ICD10_Edition5_CodesAndTitlesAndMetadata_GB_20160401 (codes, usage flags, modifiers); titles from WHO ICD-10. See content/classifications/SOURCES.md.',
    attribution: 'ICD-10 © World Health Organization; UK 5th Edition distributed by NHS England under the WHO licence.',
  },
  opcs4: {
    name: 'OPCS-4.11',
    file: 'opcs4_11.tsv',
    releaseDate: '2025-11-01',
    source: 'NHS England TRUD, OPCS411 CodesAndTitles Nov 2025 V1.0. See content/classifications/SOURCES.md.',
    attribution: 'Contains OPCS-4 © Crown copyright, NHS England, Open Government Licence v3.0.',
  },
} as const satisfies Record<Scheme, { name: string; file: string; releaseDate: string; source: string; attribution: string }>;

export const classificationsDir = () => path.join(process.cwd(), 'content', 'classifications');

const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

/** The shipped editions' codes and the HES counts, read once per process. */
export function readShippedFiles(dir = classificationsDir()) {
  return {
    icd10: rowsFromShippedTsv('icd10', read(dir, SHIPPED_EDITIONS.icd10.file)),
    opcs4: rowsFromShippedTsv('opcs4', read(dir, SHIPPED_EDITIONS.opcs4.file)),
    daggerAsterisk: read(dir, 'icd10_dagger_asterisk.tsv'),
    episodes: episodesFromTsv(read(dir, 'hes_usage_2023_24.tsv')),
  };
}

let cached: Classification | undefined;

/** The shipped editions as one classification (editions named, ids 'shipped:…'), read once per process. */
export function loadClassification(dir = classificationsDir()): Classification {
  if (cached && dir === classificationsDir()) return cached;
  const files = readShippedFiles(dir);
  const c = buildClassification({
    editions: { icd10: { id: 'shipped:icd10', name: SHIPPED_EDITIONS.icd10.name }, opcs4: { id: 'shipped:opcs4', name: SHIPPED_EDITIONS.opcs4.name } },
    ...files,
  });
  if (dir === classificationsDir()) cached = c;
  return c;
}

export type Chapter = { scheme: 'icd10' | 'opcs4'; id: string; title: string };
export type Block = { id: string; title: string; chapter: string };

/** Chapter and block titles for browsing (ICD-10 chapters I–XXII with blocks; OPCS-4 chapters A–Z). */
export function readChapters(dir = classificationsDir()) {
  const rows = (name: string) =>
    read(dir, name)
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split('\t'));
  return {
    chapters: [
      ...rows('icd10_chapters.tsv').map(([id, title]) => ({ scheme: 'icd10' as const, id: id!, title: title! })),
      ...rows('opcs4_chapters.tsv').map(([id, title]) => ({ scheme: 'opcs4' as const, id: id!, title: title! })),
    ],
    blocks: rows('icd10_blocks.tsv').map(([id, title, chapter]) => ({ id: id!, title: title!, chapter: chapter! })),
  };
}

let chapters: ReturnType<typeof readChapters> | undefined;
/** Chapter and block titles (not codes), read once per process for the browser's headings. */
export function loadChapters() {
  chapters ??= readChapters();
  return chapters;
}

/** The outermost ICD-10 block holding each category (C00-C97 rather than C00-C75), with its chapter. */
export function blockOfCategory(blocks: readonly Block[]): (category: string) => { block: string; chapter: string } | null {
  const key = (cat: string) => cat.charCodeAt(0) * 100 + Number(cat.slice(1, 3));
  const ranges = blocks
    .map((b) => {
      const [from, to] = b.id.split('-');
      return { id: b.id, chapter: b.chapter, from: key(from!), to: key(to ?? from!) };
    })
    .sort((a, b) => b.to - b.from - (a.to - a.from)); // widest first
  return (category) => {
    const k = key(category);
    const r = ranges.find((x) => x.from <= k && k <= x.to);
    return r ? { block: r.id, chapter: r.chapter } : null;
  };
}
