// drizzle wraps the database's error in `cause`; tests match on the whole chain.
export async function failureText(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    const parts: string[] = [];
    for (let cur: unknown = e, i = 0; cur && i < 5; i++, cur = (cur as { cause?: unknown }).cause) parts.push(String((cur as Error).message ?? cur));
    return parts.join(' <- ');
  }
  throw new Error('expected the operation to fail, but it succeeded');
}
