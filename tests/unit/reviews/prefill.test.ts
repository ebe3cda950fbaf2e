import { describe, expect, it } from 'vitest';
import { englishMathsText, supportText, targetsText } from '@/lib/reviews/prefill';

describe('the review form’s suggested text', () => {
  it('English and maths: now, and what each was at the last review when it changed', () => {
    expect(englishMathsText({ english: 'in_progress', maths: 'achieved' }, { english: 'required', maths: 'achieved' })).toBe('English: in progress (was: required). Maths: achieved.');
    expect(englishMathsText({ english: 'exempt', maths: 'not_required' }, null)).toBe('English: exempt. Maths: not required.');
  });

  it('support: the signed plan’s support and adjustments, else the extra time', () => {
    expect(supportText({ version: 3, support: 'Fortnightly catch-up with the trainer.', reasonableAdjustments: 'Written instructions for each task' }, 25)).toBe(
      'Support agreed in the signed training plan (version 3): Fortnightly catch-up with the trainer.\nReasonable adjustments: Written instructions for each task.',
    );
    expect(supportText({ version: 1, support: '', reasonableAdjustments: '' }, 0)).toBe('Support agreed in the signed training plan (version 1): none recorded.\nReasonable adjustments: none recorded.');
    expect(supportText(null, 25)).toBe('Reasonable adjustment: 25% extra time on timed mock assessments.');
    expect(supportText(null, 0)).toMatch(/^No training plan signed yet; no reasonable adjustments recorded/);
  });

  it('targets: the last review’s, to report on', () => {
    expect(targetsText('Code one outpatient list.\n')).toBe('Actions from the last review:\nCode one outpatient list.\n\nTargets for the next period:\n');
    expect(targetsText(null)).toBe('');
  });
});
