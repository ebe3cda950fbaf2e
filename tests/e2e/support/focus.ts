// Focus visible (WCAG 2.2 2.4.7, with 2.4.11's and 2.4.13's measures): each kind of interactive element on a
// page is photographed unfocused and focused, and the two pictures must differ by a contrasting indicator,
// not a tint. A kind is the element's tag, type and classes and the background it sits on, so one
// button style on a white card and the same in the blue header are two kinds; each is checked once a run.
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';

// Not what the keyboard skips (tabindex="-1": e.g. a chart's bar, a pointer's copy of the link beside it).
const INTERACTIVE = ':is(a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]):not([tabindex="-1"])';
/** Room around an element for an outline or an underline drawn outside its box. */
const MARGIN = 6;

export type FocusFinding = { page: string; kind: string; name: string; changed: number; needed: number; textContrast: number | null };

function luminance(r: number, g: number, b: number) {
  const c = [r, g, b].map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
}
export function contrast(a: [number, number, number], b: [number, number, number]) {
  const [hi, lo] = [luminance(...a), luminance(...b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Pixels whose colour changed with a contrast of at least 3:1 between the two states (2.4.13's measure). */
export function contrastingPixels(before: Buffer, after: Buffer): number {
  const a = PNG.sync.read(before);
  const b = PNG.sync.read(after);
  if (a.width !== b.width || a.height !== b.height) throw new Error('screenshots of different sizes');
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const pa: [number, number, number] = [a.data[i]!, a.data[i + 1]!, a.data[i + 2]!];
    const pb: [number, number, number] = [b.data[i]!, b.data[i + 1]!, b.data[i + 2]!];
    if (pa[0] === pb[0] && pa[1] === pb[1] && pa[2] === pb[2]) continue;
    if (contrast(pa, pb) >= 3) n++;
  }
  return n;
}

const parseRgb = (css: string): [number, number, number, number] | null => {
  const m = /rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:[,/]\s*([\d.]+))?\)/.exec(css);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
};

/**
 * Checks every kind of interactive element on the page not already in `seen`; answers the failures. The
 * indicator must change, at 3:1 or more, at least as many pixels as the element's perimeter (a 1 px ring),
 * and a focused element with its own opaque background must keep its text at 4.5:1 against it.
 */
export async function checkFocusIndicators(page: Page, seen: Set<string>): Promise<FocusFinding[]> {
  const findings: FocusFinding[] = [];
  const elements = await page.locator(INTERACTIVE).all();
  const kinds = await Promise.all(
    elements.map((el) =>
      el.evaluate((node) => {
        const e = node as HTMLElement;
        const r = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        // checkVisibility also sees what a closed <details> hides (content-visibility), which the box does not.
        const visible = r.width > 0 && r.height > 0 && e.checkVisibility({ visibilityProperty: true }) && style.visibility !== 'hidden' && !(e as HTMLButtonElement).disabled && !e.closest('[inert],[hidden]');
        let bg = 'rgba(0, 0, 0, 0)';
        for (let p: HTMLElement | null = e.parentElement; p; p = p.parentElement) {
          const c = getComputedStyle(p).backgroundColor;
          if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') {
            bg = c;
            break;
          }
        }
        const type = e.getAttribute('type') ?? '';
        return { visible, kind: `${e.tagName.toLowerCase()}[${type}].${[...e.classList].sort().join('.')} on ${bg}`, name: (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40) };
      }),
    ),
  );
  for (const [i, el] of elements.entries()) {
    const k = kinds[i]!;
    if (!k.visible || seen.has(k.kind)) continue;
    seen.add(k.kind);
    await el.scrollIntoViewIfNeeded();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const box = await el.boundingBox();
    if (!box) continue;
    const viewport = page.viewportSize()!;
    const x = Math.max(0, Math.floor(box.x - MARGIN));
    const y = Math.max(0, Math.floor(box.y - MARGIN));
    const clip = { x, y, width: Math.min(viewport.width - x, Math.ceil(box.width + 2 * MARGIN)), height: Math.min(viewport.height - y, Math.ceil(box.height + 2 * MARGIN)) };
    if (clip.width <= 0 || clip.height <= 0) continue;
    const before = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
    // A key press first: Chromium then treats a script's focus as keyboard focus, so :focus-visible applies.
    await page.keyboard.press('Shift');
    await el.focus();
    const state = await el.evaluate((node) => {
      const s = getComputedStyle(node);
      return { focusVisible: node.matches(':focus-visible'), color: s.color, background: s.backgroundColor };
    });
    const after = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
    const changed = contrastingPixels(before, after);
    const scale = PNG.sync.read(before).width / clip.width; // device pixels per CSS pixel
    const needed = Math.round(2 * (box.width + box.height) * scale);
    const fg = parseRgb(state.color);
    const bg = parseRgb(state.background);
    const textContrast = fg && bg && bg[3] === 1 ? contrast([fg[0], fg[1], fg[2]], [bg[0], bg[1], bg[2]]) : null;
    if (!state.focusVisible || changed < needed || (textContrast !== null && textContrast < 4.5)) {
      findings.push({ page: new URL(page.url()).pathname, kind: k.kind, name: k.name, changed, needed, textContrast });
    }
    await el.evaluate((node) => (node as HTMLElement).blur());
  }
  return findings;
}
