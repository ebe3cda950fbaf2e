import { listWitnessContacts, listWitnessStatements } from '@/lib/dal';
import type { Viewer } from '@/lib/dal/viewer';
import { requestWitnessAction } from '@/app/(app)/apprentice/evidence/witness-actions';
import { WitnessRequestForm } from './witness-request-form';
import { WitnessStatements } from './witness-statements';

/** The apprentice's witness statements on one piece of evidence, and a form to ask for another. */
export async function WitnessRequest({ viewer, evidenceId }: { viewer: Viewer; evidenceId: string }) {
  const [statements, contacts] = await Promise.all([listWitnessStatements(viewer, evidenceId), listWitnessContacts(viewer)]);
  return (
    <section aria-labelledby="witness-heading" className="mt-6 max-w-3xl space-y-5 bg-white p-5">
      <div>
        <h2 id="witness-heading" className="text-xl font-bold">
          Witness statements
        </h2>
        <p className="text-nhs-grey-1">A statement from someone at your employer who saw you do this work. Once they sign it, it cannot be changed, and your trainer sees it with the evidence.</p>
      </div>
      <WitnessStatements statements={statements} heading={null} />
      <WitnessRequestForm evidenceId={evidenceId} contacts={contacts} action={requestWitnessAction} />
    </section>
  );
}
