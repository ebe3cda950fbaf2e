'use client';

import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import type { GatewayLine } from '@/lib/progress/gateway';

/**
 * The progress picture's tables and lists, drawn from values worked out on the server
 * (progress-picture.tsx). Client components only so that the page sends these few values once
 * rather than their markup twice (the HTML and React's copy of it): none has state or effects.
 */

export type ReadinessRow = { figure: string; latest: string; correct: string; firstLevel: 'reached' | 'not_yet' | null; forecastFirst: string; forecastSecond: string };

export function ReadinessTable({ rows }: { rows: ReadinessRow[] }) {
  return (
    <DataTable caption="Audit figures, levels and forecasts" head={['Figure', 'Latest', 'Codes right', 'First level', 'Forecast for the first level', 'Forecast for the second level']}>
      {rows.map((r) => (
        <tr key={r.figure}>
          <th scope="row" className="text-left font-bold">
            {r.figure}
          </th>
          <td>{r.latest}</td>
          <td>{r.correct}</td>
          <td>{r.firstLevel === null ? '—' : r.firstLevel === 'reached' ? <StatusTag tone="green">Reached</StatusTag> : <StatusTag tone="grey">Not yet</StatusTag>}</td>
          <td>{r.forecastFirst}</td>
          <td>{r.forecastSecond}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export type WeakSpot = { key: string; label: string; href: string | null; count: number };

function WeakList({ heading, spots }: { heading: string; spots: WeakSpot[] }) {
  return (
    <div>
      <h3 className="mb-2 font-bold">{heading}</h3>
      <ul className="space-y-1">
        {spots.map((w) => (
          <li key={w.key}>
            {w.href ? <Link href={w.href}>{w.label}</Link> : w.label}: {w.count} {w.count === 1 ? 'finding' : 'findings'}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function WeakSpots({ byConvention, bySpecialty }: { byConvention: WeakSpot[]; bySpecialty: WeakSpot[] }) {
  if (byConvention.length === 0 && bySpecialty.length === 0) return <p className="text-nhs-grey-1">No findings in the latest cases.</p>;
  return (
    <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
      <WeakList heading="By convention" spots={byConvention} />
      <WeakList heading="By specialty" spots={bySpecialty} />
    </div>
  );
}

export function GatewayChecklist({ lines, ready }: { lines: GatewayLine[]; ready: boolean }) {
  return (
    <>
      <p className="mb-4 text-nhs-grey-1">{ready ? 'Every line is met: ready for gateway.' : `${lines.filter((l) => l.met).length} of ${lines.length} lines met.`}</p>
      <ul className="divide-y divide-nhs-grey-4 border border-nhs-grey-4">
        {lines.map((l) => (
          <li key={l.key} className="grid grid-cols-1 gap-1 p-3 sm:grid-cols-[auto_1fr]">
            <span className="sm:pr-4">{l.met ? <StatusTag tone="green">Met</StatusTag> : <StatusTag tone="red">Not yet</StatusTag>}</span>
            <div>
              <p className="font-bold">{l.label}</p>
              <p className="text-sm">{l.evidence}</p>
              {l.missing && <p className="text-sm font-bold text-[#6b140e]">Missing: {l.missing}</p>}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
