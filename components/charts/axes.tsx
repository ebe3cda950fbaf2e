/**
 * Plain SVG axes drawn as @visx/axis draws them (same tick values from the scale, same lengths and
 * label offsets), without its per-tick groups, nested <svg> and <Text> measuring: a progress picture
 * has four charts, and visx's axes were a quarter of the page's elements and a few ms of its render.
 */
type Scale<T> = { (value: T): number | undefined; ticks: (count?: number) => T[]; range: () => number[] };

const TICK = 8;
const label = { fontSize: 10, fontFamily: 'Arial', fill: '#212b32' } as const;

export function LeftAxis<T>({ scale, numTicks, format, stroke }: { scale: Scale<T>; numTicks: number; format: (v: T) => string; stroke: string }) {
  const [bottom, top] = scale.range() as [number, number];
  return (
    <g>
      {scale.ticks(numTicks).map((v) => {
        const y = scale(v) ?? 0;
        return (
          <g key={String(v)}>
            <line x1={0} x2={-TICK} y1={y} y2={y} stroke={stroke} shapeRendering="crispEdges" strokeLinecap="square" />
            <text x={-TICK} y={y} dx="-0.25em" dy="0.25em" textAnchor="end" {...label}>
              {format(v)}
            </text>
          </g>
        );
      })}
      <line x1={0} x2={0} y1={bottom + 0.5} y2={top + 0.5} stroke={stroke} shapeRendering="crispEdges" />
    </g>
  );
}

export function BottomAxis<T>({ scale, top, numTicks, format, stroke }: { scale: Scale<T>; top: number; numTicks: number; format: (v: T) => string; stroke: string }) {
  const [left, right] = scale.range() as [number, number];
  return (
    <g transform={`translate(0, ${top})`}>
      {scale.ticks(numTicks).map((v) => {
        const x = scale(v) ?? 0;
        return (
          <g key={String(v)}>
            <line x1={x} x2={x} y1={0} y2={TICK} stroke={stroke} shapeRendering="crispEdges" strokeLinecap="square" />
            <text x={x} y={TICK + 10} dy="0.25em" textAnchor="middle" {...label}>
              {format(v)}
            </text>
          </g>
        );
      })}
      <line x1={left + 0.5} x2={right + 0.5} y1={0} y2={0} stroke={stroke} shapeRendering="crispEdges" />
    </g>
  );
}
