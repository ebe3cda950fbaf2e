import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="mt-4 text-lg">If you typed the web address, check it is correct. If you followed a link, the page may have moved or you may not have access to it.</p>
      <p className="mt-6">
        <Link href="/">Go to your home page</Link>
      </p>
    </div>
  );
}
