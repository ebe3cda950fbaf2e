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
  levels: { y: number; label: string; colour: string; above: boolean }[];
  yTicks: { at: number; label: string }[];
  xTicks: { at: number; label: string }[];
};

const TICK = 8;
const AXIS = '#4c6272';

export function ChartSvg({ geometry: g, label }: { geometry: ChartGeometry; label: string }) {
  const innerW = g.width - g.margin.left - g.margin.right;
  const innerH = g.height - g.margin.top - g.margin.bottom;
  return (
    <svg viewBox={`0 0 ${g.width} ${g.height}`} className="h-auto w-full" role="img" aria-label={label}>
      <g transform={`translate(${g.margin.left}, ${g.margin.top})`}>
        {g.levels.map((l) => (
          <g key={l.label}>
            <line x1={0} x2={innerW} y1={l.y} y2={l.y} stroke={l.colour} strokeWidth={2} strokeDasharray="5 3" />
            {/* One level's label above its line, the other's below, so close levels do not overlap. */}
            <text x={innerW} y={l.above ? l.y - 3 : l.y + 10} textAnchor="end" fontSize={10} fill={AXIS}>
              {l.label}
            </text>
          </g>
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
  );
}
