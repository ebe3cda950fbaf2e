import type { TickRendererProps } from '@visx/axis';

/*
 * @visx/axis draws its text with @visx/text, which wraps every label in <svg style="overflow: visible">.
 * In server-rendered HTML that is a style attribute, which our Content-Security-Policy blocks (no nonce can
 * cover an attribute; lib/security/headers.ts), and the labels would then be clipped away. These draw the
 * same text, at the same place, as plain SVG <text>.
 */

/** For an axis's `tickComponent`: the tick's label with @visx's offsets (dx, dy) as SVG text offsets. */
export function tickLabel({ formattedValue, verticalAnchor: _v, angle: _a, width: _w, scaleToFit: _s, lineHeight: _l, capHeight: _c, innerRef: _r, innerTextRef: _t, style: _style, ...props }: TickRendererProps) {
  return <text {...props}>{formattedValue}</text>;
}

/**
 * An axis title where @visx/axis puts its `label` (utils/getLabelTransform) for ticks 8 long with 12px labels:
 * `offset` is the axis's labelOffset (@visx defaults: 8 for AxisBottom, 36 for AxisLeft).
 */
export function AxisTitle({ orientation, range, offset, fill, fontSize = 12, children }: {
  orientation: 'left' | 'bottom';
  range: number[];
  offset: number;
  fill: string;
  fontSize?: number;
  children: string;
}) {
  const tickLength = 8;
  const tickLabelFontSize = Math.max(10, fontSize);
  const middle = (Number(range[0]) + Number(range.at(-1))) / 2;
  const place =
    orientation === 'bottom'
      ? { x: middle, y: tickLength + offset + tickLabelFontSize + fontSize }
      : { x: -middle, y: -(tickLength + offset), transform: 'rotate(-90)' };
  return (
    <text {...place} textAnchor="middle" fontFamily="Arial" fontSize={fontSize} fill={fill}>
      {children}
    </text>
  );
}
