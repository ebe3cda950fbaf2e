import Link from 'next/link';
import type { NavItem } from '@/lib/navigation';
import { HeaderMenu } from './header-menu';
import { NavLinks } from './nav-links';

export function AppShell({
  user,
  nav,
  unread,
  signOut,
  children,
}: {
  user: { name: string; roleLabel: string };
  nav: NavItem[];
  /** Unread notifications, for the bell. */
  unread: number;
  signOut: () => Promise<void>;
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <HeaderMenu
        brand={
          <Link href="/" className="min-w-0 text-lg font-bold text-white no-underline hover:text-white sm:text-xl">
            Coder Pathway
          </Link>
        }
        bell={<NotificationBell unread={unread} />}
        account={
          <>
            <span>
              <span className="font-bold">{user.name}</span> <span className="opacity-90">· {user.roleLabel}</span>
            </span>
            <Link href="/change-password" className="text-white hover:text-white">
              Change password
            </Link>
            <form action={signOut}>
              <button type="submit" className="border-2 border-white px-3 py-1 font-bold text-white hover:bg-nhs-dark-blue">
                Sign out
              </button>
            </form>
          </>
        }
      >
        <nav aria-label="Main">
          <NavLinks items={nav} />
        </nav>
      </HeaderMenu>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none">
        {children}
      </main>
      <footer className="border-t border-nhs-grey-4 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-4 text-sm text-nhs-grey-1">
          Coder Pathway · Clinical coder apprenticeship ST0535 · Contains no patient data: case notes are synthetic. ·{' '}
          <Link href="/accessibility">
            Accessibility statement
          </Link>
        </div>
      </footer>
    </div>
  );
}

/** The bell: a link to the notifications with the unread count, named in words for screen readers. */
function NotificationBell({ unread }: { unread: number }) {
  return (
    <Link href="/notifications" className="inline-flex items-center gap-1 px-1 py-1 text-white no-underline hover:text-white hover:underline">
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      <span className="sr-only">{unread ? `Notifications, ${unread} unread` : 'Notifications, none unread'}</span>
      {unread > 0 && (
        <span aria-hidden="true" className="inline-block min-w-6 rounded-full bg-white px-1.5 text-center text-sm font-bold text-nhs-dark-blue">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}

export function PageHeader({ title, lead, children, headingId }: { title: string; lead?: React.ReactNode; children?: React.ReactNode; headingId?: string }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      {/* min-w-0 and break-word: a long clinical word in a title wraps on a phone instead of widening the page. */}
      <div className="min-w-0">
        {/* With an id the heading can take focus from a script (tabIndex -1: not a tab stop). */}
        <h1 id={headingId} tabIndex={headingId ? -1 : undefined} className="text-2xl font-bold wrap-break-word sm:text-3xl">
          {title}
        </h1>
        {lead && <p className="mt-2 max-w-3xl text-lg text-nhs-grey-1">{lead}</p>}
      </div>
      {children}
    </div>
  );
}
