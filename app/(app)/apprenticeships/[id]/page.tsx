import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getApprenticeship, getGatewayPack, getLearningStatus, getOtjSummary, listAttemptPage, listAuditAttempts, listEvidence, listMetKsbs } from '@/lib/dal';
import { orNotFound, requireViewer, ROLE_HOME } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeshipSummary } from '@/components/apprenticeship-summary';
import { AttemptsTable } from '@/components/coding/attempts-table';
import { DataTable } from '@/components/data-table';
import { Pagination } from '@/components/pagination';
import { SectionNav } from '@/components/section-nav';
import { StatusTag } from '@/components/status-tag';
import { EVIDENCE_STATUS_LABEL, EVIDENCE_TYPES } from '@/lib/evidence/schemas';
import { formatDate, formatDateTime } from '@/lib/format';
import { threadPath } from '@/lib/conversations/rules';
import { pageParam } from '@/lib/forms/fields';
import { OtjOverview } from '@/components/otj/otj-overview';
import { ExportButton } from '@/components/portfolio/export-button';
import { ExtraTimeForm } from '@/components/assessments/extra-time-form';
import { setExtraTimeAction } from '../../assessments/actions';
import { BreakNotice } from '@/components/funding/break-notice';
import { BreakEndForm, BreakStartForm, OutcomeForm } from '@/components/funding/learning-forms';
import { formatHours, ukToday } from '@/lib/otj/plan';
import { endLearningBreakAction, recordOutcomeAction, startLearningBreakAction } from './learning-actions';

const TONE = { draft: 'grey', submitted: 'blue', referred: 'yellow', accepted: 'green' } as const;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ section?: string; page?: string }> };

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireViewer();
  return { viewer, a: await orNotFound(getApprenticeship(viewer, id)) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { a } = await load((await params).id);
  return { title: `${a.apprenticeName}'s apprenticeship` };
}

// Off-the-job hours stay on the overview (the figure an employer and a review look for first); the log has its own page.
const SECTIONS = { overview: 'Overview', evidence: 'Evidence', practice: 'Coding practice' } as const;
type Section = keyof typeof SECTIONS;

/**
 * One apprenticeship, in sections (issue 17, point 6): the page was one long scroll of everything.
 * The section is in the URL (?section=), so each is a link, keyboard-usable without script, and only
 * the shown section's data is read; the coding attempts are paged.
 */
export default async function ApprenticeshipPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = await searchParams;
  const { viewer, a } = await load(id);
  // issue 20: the gateway pack's page, for the trainer or an admin once all three confirmed or a pack exists.
  const gateway = viewer.role === 'trainer' || viewer.role === 'admin' ? await orNotFound(getGatewayPack(viewer, id)) : null;
  // Employers see readiness, not individual practice attempts (policy 'attempt.read').
  const available = (Object.keys(SECTIONS) as Section[]).filter((s) => s !== 'practice' || viewer.role !== 'employer');
  const section: Section = available.find((s) => s === query.section) ?? 'overview';
  const href = (s: Section, extra = '') => `/apprenticeships/${a.id}${s === 'overview' ? '' : `?section=${s}`}${extra}`;
  return (
    <>
      <p className="mb-4">
        <Link href={ROLE_HOME[viewer.role]}>← Back</Link>
      </p>
      <PageHeader title={`${a.apprenticeName}'s apprenticeship`} lead={`At ${a.employerName}`}>
        {viewer.role === 'admin' && (
          <Link href={`/admin/apprentices/${a.id}`} className="bg-nhs-blue px-4 py-2 font-bold text-white no-underline hover:bg-nhs-dark-blue hover:text-white">
            Edit
          </Link>
        )}
        {/* A trainer reaches this page only for an apprenticeship they are assigned to: their direct thread with the apprentice. */}
        {viewer.role === 'trainer' && (
          <Link href={threadPath({ type: 'direct', id: a.id, trainerId: viewer.userId })} className="bg-nhs-blue px-4 py-2 font-bold text-white no-underline hover:bg-nhs-dark-blue hover:text-white">
            Message {a.apprenticeName}
          </Link>
        )}
        {/* Policy 'portfolio.export': the trainer and an admin; the employer contact does not get the whole portfolio. */}
        {(viewer.role === 'trainer' || viewer.role === 'admin') && <ExportButton apprenticeshipId={a.id} label="Download portfolio (ZIP)" />}
        {gateway && (gateway.pack || gateway.allConfirmed) && (
          <Link href={`/apprenticeships/${a.id}/gateway`} className="bg-nhs-blue px-4 py-2 font-bold text-white no-underline hover:bg-nhs-dark-blue hover:text-white">
            Gateway pack
          </Link>
        )}
      </PageHeader>
      <SectionNav label="Sections of this apprenticeship" current={section} sections={available.map((s) => ({ key: s, title: SECTIONS[s], href: href(s) }))} />
      {section === 'overview' && (
        <>
          <ApprenticeshipSummary a={{ ...a, plannedEndDate: (await learningStatus(a.id)).movedPlannedEnd }} />
          {/* issue 20: initial assessment */}
          <p className="mt-6">
            <Link href={`/apprenticeships/${a.id}/initial-assessment`} className="font-bold">
              Initial assessment{viewer.role === 'trainer' ? ': confirm and record prior learning' : ''}
            </Link>
          </p>
          <OtjSection
            apprenticeshipId={a.id}
            name={a.apprenticeName}
            href={viewer.role === 'apprentice' ? '/apprentice/otj' : `/apprenticeships/${a.id}/otj`}
            linkText={viewer.role === 'employer' ? 'Off-the-job totals and chart' : 'Off-the-job log and entries'}
          />
          <LearningStatusSection apprenticeshipId={a.id} name={a.apprenticeName} />
          {(viewer.role === 'trainer' || viewer.role === 'admin') && (
            <section aria-labelledby="adjustments-heading" className="mt-8 bg-white p-5">
              <h2 id="adjustments-heading" className="mb-3 text-xl font-bold">
                Reasonable adjustments
              </h2>
              <ExtraTimeForm apprenticeshipId={a.id} percent={a.extraTimePercent} version={a.version} action={setExtraTimeAction} />
            </section>
          )}
        </>
      )}
      {section === 'evidence' && <EvidenceSection apprenticeId={a.apprenticeId} name={a.apprenticeName} />}
      {section === 'practice' && <PracticeSection apprenticeId={a.apprenticeId} name={a.apprenticeName} page={pageParam(query.page)} hrefFor={(p) => href('practice', `&page=${p}#attempts-heading`)} />}
      {section === 'practice' && <AuditPracticeSection apprenticeId={a.apprenticeId} name={a.apprenticeName} />}
    </>
  );
}

async function EvidenceSection({ apprenticeId, name }: { apprenticeId: string; name: string }) {
  const viewer = await requireViewer();
  const [evidence, met] = await Promise.all([listEvidence(viewer, { apprenticeId }), listMetKsbs(viewer, apprenticeId)]);
  const metCodes = [...new Set(met.map((m) => m.ksbCode))];
  const submitted = evidence.filter((e) => e.status !== 'draft');
  return (
    <section aria-labelledby="evidence-heading">
      <h2 id="evidence-heading" className="mb-1 text-2xl font-bold">
        Evidence portfolio
      </h2>
      <p className="mb-3 text-nhs-grey-1">
        Knowledge, skills and behaviours met: <strong className="text-nhs-black">{metCodes.length} of 59</strong>
        {metCodes.length > 0 && ` (${metCodes.join(', ')})`}.
      </p>
      {submitted.length === 0 ? (
        <p className="bg-white p-4 text-nhs-grey-1">No evidence submitted yet.</p>
      ) : (
        <DataTable caption={`Evidence submitted by ${name}`} head={['Title', 'Type', 'Activity date', 'KSBs', 'Status']}>
          {submitted.map((e) => (
            <tr key={e.id}>
              <td>
                <Link href={`/evidence/${e.id}`} className="font-bold">
                  {e.title}
                </Link>
              </td>
              <td>{EVIDENCE_TYPES[e.type]}</td>
              <td className="whitespace-nowrap">{formatDate(e.activityDate)}</td>
              <td>{e.ksbs.join(', ')}</td>
              <td>
                <StatusTag tone={TONE[e.status]}>{EVIDENCE_STATUS_LABEL[e.status]}</StatusTag>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

// issue 20: breaks in learning, the moved planned end, and the outcome (completed or withdrawn).
// One read for the summary's planned end and the section.
const learningStatus = cache(async (id: string) => orNotFound(getLearningStatus(await requireViewer(), id)));
const STATUS_LABEL = { active: 'In learning', break_in_learning: 'On a break in learning', withdrawn: 'Withdrawn', completed: 'Completed' } as const;
async function LearningStatusSection({ apprenticeshipId, name }: { apprenticeshipId: string; name: string }) {
  const s = await learningStatus(apprenticeshipId);
  const today = ukToday();
  const moved = s.movedPlannedEnd !== s.plannedEndDate;
  return (
    <section aria-labelledby="learning-heading" className="mt-8 space-y-4 bg-white p-5" data-testid="learning-status">
      <h2 id="learning-heading" className="text-xl font-bold">
        Learning status
      </h2>
      {s.breakSince && <BreakNotice since={s.breakSince} />}
      <dl className="grid grid-cols-1 gap-x-8 gap-y-3 sm:grid-cols-3">
        <div className="border-b border-nhs-grey-4 pb-2">
          <dt className="text-sm text-nhs-grey-1">Status</dt>
          <dd className="font-bold">{STATUS_LABEL[s.status]}</dd>
        </div>
        <div className="border-b border-nhs-grey-4 pb-2">
          <dt className="text-sm text-nhs-grey-1">Planned end{moved ? ' (moved by breaks in learning)' : ''}</dt>
          <dd className="font-bold" data-testid="moved-planned-end">
            {formatDate(s.movedPlannedEnd)}
            {moved && <span className="block text-sm font-normal">Planned {formatDate(s.plannedEndDate)} before the breaks</span>}
          </dd>
        </div>
        {s.outcome && (
          <div className="border-b border-nhs-grey-4 pb-2">
            <dt className="text-sm text-nhs-grey-1">Actual end and off-the-job hours</dt>
            <dd className="font-bold">
              {s.outcome.actualEndDate ? formatDate(s.outcome.actualEndDate) : '–'}: {formatHours(s.outcome.actualOtjHours ?? 0)} hours
              {s.outcome.withdrawReasonLabel && <span className="block text-sm font-normal">Reason: {s.outcome.withdrawReasonLabel}</span>}
            </dd>
          </div>
        )}
      </dl>
      {s.breaks.length > 0 && (
        <DataTable caption={`Breaks in learning of ${name}, newest first`} head={['From', 'Returned', 'Reason']}>
          {s.breaks.map((b) => (
            <tr key={b.id}>
              <td className="whitespace-nowrap">{formatDate(b.startDate)}</td>
              <td className="whitespace-nowrap">{b.endDate ? formatDate(b.endDate) : 'Not yet'}</td>
              <td>{b.reason}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {s.canManage && s.status === 'active' && (
        <div className="grid gap-8 md:grid-cols-2">
          <div>
            <h3 className="mb-2 text-lg font-bold">Record a break in learning</h3>
            <BreakStartForm apprenticeshipId={s.apprenticeshipId} version={s.version} today={today} action={startLearningBreakAction} />
          </div>
          <div>
            <h3 className="mb-2 text-lg font-bold">Record the end</h3>
            <OutcomeForm apprenticeshipId={s.apprenticeshipId} version={s.version} today={today} action={recordOutcomeAction} />
          </div>
        </div>
      )}
      {s.canManage && s.status === 'break_in_learning' && (
        <div className="grid gap-8 md:grid-cols-2">
          <div>
            <h3 className="mb-2 text-lg font-bold">Record the return</h3>
            <BreakEndForm apprenticeshipId={s.apprenticeshipId} version={s.version} today={today} action={endLearningBreakAction} />
          </div>
          <div>
            <h3 className="mb-2 text-lg font-bold">Record the end</h3>
            <OutcomeForm apprenticeshipId={s.apprenticeshipId} version={s.version} today={today} action={recordOutcomeAction} />
          </div>
        </div>
      )}
    </section>
  );
}

async function OtjSection({ apprenticeshipId, name, href, linkText }: { apprenticeshipId: string; name: string; href: string; linkText: string }) {
  const viewer = await requireViewer();
  const otj = await getOtjSummary(viewer, apprenticeshipId);
  return <OtjOverview s={otj} name={name} href={href} linkText={linkText} />;
}

/** The apprentice's audits of coded episodes (issue 19 point 1), newest first; the latest 20. */
async function AuditPracticeSection({ apprenticeId, name }: { apprenticeId: string; name: string }) {
  const viewer = await requireViewer();
  const audits = (await listAuditAttempts(viewer, { apprenticeId })).slice(0, 20);
  return (
    <section aria-labelledby="audit-practice-heading" className="mt-8">
      <h2 id="audit-practice-heading" className="mb-1 text-2xl font-bold">
        Audit practice
      </h2>
      {audits.length === 0 ? (
        <p className="bg-white p-4 text-nhs-grey-1">No audits of coded episodes yet.</p>
      ) : (
        <DataTable caption={`Audits of coded episodes by ${name}`} head={['Episode', 'Judgements right', 'Date']}>
          {audits.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/apprentice/practice/audit/attempts/${r.id}`} className="font-bold">
                  {r.title}
                </Link>
              </td>
              <td>
                {r.correct} of {r.of}
              </td>
              <td className="whitespace-nowrap">{formatDateTime(r.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

async function PracticeSection({ apprenticeId, name, page, hrefFor }: { apprenticeId: string; name: string; page: number; hrefFor: (page: number) => string }) {
  const viewer = await requireViewer();
  const attempts = await listAttemptPage(viewer, { apprenticeId, page });
  const first = (attempts.page - 1) * attempts.pageSize + 1;
  const last = Math.min(attempts.total, attempts.page * attempts.pageSize);
  return (
    <section aria-labelledby="attempts-heading">
      <h2 id="attempts-heading" className="mb-1 text-2xl font-bold">
        Coding practice
      </h2>
      {attempts.total > 0 && (
        <p className="mb-3 text-nhs-grey-1">
          {attempts.total > attempts.pageSize ? `Attempts ${first} to ${last} of ${attempts.total}, newest first.` : `${attempts.total} ${attempts.total === 1 ? 'attempt' : 'attempts'}, newest first.`}
        </p>
      )}
      <AttemptsTable rows={attempts.rows} caption={`Coding attempts by ${name}${attempts.total > attempts.pageSize ? `, page ${attempts.page}` : ''}`} />
      <Pagination total={attempts.total} page={attempts.page} pageSize={attempts.pageSize} hrefFor={hrefFor} />
    </section>
  );
}
