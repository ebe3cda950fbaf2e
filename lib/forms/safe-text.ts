import { z } from 'zod';
import { findNhsNumbers, showMatch } from '@/lib/privacy/nhs-number';

// THE RULE (issue 14, points 2 and 5): every free-text value a person sends (every form field, server
// action argument, API body field and file name) is a `safeText` here, never a bare `z.string()`, so a
// new field cannot forget the patient-identifier guard or let a NUL through to PostgreSQL (which refuses
// it: the request answered 500). tests/unit/privacy/safe-text-everywhere.test.ts reads lib/ and app/ and
// fails on a `z.string()` that is not one of these, unless a regex fixes its form or a comment
// `// not free text: <why>` says why it needs neither (a password, which is hashed and never shown).
// Query-string filters use `searchText`: a bad character there is a search that finds nothing.

/** C0 control characters except tab, line feed and carriage return (a textarea posts CRLF), and DEL. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A surrogate not in a pair: not a character at all; the text is not valid UTF-16 and cannot be stored as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with a piece of free text, in words for the person who typed it, or null. */
export function textProblem(value: string, label: string, options: { allowNhsNumber?: boolean } = {}): string | null {
  const control = CONTROL.exec(value);
  if (control)
    return `There is an invisible control character (${hex(control[0].charCodeAt(0))}${control[0] === '\u0000' ? ', NUL' : ''}) in the ${label} that cannot be saved. Delete it, or type the text again rather than pasting it.`;
  const lone = LONE_SURROGATE.exec(value);
  if (lone)
    return `There is a broken character (an unpaired UTF-16 surrogate, ${hex(lone[0].charCodeAt(0))}) in the ${label} that cannot be saved. Delete it, or type the text again rather than pasting it.`;
  if (!options.allowNhsNumber) {
    const [found] = findNhsNumbers(value, 1);
    // Worded so that it reads right whatever the label's number ("the title", "the targets").
    if (found) return `“${showMatch(found)}” in the ${label} looks like an NHS number; remove it — content must be synthetic.`;
  }
  return null;
}

/** The checks safeText adds, kept so a test can tell a guarded string from a bare one. */
const guards = new WeakSet<object>();
export const isSafeTextCheck = (check: unknown) => typeof check === 'object' && check !== null && guards.has(check);

function guard(label: string, options: { allowNhsNumber?: boolean }) {
  const check = z.superRefine<string>(
    (value, ctx) => {
      const problem = textProblem(value, label, options);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value, params: { safeText: true } });
    },
    // Not on a value already refused (too long, say): the message would be noise, and the scan work.
    { when: (payload) => typeof payload.value === 'string' && payload.issues.length === 0 },
  );
  guards.add(check);
  return check;
}

export type SafeTextOptions = {
  /** What the field is called in messages: "title", "feedback", "file name". */
  label: string;
  max: number;
  maxMessage?: string;
  /** Trim surrounding white space first (the default). */
  trim?: boolean;
  /** Only where nothing is stored and a refusal would do harm (the sign-in email): controls and surrogates are still refused. */
  allowNhsNumber?: boolean;
};

/**
 * A free-text string: trimmed, at most `max` characters, no control characters (tab and new lines
 * allowed), no lone surrogates, and nothing that passes as an NHS number in any spelling, each refused
 * as a field error in words. Chain `.min()`, `.refine()` and the like as on any string.
 */
export function safeText({ label, max, maxMessage, trim = true, allowNhsNumber = false }: SafeTextOptions) {
  const base = z.string({ error: `Enter the ${label} as text.` });
  return (trim ? base.trim() : base)
    .max(max, maxMessage ?? `Keep the ${label} under ${max.toLocaleString('en-GB')} characters.`)
    .check(guard(label, { allowNhsNumber }));
}

const filters = new WeakSet<object>();

/**
 * A filter from a query string (?q=…): trimmed and at most `max` characters (too long: no filter, as
 * before). A control character or lone surrogate can be in no stored text (safeText refuses them), so
 * each becomes U+FFFD, which no stored name or email holds: the search finds nothing, as it should,
 * instead of PostgreSQL refusing the query (a 500).
 */
export function searchText(max: number) {
  const filter = z
    .string()
    .trim()
    .max(max)
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]|[\ud800-\udfff]/gu, '\ufffd'))
    .catch('');
  filters.add(filter);
  return filter;
}
export const isSearchText = (schema: unknown) => typeof schema === 'object' && schema !== null && filters.has(schema);

/**
 * The first problem (as textProblem) in any string a parsed JSON value holds, keys included, with where it
 * is ("items.2.title: …"), or null. For JSON typed into a form: its escapes get past the check of the text.
 * A loop, not recursion: JSON nested a hundred thousand deep must not overflow the stack.
 */
export function firstTextProblem(value: unknown, label: string): string | null {
  type Entry = { value: unknown; key: string | null; parent: Entry | null };
  const stack: Entry[] = [{ value, key: null, parent: null }];
  // The path is built only for the one problem found (built for every entry, deep JSON would cost its depth squared).
  const at = (entry: Entry, problem: string) => {
    const keys: string[] = [];
    for (let e: Entry | null = entry; e && keys.length < 20; e = e.parent) if (e.key !== null) keys.unshift(e.key);
    return keys.length ? `${keys.join('.')}: ${problem}` : problem;
  };
  while (stack.length) {
    const entry = stack.pop()!;
    const v = entry.value;
    if (typeof v === 'string') {
      const problem = textProblem(v, label);
      if (problem) return at(entry, problem);
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        const keyProblem = textProblem(key, label);
        if (keyProblem) return at(entry, keyProblem);
        stack.push({ value: item, key, parent: entry });
      }
    }
  }
  return null;
}
