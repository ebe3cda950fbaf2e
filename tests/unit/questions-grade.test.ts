import { describe, expect, it } from 'vitest';
import { grade } from '@/lib/questions/grade';
import { loadClassification } from '@/lib/coding/load';

const c = loadClassification();

describe('grading a theory question', () => {
  it('needs the one right option for a single-answer question', () => {
    expect(grade({ type: 'single', answer: [2] }, [2], c)).toBe(true);
    expect(grade({ type: 'single', answer: [2] }, [1], c)).toBe(false);
    expect(grade({ type: 'single', answer: [2] }, [1, 2], c)).toBe(false);
  });

  it('needs exactly the right options for a multiple-answer question', () => {
    expect(grade({ type: 'multiple', answer: [0, 3] }, [3, 0], c)).toBe(true);
    expect(grade({ type: 'multiple', answer: [0, 3] }, [0], c)).toBe(false);
    expect(grade({ type: 'multiple', answer: [0, 3] }, [0, 3, 4], c)).toBe(false);
  });

  it('accepts a code however it is typed, but only a complete accepted one', () => {
    const q = { type: 'code' as const, classification: 'icd10' as const, answer: ['K35.8'] };
    expect(grade(q, 'k358', c)).toBe(true);
    expect(grade(q, 'K35', c)).toBe(false);
    expect(grade(q, 'K35.3', c)).toBe(false);
    expect(grade(q, [0], c)).toBe(false);
  });
});
