import Link from 'next/link';

/** Pages anyone may read without signing in (proxy.ts lets them through): the accessibility statement. */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-nhs-blue text-white">
        <div className="mx-auto max-w-6xl px-4 py-4 text-xl font-bold">
          <Link href="/" className="text-white no-underline hover:text-white hover:underline">
            Coder Pathway
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-4 py-8 outline-none">
        {children}
      </main>
    </div>
  );
}
