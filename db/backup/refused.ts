/**
 * A backup or restore that stops before doing harm: the message says why and what to do, and the
 * command-line scripts print it as it is (exit 1). Anything else is a bug and is thrown as usual.
 */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}
