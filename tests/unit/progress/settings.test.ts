import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRESS_SETTINGS, ProgressSettingsForm, toForm, toSettings } from '@/lib/progress/settings';

describe('the progress settings form', () => {
  it('round-trips the defaults', () => {
    expect(toSettings(ProgressSettingsForm.parse(toForm(DEFAULT_PROGRESS_SETTINGS)))).toEqual(DEFAULT_PROGRESS_SETTINGS);
  });
  it('refuses a second level below the first, naming the field', () => {
    const r = ProgressSettingsForm.safeParse({ ...toForm(DEFAULT_PROGRESS_SETTINGS), sd2: 75 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['sd2'], message: 'The second level cannot be below the first (80%).' });
  });
  it('refuses a percentage over 100 and a window of 3 cases', () => {
    const r = ProgressSettingsForm.safeParse({ ...toForm(DEFAULT_PROGRESS_SETTINGS), pd1: '101', readinessWindowCases: '3' });
    expect(r.error!.issues.map((i) => i.path[0]).sort()).toEqual(['pd1', 'readinessWindowCases']);
  });
});
