import { afterEach, beforeEach, vi } from 'vitest';

// A stray console.error (an error logged and swallowed, a React warning) fails the test that
// caused it rather than scrolling past in the output. A test that expects one replaces the
// implementation: vi.spyOn(console, 'error').mockImplementation(() => {}).
let logged: unknown[][] = [];

beforeEach(() => {
  logged = [];
  const original = console.error;
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    logged.push(args);
    original(...args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (logged.length) throw new Error(`console.error was called ${logged.length} time(s); first: ${logged[0]!.map(String).join(' ')}`);
});
