import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { internalMarkersIn, learnerTextProblems } from '@/lib/content/internal-notes';
import { checkBlueprint, checkWrittenItems } from '@/lib/assessments/check';
import { Blueprint } from '@/lib/content/assessment';
import { blueprint, ksbCodes, pools, section } from '../assessments/fixtures';

describe('internalMarkersIn', () => {
  it('finds each internal marker', () => {
    expect(internalMarkersIn('From a secondary source (DOMAIN.md §2).')).toEqual(['DOMAIN.md']);
    expect(internalMarkersIn('The real format is Unconfirmed.')).toEqual(['unconfirmed']);
    expect(internalMarkersIn('The 95% distinction boundary is ours: the NCCQ is pass or fail.')).toEqual(['is ours']);
    expect(internalMarkersIn('TODO: check the pass mark')).toEqual(['TODO']);
    expect(internalMarkersIn('TODO check DOMAIN.md, unconfirmed; the choice is ours')).toEqual(['DOMAIN.md', 'unconfirmed', 'is ours', 'TODO']);
  });

  it('leaves plain learner text alone', () => {
    for (const text of [
      'Distinction is given at 95% or more; this boundary is set by your training provider.',
      'Confirmed diagnoses replace the symptoms they explain.',
      'A todo list is not a clinical record.', // the word in running text, not the marker
      'This is yours to keep.',
      'The domain of the markdown file.',
    ])
      expect(internalMarkersIn(text), text).toEqual([]);
  });
});

describe('learnerTextProblems', () => {
  it('says where each marked field is and what it holds', () => {
    expect(
      learnerTextProblems([
        { at: 'title', text: 'Mock paper' },
        { at: 'description', text: 'Unconfirmed (DOMAIN.md §1).' },
      ]),
    ).toEqual(['description: learner-facing text contains an internal note ("DOMAIN.md", "unconfirmed"); move it to trainerNotes or the REVIEW.md']);
  });
});

describe('the blueprint check refuses internal notes in what apprentices read', () => {
  const good = blueprint([section({ id: 'theory', kind: 'theory', draw: 8, pool: { topics: ['Topic 1', 'Topic 2'] } })], { ksbs: ['K4'] });

  it('in the description, a section title or instructions, but not in trainerNotes', () => {
    const base = checkBlueprint(good, pools, ksbCodes);
    expect(checkBlueprint({ ...good, trainerNotes: 'The boundary is ours; the real format is unconfirmed (DOMAIN.md §2).' }, pools, ksbCodes)).toEqual(base);
    const marked = {
      ...good,
      description: 'A practice paper. The 95% distinction boundary is ours.',
      sections: [{ ...good.sections[0]!, title: 'Section A (TODO)', instructions: 'Answer every question (format unconfirmed).' }],
    };
    expect(checkBlueprint(marked, pools, ksbCodes).filter((p) => !base.includes(p))).toEqual([
      'description: learner-facing text contains an internal note ("is ours"); move it to trainerNotes or the REVIEW.md',
      'sections.theory.title: learner-facing text contains an internal note ("TODO"); move it to trainerNotes or the REVIEW.md',
      'sections.theory.instructions: learner-facing text contains an internal note ("unconfirmed"); move it to trainerNotes or the REVIEW.md',
    ]);
  });

  it('in a written item’s prompt, but not in its marker’s guidance', () => {
    const item = { id: 'a', ksbs: ['K13'], rubric: [{ criterion: 'Names the right rule', marks: 2 }], guidance: 'The UK rule is unconfirmed (DOMAIN.md §4).' };
    expect(checkWrittenItems({ topic: 'Governance', items: [{ ...item, prompt: 'Explain what you would do and why.' }] }, ksbCodes)).toEqual([]);
    expect(checkWrittenItems({ topic: 'Governance', items: [{ ...item, prompt: 'Explain the rule (see DOMAIN.md §4).' }] }, ksbCodes)).toEqual([
      'items[0].prompt: learner-facing text contains an internal note ("DOMAIN.md"); move it to trainerNotes or the REVIEW.md',
    ]);
  });

  it('the shipped blueprints keep their notes for trainers apart from what apprentices read', () => {
    const dir = path.resolve('content/assessments/blueprints');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const bp = Blueprint.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      expect(internalMarkersIn([bp.title, bp.description, ...bp.sections.flatMap((s) => [s.title, s.instructions])].join('\n')), f).toEqual([]);
      expect(bp.trainerNotes, f).toBeTruthy();
    }
  });
});
