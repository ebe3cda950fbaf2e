import Link from 'next/link';

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-nhs-blue text-white">
        <div className="mx-auto max-w-6xl px-4 py-4 text-xl font-bold">Coder Pathway</div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-md flex-1 px-4 py-10 outline-none">
        {children}
      </main>
      <footer className="border-t border-nhs-grey-4 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-4 text-sm text-nhs-grey-1">
          <Link href="/accessibility">
            Accessibility statement
          </Link>
        </div>
      </footer>
    </div>
  );
}
