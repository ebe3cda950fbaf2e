// NHS numbers: 10 digits whose last is a Modulus 11 check digit (NHS Data Dictionary, "NHS NUMBER").
// Used to refuse anything that looks like a real patient identifier, in content and in evidence.

/** Whether 10 digits pass the Modulus 11 check: weights 10…2, check = 11 − (sum mod 11), 11 → 0, 10 → invalid. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

export type NhsNumberMatch = { text: string; index: number };

// Ten digits alone, or grouped 3-3-4 with spaces or dashes, not part of a longer run of digits.
const CANDIDATE = /(?<![\d])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\d])/g;

/** Every run in `text` that looks like an NHS number and passes the check digit. */
export function findNhsNumbers(text: string): NhsNumberMatch[] {
  const found: NhsNumberMatch[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const digits = `${m[1]}${m[3]}${m[4]}`;
    if (isValidNhsNumber(digits)) found.push({ text: m[0], index: m.index });
  }
  return found;
}
