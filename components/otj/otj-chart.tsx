import { scaleLinear } from '@visx/scale';
import { LinePath } from '@visx/shape';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { AxisTitle, tickLabel } from '@/components/charts/axis-text';
import { DataTable } from '@/components/data-table';
import { formatDate, formatMonth } from '@/lib/format';
import { formatHours, type OtjSeriesPoint } from '@/lib/otj/plan';

// Drawn on the server as plain SVG (no chart JavaScript in the browser); the same figures follow as a table.
const LOGGED = { stroke: '#005eb8' };
const PLANNED = { stroke: '#4c6272', dash: '6 4' };

export function OtjChart({ series, plannedOtjHours, asOf, plannedToDate, logged, compact = false }: {
  series: OtjSeriesPoint[];
  plannedOtjHours: number;
  asOf: string;
  plannedToDate: number;
  logged: number;
  compact?: boolean;
}) {
  const width = 720;
  const height = compact ? 220 : 280;
  const m = { top: 12, right: 20, bottom: 44, left: 52 };
  const weeks = Math.max(1, series.at(-1)?.week ?? 1);
  const shown = series.filter((p) => p.logged !== null);
  const top = Math.max(1, plannedOtjHours, ...shown.map((p) => p.logged!));
  const x = scaleLinear({ domain: [0, weeks], range: [0, width - m.left - m.right] });
  const y = scaleLinear({ domain: [0, top], range: [height - m.top - m.bottom, 0], nice: true });
  // Today's position, from the first point on or after it.
  const todayWeek = series.find((p) => p.date >= asOf)?.week;
  const ticks = Array.from(new Set(Array.from({ length: 7 }, (_, i) => Math.round((i * weeks) / 6))));
  const dateOfWeek = (w: number) => series.find((p) => p.week === w)?.date ?? series.at(-1)!.date;
  const label = `Off-the-job hours over the apprenticeship: ${formatHours(logged)} hours logged and counted against ${formatHours(plannedToDate)} planned by ${formatDate(asOf)}, of ${formatHours(plannedOtjHours)} planned in total by ${formatDate(series.at(-1)!.date)}.`;
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={label}>
        <Group left={m.left} top={m.top}>
          {y.ticks(4).map((v) => (
            <line key={v} x1={0} x2={x.range()[1]} y1={y(v)} y2={y(v)} stroke="#d8dde0" />
          ))}
          {todayWeek !== undefined && (
            <g>
              <line x1={x(todayWeek)} x2={x(todayWeek)} y1={0} y2={y.range()[0]} stroke="#212b32" strokeDasharray="2 3" />
              <text x={x(todayWeek) + 4} y={12} fill="#212b32" fontSize={12}>
                Today
              </text>
            </g>
          )}
          <LinePath data={series} x={(p) => x(p.week)} y={(p) => y(p.planned)} stroke={PLANNED.stroke} strokeWidth={2} strokeDasharray={PLANNED.dash} />
          <LinePath data={shown} x={(p) => x(p.week)} y={(p) => y(p.logged!)} stroke={LOGGED.stroke} strokeWidth={3} />
          <AxisLeft scale={y} numTicks={4} tickFormat={(v) => String(v)} stroke="#4c6272" tickStroke="#4c6272" tickLabelProps={{ fill: '#212b32', fontSize: 12 }} tickComponent={tickLabel} />
          <AxisTitle orientation="left" range={y.range()} offset={36} fill="#212b32">
            Hours
          </AxisTitle>
          <AxisBottom
            top={y.range()[0]}
            scale={x}
            tickValues={ticks}
            tickFormat={(v) => formatMonth(dateOfWeek(Number(v)))}
            stroke="#4c6272"
            tickStroke="#4c6272"
            tickLabelProps={{ fill: '#212b32', fontSize: 12 }}
            tickComponent={tickLabel}
          />
        </Group>
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-sm">
        <span className="inline-flex items-center gap-2">
          <svg width="28" height="8" aria-hidden>
            <line x1="0" x2="28" y1="4" y2="4" stroke={LOGGED.stroke} strokeWidth="3" />
          </svg>
          <span>
            Logged (queried hours not counted): <strong>{formatHours(logged)} hours</strong>
          </span>
        </span>
        <span className="inline-flex items-center gap-2">
          <svg width="28" height="8" aria-hidden>
            <line x1="0" x2="28" y1="4" y2="4" stroke={PLANNED.stroke} strokeWidth="2" strokeDasharray={PLANNED.dash} />
          </svg>
          <span>
            Plan: <strong>{formatHours(plannedToDate)} hours by today</strong>, {formatHours(plannedOtjHours)} in total
          </span>
        </span>
      </figcaption>
      <details className="mt-3">
        <summary className="cursor-pointer font-bold text-nhs-blue">Show the chart&apos;s figures as a table</summary>
        <div className="mt-2">
          <DataTable caption="Cumulative off-the-job hours, week by week: logged against planned" head={['Week', 'Date', 'Logged by then', 'Planned by then']}>
            {series.map((p) => (
              <tr key={p.week}>
                <td>{p.week}</td>
                <td className="whitespace-nowrap">{formatDate(p.date)}</td>
                <td>{p.logged === null ? '—' : formatHours(p.logged)}</td>
                <td>{formatHours(p.planned)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      </details>
    </figure>
  );
}
