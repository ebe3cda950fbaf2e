import { scaleLinear, scaleTime } from '@visx/scale';
import { LinePath } from '@visx/shape';
import { Group } from '@visx/group';
import { format } from 'date-fns';
import { BottomAxis, LeftAxis } from './axes';

/**
 * One rolling audit figure over time with its two attainment levels, drawn on the server as SVG. The
 * caller gives a text summary (the figure's table sits beside it for screen readers).
 */
export function RollingChart({ points, first, second, label }: { points: { at: Date; percent: number }[]; first: number; second: number; label: string }) {
  const width = 360;
  const height = 170;
  const m = { top: 10, right: 10, bottom: 28, left: 36 };
  const innerW = width - m.left - m.right;
  const innerH = height - m.top - m.bottom;
  const times = points.map((p) => p.at.getTime());
  const x = scaleTime({ domain: [new Date(Math.min(...times)), new Date(Math.max(...times, Math.min(...times) + 86_400_000))], range: [0, innerW] });
  const low = Math.max(0, Math.min(50, ...points.map((p) => Math.floor(p.percent / 10) * 10)));
  const y = scaleLinear({ domain: [low, 100], range: [innerH, 0] });
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={label}>
      <Group left={m.left} top={m.top}>
        {[first, second].map((t, i) => (
          <g key={t}>
            <line x1={0} x2={innerW} y1={y(t)} y2={y(t)} stroke={i ? '#007f3b' : '#ffb81c'} strokeWidth={2} strokeDasharray="5 3" />
            {/* The second level's label above its line, the first's below, so close levels do not overlap. */}
            <text x={innerW} y={i ? y(t) - 3 : y(t) + 10} textAnchor="end" fontSize={10} fill="#4c6272">
              {i ? 'second level' : 'first level'} {t}%
            </text>
          </g>
        ))}
        <LinePath data={points} x={(p) => x(p.at)} y={(p) => y(p.percent)} stroke="#005eb8" strokeWidth={2.5} />
        <LeftAxis scale={y} numTicks={4} format={(v) => `${v}%`} stroke="#4c6272" />
        <BottomAxis top={innerH} scale={x} numTicks={4} format={(d) => format(d, 'MMM yy')} stroke="#4c6272" />
      </Group>
    </svg>
  );
}
