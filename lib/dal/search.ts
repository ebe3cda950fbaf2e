// An ILIKE pattern that matches `q` anywhere, with the user's % and _ taken literally.
export const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
