/** The knowledge, skills and behaviours a piece claims, each with the standard's own words. */
export function KsbItems({ ksbs }: { ksbs: { code: string; text: string }[] }) {
  return (
    <ul className="list-disc pl-5">
      {ksbs.map((k) => (
        <li key={k.code}>
          <strong>{k.code}</strong> {k.text}
        </li>
      ))}
    </ul>
  );
}
