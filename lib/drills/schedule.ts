import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type State } from 'ts-fsrs';

/**
 * Spaced repetition of weak spots (issue 19 point 4) with ts-fsrs, the maintained FSRS implementation.
 *
 * "What was missed returns after a day, then longer as it is got right": a miss is rated Again and a success
 * Good. The (re)learning steps are one day each, so a miss is always due a day later (never minutes later, as
 * an apprentice does a case or question once a day at most), and each Good after that lets FSRS lengthen the
 * interval. Fuzz is off, so the same history always gives the same dates.
 */
const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: true, learning_steps: ['1d'], relearning_steps: ['1d'] }));

/** A drill card as the drill_cards table keeps it (the scheduler's state in columns). */
export type DrillCardRow = {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
};

export function cardFromRow(r: DrillCardRow): Card {
  return {
    due: r.due,
    stability: r.stability,
    difficulty: r.difficulty,
    elapsed_days: r.elapsedDays,
    scheduled_days: r.scheduledDays,
    learning_steps: r.learningSteps,
    reps: r.reps,
    lapses: r.lapses,
    state: r.state as State,
    last_review: r.lastReview ?? undefined,
  };
}

export function rowFromCard(c: Card): DrillCardRow {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.last_review ?? null,
  };
}

/** The card after the item was done again (or for the first time, with no card yet): wrong is Again, right is Good. */
export function review(row: DrillCardRow | null, correct: boolean, now: Date): DrillCardRow {
  const card = row ? cardFromRow(row) : createEmptyCard(now);
  return rowFromCard(scheduler.next(card, now, correct ? Rating.Good : Rating.Again).card);
}
