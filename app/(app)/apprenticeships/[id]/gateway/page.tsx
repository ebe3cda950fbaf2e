import type { Metadata } from 'next';
import Link from 'next/link';
import { getGatewayPack } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable, buttonLink } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { GatewayLinkForm } from '@/components/gateway/gateway-link-form';
import { GatewaySmallForm } from '@/components/gateway/gateway-small-form';
import { RefreshWhileBuilding } from '@/components/gateway/refresh-while-building';
import { formatDateTime } from '@/lib/format';
import { GATEWAY_LINK_STATUS_LABEL, GATEWAY_OPENING_LABEL } from '@/lib/gateway/link';
import { createGatewayLinkAction, rebuildGatewayPackAction, revokeGatewayLinkAction } from './actions';

export const metadata: Metadata = { title: 'Gateway pack' };

type Props = { params: Promise<{ id: string }> };

const LINK_TONE = { active: 'green', expired: 'grey', revoked: 'red' } as const;
const ROLE_LABEL = { apprentice: 'Apprentice', trainer: 'Trainer', employer: 'Employer' } as const;

/**
 * Issue 20 §6: the gateway pack of one apprenticeship for its trainer (or an admin): how far its build has
 * got, its downloads, and the links that share it with the end-point assessment organisation, each with
 * its openings.
 */
export default async function GatewayPackPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireRole('trainer', 'admin');
  const g = await orNotFound(getGatewayPack(viewer, id));
  const { pack } = g;
  const building = pack?.status === 'queued' || pack?.status === 'running';
  const percent = pack && pack.total ? Math.round((pack.done / pack.total) * 100) : 0;
  return (
    <>
      <p className="mb-4">
        <Link href={`/apprenticeships/${id}`}>← {g.apprenticeship.apprenticeName}&apos;s apprenticeship</Link>
      </p>
      <PageHeader title="Gateway pack" lead={`${g.apprenticeship.apprenticeName}, ${g.apprenticeship.standardTitle} (${g.apprenticeship.standardReference}), at ${g.apprenticeship.employerName}`} />
      <div className="space-y-8">
        <section aria-labelledby="pack-heading" className="bg-white p-5">
          <h2 id="pack-heading" className="mb-2 text-2xl font-bold">
            The pack
          </h2>
          <ul className="mb-4 space-y-1">
            {(['apprentice', 'trainer', 'employer'] as const).map((role) => {
              const c = g.confirmations.find((x) => x.role === role);
              return (
                <li key={role}>
                  <strong>{ROLE_LABEL[role]}:</strong> {c ? `confirmed by ${c.name}, ${formatDateTime(c.at)}` : 'not confirmed yet'}
                </li>
              );
            })}
          </ul>
          {!pack && <p>{g.allConfirmed ? 'All three have confirmed; the pack has not been built.' : 'The pack is built once the apprentice, the trainer and the employer have all confirmed readiness for gateway.'}</p>}
          {building && (
            <div>
              <RefreshWhileBuilding />
              <label htmlFor="pack-progress" className="block">
                Building the pack
              </label>
              <progress id="pack-progress" max={Math.max(pack.total, 1)} value={pack.done} className="h-3 w-full max-w-md accent-nhs-blue">
                {percent}%
              </progress>
              <p role="status" aria-live="polite" data-testid="pack-status">
                {pack.total ? `${pack.done} of ${pack.total} items (${percent}%).` : 'Waiting to start…'}
              </p>
            </div>
          )}
          {pack?.status === 'ready' && (
            <>
              <p role="status" data-testid="pack-status" className="mb-3">
                Built {pack.finishedAt ? formatDateTime(pack.finishedAt) : ''}: a summary PDF and the portfolio (ZIP, the summary included).
              </p>
              <p className="flex flex-wrap gap-3">
                <a href={`/api/gateway-pack/${id}/summary`} className={buttonLink} download>
                  Download the summary (PDF)
                </a>
                <a href={`/api/gateway-pack/${id}/portfolio`} className={buttonLink} download>
                  Download the pack (ZIP)
                </a>
              </p>
            </>
          )}
          {pack?.status === 'failed' && (
            <p role="alert" className="mb-3 border-l-4 border-nhs-red pl-3 font-bold text-nhs-red">
              The pack could not be built: {pack.error}
            </p>
          )}
          {g.allConfirmed && (!pack || pack.status === 'failed' || pack.stale) && <GatewaySmallForm kind="rebuild" values={{ apprenticeshipId: id }} action={rebuildGatewayPackAction} label="Build the pack again" />}
        </section>

        {pack?.status === 'ready' && (
          <section aria-labelledby="share-heading" className="bg-white p-5">
            <h2 id="share-heading" className="mb-2 text-2xl font-bold">
              Share with the end-point assessment organisation
            </h2>
            <p className="mb-4 text-nhs-grey-1">Anyone with the link can read the pack, without an account, until it expires or you withdraw it. Every opening is listed below.</p>
            <GatewayLinkForm apprenticeshipId={id} defaultDays={g.defaultLinkDays} action={createGatewayLinkAction} />
          </section>
        )}

        {g.links.length > 0 && (
          <section aria-labelledby="links-heading">
            <h2 id="links-heading" className="mb-2 text-2xl font-bold">
              Links
            </h2>
            <DataTable caption="Links to the gateway pack" head={['Recipient', 'Created', 'Expires', 'Status', 'Openings', '']}>
              {g.links.map((l) => (
                <tr key={l.id}>
                  <th scope="row" className="font-normal">
                    {l.recipient}
                  </th>
                  <td>{formatDateTime(l.createdAt)}</td>
                  <td>{formatDateTime(l.expiresAt)}</td>
                  <td>
                    <StatusTag tone={LINK_TONE[l.status]}>{GATEWAY_LINK_STATUS_LABEL[l.status]}</StatusTag>
                  </td>
                  <td data-testid="link-openings">
                    {l.openings}
                    {l.lastOpenedAt && <span className="block text-sm text-nhs-grey-1">last {formatDateTime(l.lastOpenedAt)}</span>}
                  </td>
                  <td>{l.status === 'active' && <GatewaySmallForm kind="revoke" variant="secondary" values={{ apprenticeshipId: id, linkId: l.id }} action={revokeGatewayLinkAction} label={`Revoke the link for ${l.recipient}`} />}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        )}

        {g.openings.length > 0 && (
          <section aria-labelledby="openings-heading">
            <h2 id="openings-heading" className="mb-2 text-2xl font-bold">
              Openings
            </h2>
            <DataTable caption="Openings of the gateway pack links, newest first" head={['When', 'Link for', 'What', 'Browser']}>
              {g.openings.map((o) => (
                <tr key={o.id}>
                  <td>{formatDateTime(o.openedAt)}</td>
                  <td>{o.recipient}</td>
                  <td>{GATEWAY_OPENING_LABEL[o.item] ?? o.item}</td>
                  <td className="max-w-xs break-words text-sm">{o.userAgent ?? ''}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        )}
      </div>
    </>
  );
}
