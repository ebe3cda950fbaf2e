'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { usePathname } from 'next/navigation';

/**
 * The header's account links and navigation, folded behind a Menu button below the md breakpoint so that on a
 * phone the header is one bar (it took 30–40% of a 320 px screen); from md up everything shows and the button
 * is gone. The menu closes on navigation, and Escape closes it and puts focus back on the button.
 */
export function HeaderMenu({
  brand,
  bell,
  account,
  children,
}: {
  brand: React.ReactNode;
  /** Always in the top row, on a phone too: the unread count is worth the space. */
  bell: React.ReactNode;
  account: React.ReactNode;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  // A link followed from the open menu leads to a new page: the menu closes behind it.
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <header className="bg-nhs-blue text-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-x-3 gap-y-2 px-4 py-3 sm:gap-x-6">
        {brand}
        <div className="flex items-center gap-x-3 gap-y-1 text-sm sm:gap-x-4">
          {bell}
          <div className="hidden flex-wrap items-center gap-x-4 gap-y-1 md:flex">{account}</div>
          <button
            ref={button}
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((o) => !o)}
            className="shrink-0 border-2 border-white px-3 py-1 text-base font-bold text-white md:hidden"
          >
            Menu
          </button>
        </div>
      </div>
      {/* Below md the account links and the navigation are the menu's panel; from md up, the navigation bar. */}
      <div id={panelId} className={`${open ? 'block' : 'hidden'} border-t border-white/30 bg-nhs-dark-blue md:block`}>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm md:hidden">{account}</div>
        {children}
      </div>
    </header>
  );
}
