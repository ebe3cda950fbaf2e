'use client';

/**
 * A line chart drawn from geometry worked out on the server (components/charts/rolling-chart.tsx). A
 * client component only so that the page sends these numbers once rather than the SVG markup twice
 * (the HTML and React's copy of it): it has no state and no effects. Axes are drawn as @visx/axis
 * draws them (ticks 8 long, the same label offsets), as one path per axis.
 */
export type ChartGeometry = {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  line: string;
  levels: { y: number; label: string; colour: string }[];
  yTicks: { at: number; label: string }[];
  xTicks: { at: number; label: string }[];
};

const TICK = 8;
const AXIS = '#4c6272';

export function ChartSvg({ geometry: g, label }: { geometry: ChartGeometry; label: string }) {
  const innerW = g.width - g.margin.left - g.margin.right;
  const innerH = g.height - g.margin.top - g.margin.bottom;
  return (
    <>
      <svg viewBox={`0 0 ${g.width} ${g.height}`} className="h-auto w-full" role="img" aria-label={label}>
        <g transform={`translate(${g.margin.left}, ${g.margin.top})`}>
          {g.levels.map((l) => (
            <line key={l.label} x1={0} x2={innerW} y1={l.y} y2={l.y} stroke={l.colour} strokeWidth={2} strokeDasharray="5 3" />
          ))}
          <path d={g.line} fill="none" stroke="#005eb8" strokeWidth={2.5} />
          <g textAnchor="end" fontSize={10} fontFamily="Arial" fill="#212b32">
            <path d={`M0,${innerH + 0.5}V0.5${g.yTicks.map((t) => `M0,${t.at}H${-TICK}`).join('')}`} stroke={AXIS} strokeLinecap="square" shapeRendering="crispEdges" />
            {g.yTicks.map((t) => (
              <text key={t.at} x={-TICK} y={t.at} dx="-0.25em" dy="0.25em">
                {t.label}
              </text>
            ))}
          </g>
          <g transform={`translate(0, ${innerH})`} textAnchor="middle" fontSize={10} fontFamily="Arial" fill="#212b32">
            <path d={`M0.5,0H${innerW + 0.5}${g.xTicks.map((t) => `M${t.at},0V${TICK}`).join('')}`} stroke={AXIS} strokeLinecap="square" shapeRendering="crispEdges" />
            {g.xTicks.map((t) => (
              <text key={t.at} x={t.at} y={TICK + 10} dy="0.25em">
                {t.label}
              </text>
            ))}
          </g>
        </g>
      </svg>
      {/* The levels are named in a key below the chart: on their lines, close levels (90% and 95%) overlapped each other and the trend. */}
      <ul className="mt-1 flex flex-wrap gap-x-4 text-sm text-nhs-grey-1">
        {g.levels.map((l) => (
          <li key={l.label} className="flex items-center gap-1.5">
            <svg width="24" height="8" aria-hidden>
              <line x1={0} x2={24} y1={4} y2={4} stroke={l.colour} strokeWidth={2} strokeDasharray="5 3" />
            </svg>
            {l.label}
          </li>
        ))}
      </ul>
    </>
  );
}
