import Link from 'next/link';
import { OtjChart } from './otj-chart';
import { OtjPlanFlag, OtjTotals } from './otj-totals';

type Summary = Parameters<typeof OtjTotals>[0]['s'] & { series: Parameters<typeof OtjChart>[0]['series'] };

/** The off-the-job section of an apprenticeship page: the flag, the totals and the chart, with a link to the log. */
export function OtjOverview({ s, name, href, linkText }: { s: Summary; name: string; href: string; linkText: string }) {
  return (
    <section aria-labelledby="otj-heading" className="mt-8 space-y-4 border border-nhs-grey-4 bg-white p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="otj-heading" className="text-2xl font-bold">
          Off-the-job training
        </h2>
        <Link href={href} className="font-bold">
          {linkText}
        </Link>
      </div>
      <OtjPlanFlag s={s} who={`${name} is`} />
      <OtjTotals s={s} showTypes={false} />
      <OtjChart compact series={s.series} plannedOtjHours={s.plan.plannedOtjHours} asOf={s.asOf} plannedToDate={s.progress.plannedToDate} logged={s.progress.logged} />
    </section>
  );
}
