import type { Metadata } from 'next';
import { listJobs } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { JobRetryButton } from '@/components/admin/job-retry-button';
import { formatDateTime } from '@/lib/format';
import { retryJobAction } from './actions';

export const metadata: Metadata = { title: 'Background jobs' };
// Always as it is now: a job list from a cache would be wrong by the time it is read.
export const dynamic = 'force-dynamic';

const QUEUE_LABEL: Record<string, string> = {
  'portfolio-export': 'Portfolio export',
  'gateway-pack': 'Gateway pack',
  'portfolio-export-cleanup': 'Removing old portfolio exports',
  'assessment-deadline': 'Mock paper submitted at its deadline',
  'assessment-deadline-sweep': 'Sweep for mock papers past their deadline',
  'notification-email': 'Notification email',
  'notification-digest': 'Daily digest email',
  'notification-email-sweep': 'Sweep for notification emails not yet queued',
};
const STATE_LABEL = { queued: 'Queued', running: 'Running', failed: 'Failed' } as const;

export default async function JobsPage() {
  const viewer = await requireRole('admin');
  const { queues, jobs } = await listJobs(viewer);
  return (
    <>
      <PageHeader
        title="Background jobs"
        lead="Work the server does on its own: portfolio exports, mock papers submitted at their deadline, and tidying up. A job that fails is tried again a few times, waiting longer each time; one that has run out of tries stays here as failed for 30 days, or until you retry it."
      />
      <DataTable caption="Jobs by queue" head={['Queue', 'Queued', 'Running', 'Failed', 'Completed (last 12 hours)']}>
        {queues.map((q) => (
          <tr key={q.name}>
            <th scope="row" className="text-left font-normal">
              {QUEUE_LABEL[q.name] ?? q.name}
              <div className="font-mono text-xs text-nhs-grey-1">{q.name}</div>
            </th>
            <td>{q.queued}</td>
            <td>{q.running}</td>
            <td className={q.failed ? 'font-bold text-nhs-red' : ''}>{q.failed}</td>
            <td>{q.completed}</td>
          </tr>
        ))}
      </DataTable>
      <h2 className="mt-8 mb-2 text-xl font-bold">Queued, running and failed jobs</h2>
      {jobs.length === 0 ? (
        <p>Nothing is queued, running or failed.</p>
      ) : (
        <DataTable caption="Queued, running and failed jobs, newest first" head={['State', 'Queue', 'About', 'Created', 'Tries', 'What went wrong', '']}>
          {jobs.map((j) => (
            <tr key={j.id}>
              <td className={j.state === 'failed' ? 'font-bold text-nhs-red' : ''}>
                {STATE_LABEL[j.state]}
                {j.waitingToRetry && <div className="text-sm font-normal">waiting to try again</div>}
                {j.state === 'queued' && !j.waitingToRetry && j.startAfter > j.createdOn && <div className="text-sm">not before {formatDateTime(j.startAfter)}</div>}
              </td>
              <td>{QUEUE_LABEL[j.queue] ?? j.queue}</td>
              <td className="max-w-48 font-mono text-xs break-all">{j.about}</td>
              <td className="whitespace-nowrap">{formatDateTime(j.createdOn)}</td>
              <td>
                {j.tries + (j.state === 'queued' && !j.waitingToRetry ? 0 : 1)} of {j.retryLimit + 1}
              </td>
              <td className="max-w-md text-sm break-words">{j.error ?? ''}</td>
              <td>{j.state === 'failed' && <JobRetryButton queue={j.queue} id={j.id} label={`${QUEUE_LABEL[j.queue] ?? j.queue} job created ${formatDateTime(j.createdOn)}`} action={retryJobAction} />}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
