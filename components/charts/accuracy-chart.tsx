import { scaleLinear } from '@visx/scale';
import { LinePath } from '@visx/shape';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { AxisTitle, tickLabel } from './axis-text';
import { FIGURE_LABEL } from '@/lib/coding/format';
import type { FigureKey, TrendPoint } from '@/lib/coding/trend';

// Drawn on the server as plain SVG (no chart JavaScript in the browser); the same numbers follow as a table.
const COLOURS: Record<FigureKey, { stroke: string; dash?: string }> = {
  primaryDiagnosis: { stroke: '#005eb8' },
  secondaryDiagnoses: { stroke: '#007f3b', dash: '6 3' },
  primaryProcedure: { stroke: '#d5281b', dash: '2 3' },
  secondaryProcedures: { stroke: '#330072', dash: '10 3 2 3' },
};

export function AccuracyChart({ series, targets }: { series: Record<FigureKey, TrendPoint[]>; targets?: Partial<Record<FigureKey, number>> }) {
  const width = 720;
  const height = 260;
  const m = { top: 12, right: 16, bottom: 52, left: 48 };
  const n = Math.max(1, ...Object.values(series).map((s) => s.length));
  const x = scaleLinear({ domain: [1, Math.max(2, n)], range: [0, width - m.left - m.right] });
  const y = scaleLinear({ domain: [0, 1], range: [height - m.top - m.bottom, 0] });
  const keys = Object.keys(FIGURE_LABEL) as FigureKey[];
  const last = (k: FigureKey) => [...series[k]].reverse().find((p) => p.value !== null)?.value ?? null;
  const summary = keys.map((k) => `${FIGURE_LABEL[k]} ${last(k) === null ? 'not yet coded' : `${Math.round(last(k)! * 100)}%`}`).join(', ');
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={`Accuracy over your last ${n} attempts, rolling over 10: ${summary}.`}>
        <Group left={m.left} top={m.top}>
          {[0.25, 0.5, 0.75, 1].map((v) => (
            <line key={v} x1={0} x2={x.range()[1]} y1={y(v)} y2={y(v)} stroke="#d8dde0" />
          ))}
          {targets &&
            keys.map((k) =>
              targets[k] === undefined ? null : <line key={`t-${k}`} x1={0} x2={x.range()[1]} y1={y(targets[k]!)} y2={y(targets[k]!)} stroke={COLOURS[k].stroke} strokeOpacity={0.35} strokeWidth={1} />,
            )}
          {keys.map((k) => (
            <LinePath
              key={k}
              data={series[k].filter((p) => p.value !== null)}
              x={(p) => x(p.attempt)}
              y={(p) => y(p.value!)}
              stroke={COLOURS[k].stroke}
              strokeWidth={2.5}
              strokeDasharray={COLOURS[k].dash}
            />
          ))}
          <AxisLeft scale={y} tickFormat={(v) => `${Math.round(Number(v) * 100)}%`} tickValues={[0, 0.5, 1]} stroke="#4c6272" tickStroke="#4c6272" tickLabelProps={{ fill: '#212b32', fontSize: 12 }} tickComponent={tickLabel} />
          <AxisBottom
            top={y.range()[0]}
            scale={x}
            tickValues={Array.from(new Set(Array.from({ length: Math.min(n, 10) }, (_, i) => Math.round(1 + (i * (n - 1)) / Math.max(1, Math.min(n, 10) - 1)))))}
            tickFormat={(v) => String(v)}
            stroke="#4c6272"
            tickStroke="#4c6272"
            tickLabelProps={{ fill: '#212b32', fontSize: 12 }}
            tickComponent={tickLabel}
          />
          <Group top={y.range()[0]}>
            <AxisTitle orientation="bottom" range={x.range()} offset={8} fill="#212b32">
              Attempt
            </AxisTitle>
          </Group>
        </Group>
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-sm">
        {keys.map((k) => (
          <span key={k} className="inline-flex items-center gap-2">
            <svg width="28" height="8" aria-hidden>
              <line x1="0" x2="28" y1="4" y2="4" stroke={COLOURS[k].stroke} strokeWidth="3" strokeDasharray={COLOURS[k].dash} />
            </svg>
            {FIGURE_LABEL[k]}: <strong>{last(k) === null ? '—' : `${Math.round(last(k)! * 100)}%`}</strong>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
