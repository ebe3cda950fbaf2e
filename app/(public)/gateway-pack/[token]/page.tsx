import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { openSharedGatewayPack } from '@/lib/dal/gateway-pack';
import { formatDateTime } from '@/lib/format';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Gateway pack', robots: { index: false, follow: false }, referrer: 'no-referrer' };

type Props = { params: Promise<{ token: string }> };

/**
 * Issue 20 §6: the gateway pack as the end-point assessment organisation sees it, without an account:
 * read-only, naming the apprentice, the standard and the provider, with the two downloads. Each view is
 * logged for the trainer. An unknown, expired or withdrawn link is the same 404 (not-found.tsx beside this).
 */
export default async function SharedGatewayPackPage({ params }: Props) {
  const { token } = await params;
  const pack = await openSharedGatewayPack(token, 'page', (await headers()).get('user-agent'));
  if (!pack) notFound();
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">Gateway pack: {pack.apprenticeName}</h1>
      <p className="mb-6 text-lg text-nhs-grey-1">Shared with {pack.recipient} by the training provider for the end-point assessment.</p>
      <dl className="mb-8 grid grid-cols-1 gap-x-6 gap-y-2 bg-white p-5 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">Apprentice</dt>
        <dd>{pack.apprenticeName}</dd>
        <dt className="font-bold">Standard</dt>
        <dd>{pack.standard}</dd>
        <dt className="font-bold">Employer</dt>
        <dd>{pack.employerName}</dd>
        <dt className="font-bold">Training provider</dt>
        <dd>{pack.providerName ?? 'Not recorded'}</dd>
        <dt className="font-bold">Link open until</dt>
        <dd>{formatDateTime(pack.expiresAt)}</dd>
      </dl>
      <h2 className="mb-3 text-2xl font-bold">Downloads</h2>
      <ul className="space-y-3">
        <li>
          <a href={`/gateway-pack/${token}/summary`} download className="font-bold">
            Gateway summary (PDF)
          </a>
          <span className="block text-nhs-grey-1">Dates, English and maths, off-the-job hours, the KSB map with the evidence behind each KSB, and mock results.</span>
        </li>
        <li>
          <a href={`/gateway-pack/${token}/portfolio`} download className="font-bold">
            Portfolio (ZIP)
          </a>
          <span className="block text-nhs-grey-1">The summary and the whole portfolio: every piece of evidence with its files, reviews and witness statements.</span>
        </li>
      </ul>
      <p className="mt-8 text-sm text-nhs-grey-1">Each opening of this page and each download is recorded for the training provider.</p>
    </>
  );
}
