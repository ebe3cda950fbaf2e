/**
 * Which question a paper opens at (0-based). The address says it first (`?q=3`, 1-based, written by
 * the page as the apprentice moves, so a reload keeps their place); without a usable one, the
 * question whose answer was saved last (where they were working on another device or before the
 * tab closed); with no answer saved, the first. Ties on the save time go to the later question.
 */
export function questionToOpen(requested: string | string[] | undefined, count: number, saved: { index: number; savedAt: Date | null }[]): number {
  if (count <= 0) return 0;
  const q = Array.isArray(requested) ? requested[0] : requested;
  if (q !== undefined && /^\d{1,4}$/.test(q)) {
    const n = Number(q);
    if (n >= 1 && n <= count) return n - 1;
  }
  let best: { index: number; at: number } | null = null;
  for (const s of saved) {
    if (!s.savedAt || s.index < 0 || s.index >= count || !Number.isInteger(s.index)) continue;
    const at = s.savedAt.getTime();
    if (!best || at > best.at || (at === best.at && s.index > best.index)) best = { index: s.index, at };
  }
  return best?.index ?? 0;
}

/** The page's title while a paper is sat: "Mock NCCQ theory paper — question 3 of 40". */
export const paperPageTitle = (title: string, index: number, count: number) => `${title} — question ${index + 1} of ${count}`;
