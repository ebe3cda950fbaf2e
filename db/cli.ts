// `npm run db:migrate` and `npm run db:seed`: the same steps the app runs at start, on demand.
import { openDatabase } from './client';
import { DatabaseInUseError } from './lock';
import { runMigrations } from './migrate';
import { seedContent, seedDemo } from './seed';

const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed') {
  console.error('usage: tsx db/cli.ts migrate|seed');
  process.exit(2);
}

try {
  const started = Date.now();
  const handle = await openDatabase();
  try {
    await runMigrations(handle.db);
    if (command === 'seed') {
      await seedContent(handle.db);
      await seedDemo(handle.db);
    }
  } finally {
    await handle.close();
  }
  console.log(`${command === 'seed' ? 'Migrated and seeded' : 'Migrated'} the ${handle.kind} database in ${Date.now() - started} ms.`);
} catch (e) {
  if (e instanceof DatabaseInUseError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
