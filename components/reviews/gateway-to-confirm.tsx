'use client';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { confirmGatewayAction } from '@/app/(app)/reviews/actions';
import { GatewayConfirmForm } from './gateway-confirm-form';

export type GatewayWaiting = { apprenticeshipId: string; name: string; detail: string | null };

/**
 * The employer's home: each apprentice whose gateway waits on the employer's confirmation, with the form to
 * give it there and then. Always drawn for an employer, so that after the last confirmation the message
 * saying it was recorded stays, with focus on it, instead of the section vanishing under the keyboard.
 */
export function GatewayToConfirm({ waiting }: { waiting: GatewayWaiting[] }) {
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const done = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirmed) done.current?.focus();
  }, [confirmed]);
  return (
    <section aria-labelledby="gateway-home-heading" className="mb-6 bg-white p-5">
      <h2 id="gateway-home-heading" className="text-xl font-bold">
        Readiness for gateway
      </h2>
      <p className="mb-3 text-nhs-grey-1">
        Gateway is when the apprentice, their trainer and you agree they are ready for the end-point assessment. Confirm it for each apprentice here; a confirmation cannot be withdrawn.
      </p>
      {confirmed && (
        <p ref={done} tabIndex={-1} role="status" className="mb-4 border-l-8 border-nhs-green bg-nhs-grey-5 p-3 font-bold">
          Your confirmation for {confirmed} is recorded.
        </p>
      )}
      {waiting.length === 0 ? (
        <p>No apprentice is waiting for your confirmation.</p>
      ) : (
        <ul className="space-y-6">
          {waiting.map((w) => (
            <li key={w.apprenticeshipId} className="border-t border-nhs-grey-4 pt-4">
              <h3 className="text-lg font-bold">{w.name}</h3>
              <p className="mb-2 text-sm">
                {w.detail} <Link href={`/apprenticeships/${w.apprenticeshipId}/progress`}>See {w.name}’s progress and KSB map</Link>
              </p>
              <GatewayConfirmForm apprenticeshipId={w.apprenticeshipId} action={confirmGatewayAction} who={w.name} onConfirmed={() => setConfirmed(w.name)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
