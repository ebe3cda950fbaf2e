'use client';

import Link from 'next/link';
import type { RagResult } from '@/lib/progress/rag';
import { RagTag } from './rag-tag';

/** One cohort-table row, worked out on the server (cohort-table.tsx): text to show and what to flag. */
export type CohortRow = {
  id: string;
  name: string;
  group: string;
  rag: RagResult;
  met: number;
  due: number;
  figures: { key: string; text: string; below: boolean; partial: string | null }[];
  theory: string;
  otj: string;
  lastActivity: string;
  reviewDue: string;
  overdue: boolean;
};

/**
 * The cohort table's rows. A client component only so that a page of 50 apprentices is sent as their
 * values once rather than as a thousand elements twice (the HTML and React's copy of it): it has no
 * state and no effects.
 */
export function CohortRows({ rows }: { rows: CohortRow[] }) {
  return rows.map((r) => (
    <tr key={r.id} className="border-b border-nhs-grey-4 last:border-0 hover:bg-nhs-grey-5">
      <th scope="row" className="px-2 py-2 text-left align-top">
        <Link href={`/apprenticeships/${r.id}/progress`} className="font-bold">
          {r.name}
        </Link>
        <span className="block font-normal text-nhs-grey-1">{r.group}</span>
      </th>
      <td className="min-w-48">
        <RagTag result={r.rag} />
      </td>
      <td className="whitespace-nowrap">
        {r.met} <span className="text-nhs-grey-1">/ {r.due} due</span>
      </td>
      {r.figures.map((f) => (
        <td key={f.key} className={f.below ? 'font-bold text-[#6b140e]' : ''}>
          {f.partial ? <span title={f.partial}>{f.text}*</span> : f.text}
        </td>
      ))}
      <td>{r.theory}</td>
      <td>{r.otj}</td>
      <td className="whitespace-nowrap">{r.lastActivity}</td>
      {/* "overdue" goes on a line of its own: beside the date it widened the table past a laptop's width. */}
      <td className={r.overdue ? 'font-bold text-[#6b140e]' : ''}>
        <span className="whitespace-nowrap">{r.reviewDue}</span> {r.overdue && <span className="block">overdue</span>}
      </td>
    </tr>
  ));
}
