'use server';
import { answerQuestion } from '@/lib/dal';
import { QuestionAnswerInput } from '@/lib/dal/questions';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';

export async function answerQuestionAction(input: unknown) {
  const viewer = await requireRole('apprentice');
  return runFormAction(QuestionAnswerInput, input, (data) => answerQuestion(viewer, data));
}
