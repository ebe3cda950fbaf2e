/**
 * The suggested text a new review's form starts with, from what changed since the last review (pure: the DAL
 * gathers the facts). The trainer edits it; nothing here is saved unless they keep it.
 */
export type SkillStatus = 'required' | 'in_progress' | 'achieved' | 'exempt' | 'not_required';

export const SKILL_WORDS: Record<SkillStatus, string> = {
  required: 'required',
  in_progress: 'in progress',
  achieved: 'achieved',
  exempt: 'exempt',
  not_required: 'not required',
};

function skillLine(name: string, now: SkillStatus, then: SkillStatus | null): string {
  return then && then !== now ? `${name}: ${SKILL_WORDS[now]} (was: ${SKILL_WORDS[then]}).` : `${name}: ${SKILL_WORDS[now]}.`;
}

/** "English: in progress (was: required). Maths: achieved." */
export function englishMathsText(now: { english: SkillStatus; maths: SkillStatus }, then: { english: SkillStatus; maths: SkillStatus } | null): string {
  return `${skillLine('English', now.english, then?.english ?? null)} ${skillLine('Maths', now.maths, then?.maths ?? null)}`;
}

/** The signed plan's support and reasonable adjustments when one is in force, else the extra time recorded on the apprenticeship. */
export function supportText(plan: { version: number; support: string; reasonableAdjustments: string } | null, extraTimePercent: number): string {
  if (plan) {
    const lines = [`Support agreed in the signed training plan (version ${plan.version}): ${plan.support.trim() || 'none recorded'}.`];
    lines.push(`Reasonable adjustments: ${plan.reasonableAdjustments.trim() || 'none recorded'}.`);
    return lines.join('\n').replace(/\.\./g, '.');
  }
  return extraTimePercent > 0
    ? `Reasonable adjustment: ${extraTimePercent}% extra time on timed mock assessments.`
    : 'No training plan signed yet; no reasonable adjustments recorded (no extra time on timed mock assessments).';
}

/** The last review's targets, to report on; empty for a first review. */
export function targetsText(lastTargets: string | null): string {
  return lastTargets ? `Actions from the last review:\n${lastTargets.trim()}\n\nTargets for the next period:\n` : '';
}
