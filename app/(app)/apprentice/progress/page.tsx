import Link from 'next/link';
import type { Metadata } from 'next';
import { getOwnApprenticeship, getProgressPicture, listEvidence, listProgressReviews, preloadProgressSettings } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ProgressPicture } from '@/components/progress/progress-picture';
import { buttonLink } from '@/components/data-table';
import { ReviewsAndGateway } from '@/components/reviews/reviews-and-gateway';
import { PracticeToEvidence } from '@/components/practice/practice-to-evidence';
import { practiceToEvidenceAction } from './actions';

export const metadata: Metadata = { title: 'My progress' };

export default async function MyProgressPage({ searchParams }: { searchParams: Promise<{ ksb?: string }> }) {
  const viewer = await requireRole('apprentice');
  const [own] = await Promise.all([getOwnApprenticeship(viewer), preloadProgressSettings(viewer)]);
  if (!own)
    return (
      <>
        <PageHeader title="My progress" />
        <p>No apprenticeship is recorded for you yet.</p>
      </>
    );
  const { ksb } = await searchParams;
  const code = ksb && /^[KSB]\d{1,2}$/.test(ksb) ? ksb : undefined;
  const [picture, reviews, evidence] = await Promise.all([getProgressPicture(viewer, own.id), listProgressReviews(viewer, own.id), code ? listEvidence(viewer, { apprenticeId: viewer.userId, ksb: code }) : undefined]);
  return (
    <>
      <PageHeader title="My progress" lead="How far you are from gateway and the NCCQ: your KSB map, coding accuracy against the audit levels, and the gateway checklist.">
        <a href={`/api/progress/${own.id}/report`} className={buttonLink} download>
          Download progress report (PDF)
        </a>
        {/* issue 20: training plan */}
        <Link href="/apprentice/plan">My training plan</Link>
      </PageHeader>
      <ProgressPicture
        p={picture}
        selectedKsb={code}
        ksbEvidence={evidence}
        basePath="/apprentice/progress"
        practiseLinks
        ksbActions={code && picture.ksbMap.some((k) => k.code === code && k.state !== 'not_started') ? <PracticeToEvidence ksb={code} create={practiceToEvidenceAction} /> : undefined}
      />
      <ReviewsAndGateway viewer={viewer} apprenticeshipId={own.id} data={reviews} />
    </>
  );
}
