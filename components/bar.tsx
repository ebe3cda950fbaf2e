/**
 * A horizontal bar filled to `percent` of its track (the svg's box, sized by `className`). SVG so that
 * the length is an attribute: a server-rendered style="width: …" is blocked by the Content-Security-Policy
 * (lib/security/headers.ts), and a nonce cannot cover an attribute. `fill` is a colour or a fill-* class.
 */
export function Bar({ percent, className = '', fill }: { percent: number; className?: string; fill: string }) {
  const width = `${Math.round(Math.min(100, Math.max(0, percent)) * 10) / 10}%`;
  const colour = fill.startsWith('fill-') ? { className: fill } : { fill };
  return (
    <svg aria-hidden focusable="false" className={`block ${className}`}>
      <rect width={width} height="100%" {...colour} />
    </svg>
  );
}
