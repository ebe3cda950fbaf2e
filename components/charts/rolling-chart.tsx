import { scaleLinear, scaleTime } from '@visx/scale';
import { formatMonth } from '@/lib/format';
import { ChartSvg, type ChartGeometry } from './chart-svg';

const WIDTH = 360;
const HEIGHT = 170;
const MARGIN = { top: 10, right: 10, bottom: 28, left: 36 };
// A tenth of a unit is finer than the chart's pixels; more digits only lengthen the page.
const r = (v: number | undefined) => Math.round((v ?? 0) * 10) / 10;

/**
 * One rolling audit figure over time with its two attainment levels. The scales and ticks are worked
 * out here on the server (the ticks @visx/axis would draw); ChartSvg only draws the numbers, so the
 * page carries a few strings per chart rather than every SVG element twice. The caller gives a text
 * summary (the figure's table sits beside it for screen readers).
 */
export function RollingChart({ points, first, second, label }: { points: { at: Date; percent: number }[]; first: number; second: number; label: string }) {
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const times = points.map((p) => p.at.getTime());
  const x = scaleTime({ domain: [new Date(Math.min(...times)), new Date(Math.max(...times, Math.min(...times) + 86_400_000))], range: [0, innerW] });
  const low = Math.max(0, Math.min(50, ...points.map((p) => Math.floor(p.percent / 10) * 10)));
  const y = scaleLinear({ domain: [low, 100], range: [innerH, 0] });
  const geometry: ChartGeometry = {
    width: WIDTH,
    height: HEIGHT,
    margin: MARGIN,
    line: points.map((p, i) => `${i ? 'L' : 'M'}${r(x(p.at))},${r(y(p.percent))}`).join(''),
    levels: [
      { y: r(y(first)), label: `First level ${first}%`, colour: '#ffb81c' },
      { y: r(y(second)), label: `Second level ${second}%`, colour: '#007f3b' },
    ],
    yTicks: y.ticks(4).map((v) => ({ at: r(y(v)), label: `${v}%` })),
    xTicks: x.ticks(4).map((d) => ({ at: r(x(d)), label: formatMonth(d) })),
  };
  return <ChartSvg geometry={geometry} label={label} />;
}
