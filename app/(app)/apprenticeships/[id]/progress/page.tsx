import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getProgressPicture, getWeakestConventions, listEvidence, listProgressReviews } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ProgressPicture } from '@/components/progress/progress-picture';
import { buttonLink } from '@/components/data-table';
import { ReviewsAndGateway } from '@/components/reviews/reviews-and-gateway';
import { DrillsPanel } from '@/components/drills/drills-panel';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ ksb?: string }> };

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireRole('trainer', 'employer', 'admin');
  return { viewer, picture: await orNotFound(getProgressPicture(viewer, id)) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { picture } = await load((await params).id);
  return { title: `${picture.apprenticeship.apprenticeName}: progress` };
}

export default async function ApprenticeshipProgressPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { ksb } = await searchParams;
  const code = ksb && /^[KSB]\d{1,2}$/.test(ksb) ? ksb : undefined;
  const { viewer, picture } = await load(id);
  // Only once the picture has found the apprenticeship in scope, so a refusal is recorded once.
  const [reviews, drills, evidence] = await Promise.all([
    listProgressReviews(viewer, id),
    getWeakestConventions(viewer, id),
    code ? listEvidence(viewer, { apprenticeId: picture.apprenticeship.apprenticeId, ksb: code }).then((rows) => rows.filter((e) => e.status !== 'draft')) : undefined,
  ]);
  return (
    <>
      <p className="mb-4">
        <Link href={`/apprenticeships/${id}`}>← {picture.apprenticeship.apprenticeName}</Link>
      </p>
      <PageHeader title={`Progress: ${picture.apprenticeship.apprenticeName}`} lead={`${picture.apprenticeship.employerName}${picture.apprenticeship.cohortName ? ` · ${picture.apprenticeship.cohortName}` : ''}`}>
        <a href={`/api/progress/${id}/report`} className={buttonLink} download>
          Download progress report (PDF)
        </a>
        {/* issue 20: training plan */}
        <Link href={`/apprenticeships/${id}/plan`}>Training plan</Link>
      </PageHeader>
      <ProgressPicture p={picture} selectedKsb={code} ksbEvidence={evidence} basePath={`/apprenticeships/${id}/progress`}
        practiseLinks={false}
        drills={<DrillsPanel data={drills} name={picture.apprenticeship.apprenticeName} />}
      />
      <ReviewsAndGateway viewer={viewer} apprenticeshipId={id} data={reviews} />
    </>
  );
}
