// `npm run bench:mark`: answers marked per second on one core, for 6-code answers
// (3 diagnoses, 3 procedures) with a realistic mix of right and wrong codes.
import { loadClassification } from '@/lib/coding/load';
import { mark, type Coding } from '@/lib/coding/mark';

const c = loadClassification();
const expected: Coding = { diagnoses: ['K35.8', 'I10', 'E11.9'], procedures: ['H01.1', 'Y75.2', 'T43.2'] };
const answers: Coding[] = [
  expected,
  { diagnoses: ['k358', 'E11.9', 'I10X'], procedures: ['H011', 'Y752', 'T43.2'] },
  { diagnoses: ['I10', 'K35.8', 'E11.8'], procedures: ['Y75.2', 'H01.1', 'T43.9'] },
  { diagnoses: ['K35', 'I10', 'J45.9'], procedures: ['H01.1', 'H01.1', 'zz'] },
];

const N = 200_000;
for (let i = 0; i < 20_000; i++) mark(expected, answers[i % answers.length]!, c); // warm up
const runs: number[] = [];
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  for (let i = 0; i < N; i++) mark(expected, answers[i % answers.length]!, c);
  runs.push(N / ((performance.now() - t) / 1000));
}
runs.sort((a, b) => a - b);
console.log(`marked ${N.toLocaleString('en-GB')} six-code answers × 5 runs on one core`);
console.log(`median ${Math.round(runs[2]!).toLocaleString('en-GB')} answers/s (min ${Math.round(runs[0]!).toLocaleString('en-GB')}, max ${Math.round(runs[4]!).toLocaleString('en-GB')}); goal ≥ 50,000`);
