import type { Metadata } from 'next';
import Link from 'next/link';
import { countAttemptsToRemark, listEditions } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { EditionImportForm } from '@/components/admin/edition-import-form';
import { ConfirmAction } from '@/components/admin/confirm-action';
import { describeMarkingRules } from '@/lib/coding/mark';
import { formatDate } from '@/lib/format';
import { remarkAttemptsAction } from './actions';

export const metadata: Metadata = { title: 'Classifications' };

const SCHEME = { icd10: 'ICD-10', opcs4: 'OPCS-4' } as const;
const ORIGIN = { shipped: 'Shipped with the app', import: 'Imported', legacy: 'Before UK editions (no codes)' } as const;

export default async function ClassificationsPage() {
  const viewer = await requireRole('admin');
  const [editions, toRemark] = await Promise.all([listEditions(viewer), countAttemptsToRemark(viewer)]);
  return (
    <>
      <PageHeader
        title="Classifications"
        lead="The ICD-10 and OPCS-4 editions the marker, the code pickers, the code browser and the content checks use. One edition of each is active. Changing it never rewrites a stored mark: attempts keep the edition they were marked under until you re-mark them, and the re-mark is added beside the original."
      />
      <section aria-labelledby="editions" className="mb-10">
        <h2 id="editions" className="mb-3 text-2xl font-bold">
          Editions
        </h2>
        <DataTable caption="Classification editions" head={['Edition', 'Scheme', 'Source', 'Released', 'Codes', 'Attempts marked under it', 'Status']}>
          {editions.map((e) => (
            <tr key={e.id}>
              <td className="font-bold">{e.origin === 'legacy' ? e.name : <Link href={`/admin/classifications/${e.id}`}>{e.name}</Link>}</td>
              <td className="whitespace-nowrap">{SCHEME[e.scheme]}</td>
              <td className="text-sm">
                {ORIGIN[e.origin]}
                {e.createdBy ? ` by ${e.createdBy}` : ''}
                <span className="block text-nhs-grey-1">{e.attribution}</span>
              </td>
              <td className="whitespace-nowrap">{e.releaseDate ? formatDate(e.releaseDate) : '—'}</td>
              <td className="text-right">{e.codeCount.toLocaleString('en-GB')}</td>
              <td className="text-right">{e.attemptsMarked.toLocaleString('en-GB')}</td>
              <td>{e.active ? <StatusTag tone="green">Active</StatusTag> : <StatusTag tone="grey">Not active</StatusTag>}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="remark" className="mb-10 max-w-3xl">
        <h2 id="remark" className="mb-3 text-2xl font-bold">
          Re-mark attempts
        </h2>
        <p className="mb-2">
          {toRemark.attempts === 0
            ? `Every attempt's standing mark was made under ${toRemark.editions.icd10} and ${toRemark.editions.opcs4} with the marking rules in force. Nothing to re-mark.`
            : `${toRemark.attempts.toLocaleString('en-GB')} attempt${toRemark.attempts === 1 ? ' was' : 's were'} marked under another edition or other marking rules. Re-marking marks each again, against its case's current key, under ${toRemark.editions.icd10} and ${toRemark.editions.opcs4} with these rules:`}
        </p>
        {toRemark.attempts > 0 && (
          <>
            <ul className="mb-4 list-disc pl-6">
              {describeMarkingRules(toRemark.rules).map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <p className="mb-4">The original mark stays, shown as “marked under …”; progress and readiness use the newest. Each run is in the audit log.</p>
          </>
        )}
        <ConfirmAction
          available={toRemark.attempts > 0}
          label={`Re-mark ${toRemark.attempts.toLocaleString('en-GB')} attempts`}
          confirmText={`Re-mark ${toRemark.attempts.toLocaleString('en-GB')} attempts now? Apprentices' progress figures will use the new marks.`}
          confirmLabel="Yes, re-mark them"
          pendingLabel="Re-marking…"
          run={remarkAttemptsAction}
        />
        <p className="mt-4 text-sm">
          The marking rules are on <Link href="/admin/settings#marking-rules">Settings</Link>.
        </p>
      </section>

      <section aria-labelledby="import" className="max-w-3xl">
        <h2 id="import" className="mb-3 text-2xl font-bold">
          Import an official release
        </h2>
        <p className="mb-4">
          A trust or training provider with an NHS England TRUD account downloads the release files itself and loads them here (or with <code>npm run classification:import</code>). The file is checked line by line; if any line is wrong nothing is imported. The new edition is not active until you read what it would change and activate it.
        </p>
        <div className="bg-white p-5">
          <EditionImportForm />
        </div>
      </section>
    </>
  );
}
