import { formatDate } from '@/lib/format';

/** The notice every view shows during a break in learning: what is paused. */
export function BreakNotice({ since }: { since: string }) {
  return (
    <p className="border-l-8 border-nhs-warm-yellow bg-white p-4" data-testid="break-notice">
      <strong className="text-lg">Break in learning</strong>
      <br />
      On a break in learning since {formatDate(since)}: the plan, the off-the-job expectation, KSB expectations and review dates are paused.
    </p>
  );
}
