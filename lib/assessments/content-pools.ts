import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { WrittenItemFile } from '@/lib/content/assessment';
import { CaseFile } from '@/lib/content/case';
import { QuestionFile } from '@/lib/content/question';
import type { PoolItem, Pools } from './pool';

// Mappers from parsed content to pool items: the content check uses these on the files it has
// validated; a seed script can use loadContentPools, or the mappers on rows it already has.
export const poolItemFromCase = (c: Pick<CaseFile, 'id' | 'ksbs' | 'specialty' | 'difficulty'>): PoolItem => ({ id: c.id, ksbs: c.ksbs, specialty: c.specialty, difficulty: c.difficulty });
export const poolItemsFromQuestions = (f: Pick<z.infer<typeof QuestionFile>, 'topic' | 'questions'>): PoolItem[] => f.questions.map((q) => ({ id: q.id, ksbs: q.ksbs, topic: f.topic }));
export const poolItemsFromWritten = (f: WrittenItemFile): PoolItem[] => f.items.map((w) => ({ id: w.id, ksbs: w.ksbs, topic: f.topic }));

const jsonFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f)) : []);
const read = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/**
 * The pools of the content directory: cases (content/cases), theory questions (content/questions)
 * and written items (content/assessments/written). Throws on a file that does not parse; run
 * `npm run content:check` for every problem at once.
 */
export function loadContentPools(root = path.join(process.cwd(), 'content')): Pools {
  return {
    coding: jsonFiles(path.join(root, 'cases')).map((f) => poolItemFromCase(CaseFile.parse(read(f)))),
    theory: jsonFiles(path.join(root, 'questions')).flatMap((f) => poolItemsFromQuestions(QuestionFile.parse(read(f)))),
    written: jsonFiles(path.join(root, 'assessments', 'written')).flatMap((f) => poolItemsFromWritten(WrittenItemFile.parse(read(f)))),
  };
}
