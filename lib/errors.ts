// userMessage is safe to show; the Error message is for logs only.
export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly userMessage: string,
    logMessage?: string,
  ) {
    super(logMessage ?? userMessage);
    this.name = 'AppError';
  }
}

// Someone else's record and a missing record look the same to the caller.
export class NotFound extends AppError {
  constructor(entity = 'record') {
    super('not_found', 'We could not find that page.', `${entity} not found or not visible`);
  }
}

/**
 * A user who must choose a new password reaches no data until they have (lib/dal/access.ts). A kind of
 * NotFound, so that every caller that turns a refusal into a 404 refuses this too; pages send the user
 * to /change-password before it comes to that (requireViewer).
 */
export class PasswordChangeRequired extends NotFound {
  constructor() {
    super('data (a new password must be chosen first)');
    Object.assign(this, { code: 'password_change_required', userMessage: 'Choose a new password before you continue.' });
  }
}

export class Conflict extends AppError {
  constructor(userMessage: string) {
    super('conflict', userMessage);
  }
}

// A field-level problem found on the server (for example a duplicate email).
export class FieldError extends AppError {
  constructor(
    public readonly field: string,
    userMessage: string,
  ) {
    super('field', userMessage);
  }
}

export class SignedOut extends AppError {
  constructor() {
    super('signed_out', 'Please sign in.');
  }
}
