// What a server action hands back to a form: field messages keyed by field name, or one message.
export type FormResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors?: Record<string, string[] | undefined>; message?: string };
