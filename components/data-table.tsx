// Table styling shared by the admin lists: a caption for screen readers, scrollable on a phone.
export function DataTable({ caption, head, children }: { caption: string; head: React.ReactNode[]; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="relative overflow-x-auto border border-nhs-grey-4 bg-white">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-nhs-grey-5">
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" className="border-b-2 border-nhs-grey-4 px-3 py-2 font-bold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="[&>tr]:border-b [&>tr]:border-nhs-grey-4 [&>tr:last-child]:border-0 [&_td]:px-3 [&_td]:py-2 [&_td]:align-top [&_th]:px-3 [&_th]:py-2 [&_th]:align-top">{children}</tbody>
      </table>
    </div>
  );
}

export const buttonLink = 'inline-block bg-nhs-blue px-4 py-2 font-bold text-white no-underline shadow-[0_4px_0_#003087] hover:bg-nhs-dark-blue hover:text-white';
