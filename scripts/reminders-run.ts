// Runs the reminders as the hourly job does, at a moment you choose, so that the clock can be moved on the
// demo data: `npm run reminders:run -- --at 2026-12-14T09:00:00Z`. Each reminder is sent once per occurrence,
// so a second run at the same moment sends nothing; a later moment sends what has come due since.
// Runs with `tsx --conditions=react-server` (package.json): the data access layer imports 'server-only'.
import { parseArgs } from 'node:util';
import { runReminders } from '@/lib/dal/reminders';
import { REMINDER_RULES } from '@/lib/reminders/rules';

const USAGE = 'Usage: npm run reminders:run -- [--at 2026-12-14T09:00:00Z]   (default: now)';

let at = new Date();
try {
  const { values } = parseArgs({ options: { at: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.at !== undefined) {
    at = new Date(values.at);
    if (Number.isNaN(at.getTime())) throw new Error(`--at needs a date and time, such as 2026-12-14T09:00:00Z (got "${values.at}")`);
  }
} catch (e) {
  console.error(`reminders:run: ${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}

const run = await runReminders(at);
console.log(`Reminders at ${run.at.toISOString()} (due: recipients the rule reaches now; sent: notifications new this run)`);
console.log(`${'rule'.padEnd(20)} ${'due'.padStart(5)} ${'sent'.padStart(5)}`);
for (const rule of REMINDER_RULES) console.log(`${rule.padEnd(20)} ${String(run.due[rule]).padStart(5)} ${String(run.sent[rule]).padStart(5)}`);
process.exit(0);
