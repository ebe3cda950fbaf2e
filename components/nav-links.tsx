'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { NavItem } from '@/lib/navigation';

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  // The longest matching prefix is the current section.
  const current = items
    .filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <ul className="mx-auto flex max-w-6xl flex-col px-2 md:flex-row md:flex-wrap md:gap-x-1">
      {items.map((item) => (
        <li key={item.href}>
          <Link
            href={item.href}
            aria-current={item.href === current ? 'page' : undefined}
            className={`block px-3 py-2 text-white no-underline hover:text-white hover:underline ${
              item.href === current ? 'border-b-4 border-white font-bold' : 'border-b-4 border-transparent'
            }`}
          >
            {item.label}
            {item.count ? (
              <>
                {' '}
                <span aria-hidden className="ml-1 inline-block min-w-6 rounded-full bg-white px-1.5 text-center text-sm font-bold text-nhs-dark-blue">
                  {item.count}
                </span>
                <span className="sr-only">({item.count} {item.countLabel ?? 'waiting'})</span>
              </>
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
