import fs from 'node:fs';

// PGlite serves one process per folder. A second process opens it without error, and its
// writes are lost or break the folder, so whoever opens the folder holds this lock file.
// A PID file rather than an mtime-refreshed lock: PGlite's WebAssembly can block the event
// loop long enough for a refresh timer to miss, and a dead owner is detected at once.

export class DatabaseInUseError extends Error {
  constructor(public readonly pid: number, folder: string) {
    super(
      `The embedded database in ${folder} is in use by another process (pid ${pid}, probably the running app). ` +
        'Stop it first, or set DATABASE_URL to use a PostgreSQL server.',
    );
    this.name = 'DatabaseInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireFolderLock(folder: string): () => void {
  const lockFile = `${folder}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (owner === process.pid) return () => {};
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new DatabaseInUseError(owner, folder);
      fs.unlinkSync(lockFile); // left behind by a process that died
    }
  }
  throw new Error(`Could not lock ${folder}`);
}
