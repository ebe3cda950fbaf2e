import Link from 'next/link';

/**
 * A page's sections as links (one shown at a time, the choice in the URL): keyboard-usable without
 * script, bookmarkable, and each section's data is read only when it is shown. The current one is
 * marked aria-current="page". Wraps onto several lines on a narrow screen.
 */
export function SectionNav({ label, sections, current }: { label: string; sections: { key: string; title: string; href: string }[]; current: string }) {
  return (
    <nav aria-label={label} className="mb-6 border-b-2 border-nhs-grey-4">
      <ul className="-mb-0.5 flex flex-wrap gap-x-1">
        {sections.map((s) => {
          const active = s.key === current;
          return (
            <li key={s.key}>
              <Link
                href={s.href}
                aria-current={active ? 'page' : undefined}
                className={`block border-b-4 px-3 py-2 font-bold no-underline ${active ? 'border-nhs-blue bg-white text-nhs-black' : 'border-transparent hover:border-nhs-grey-1'}`}
              >
                {s.title}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
