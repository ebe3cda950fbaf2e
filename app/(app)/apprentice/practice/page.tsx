import type { Metadata } from 'next';
import Link from 'next/link';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';

export const metadata: Metadata = { title: 'More practice' };

/**
 * The practice beyond coding cases and theory questions (issue 19): each kind names the items of the
 * standard it practises, as the KSB map counts them.
 */
const KINDS: { href: string; title: string; ksbs: string; text: string }[] = [
  // Each kind's card is added with its pages.
  { href: '/apprentice/practice/audit', title: 'Audit practice', ksbs: 'S13, S20, K7, K16', text: "Audit a coder's episode: judge each code, name the error and its correction, find what was left out, and work out the four audit figures." },
  {
    href: '/apprentice/practice/drills',
    title: 'Practise my weak spots',
    ksbs: 'the conventions and KSBs you get wrong',
    text: 'The cases and questions you got wrong come back a day later, then less often as you get them right.',
  },
  {
    href: '/apprentice/practice/queries',
    title: 'Clinical query practice',
    ksbs: 'S18, K12, S9, S11',
    text: 'Decide whether the notes leave a gap only the consultant can settle, and write a clear, non-leading query; your trainer marks it.',
  },
];

export default async function PracticePage() {
  await requireRole('apprentice');
  return (
    <>
      <PageHeader title="More practice" lead="Exercises for the parts of the job that coding a case does not practise on its own." />
      <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {KINDS.map((k) => (
          <li key={k.href} className="bg-white p-5 shadow-sm">
            <h2 className="mb-1 text-xl font-bold">
              <Link href={k.href} className="text-nhs-blue underline">
                {k.title}
              </Link>
            </h2>
            <p className="mb-2 text-sm font-bold text-nhs-grey-1">Practises {k.ksbs}</p>
            <p>{k.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
