// A PDF's text, metadata and annotations, read with pdf.js after pdf-syntax.ts has checked the file
// (no active content, no stream that unpacks past the limits, not encrypted).
//
// Text is checked twice per page: in the order the file draws it, and in reading order (lines top to
// bottom, left to right within a line). A file that draws each digit of a number as its own text
// object, or draws them out of order, shows one number on the page; reading order sees it too
// (issue 14, point 2). Pieces of a line that touch are joined with nothing between them, pieces with
// a gap with a space.
import { Refused, type ActiveContent, type Check, type Where } from './types';
import { readXml } from './xml';

type Item = { str: string; dir?: string; transform: number[]; width: number; height: number; hasEOL: boolean };

/** Reading order: horizontal pieces grouped into lines by baseline, lines top to bottom, pieces left to right. */
export function readingOrder(items: Item[]): string {
  type Piece = { str: string; x: number; y: number; end: number; size: number };
  const flat: Piece[] = [];
  const other: string[] = []; // rotated or vertical text: kept in drawing order, a line each
  for (const it of items) {
    // Blank items are pdf.js's own fillers for gaps (as wide as the gap); gaps are measured here.
    if (!it.str.trim()) continue;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = it.transform;
    const size = Math.hypot(c, d) || it.height || 1;
    if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0) other.push(it.str);
    else flat.push({ str: it.str, x: e, y: f, end: e + it.width, size });
  }
  flat.sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: Piece[][] = [];
  for (const p of flat) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - p.y) <= 0.5 * Math.min(line[0]!.size, p.size)) line.push(p);
    else lines.push([p]);
  }
  const text = lines.map((line) => {
    line.sort((p, q) => p.x - q.x);
    let out = '';
    let end = -Infinity;
    for (const p of line) {
      if (out && p.x - end > 0.2 * p.size) out += ' ';
      out += p.str;
      end = Math.max(end, p.end);
    }
    return out;
  });
  return [...text, ...other].join('\n');
}

// Between the digit groups of a number (as the matcher reads them): spaces, dashes, dots, slashes…
const GROUP = '[\\p{Nd}\\p{No}][\\p{Nd}\\p{No}\\p{M}\\p{Cf}]*';
const SEP = '[\\s\\p{Z}\\p{Pd}\\p{Cc}\\u2212./\\\\_,()]+';
const NUMBER_RUN = new RegExp(`${GROUP}(?:${SEP}${GROUP})+`, 'gu');

/**
 * pdf.js gives text it takes for right-to-left (Arabic, Hebrew, mostly Arabic-Indic digits) in logical
 * order: the groups of a number drawn "٧٦٥ ٦٦٧ ٨٤٩٢" come last to first, and punctuation beside the
 * number may move between its groups. The page's order is checked too: punctuation (not letters) made
 * a separator, then each run of digit groups reversed, split at every separator, at white space only,
 * and at all but the separators that hold digits together in either direction (. , / :).
 */
export function rightToLeftViews(text: string): string[] {
  const plain = text.replace(/[\p{P}\p{S}]/gu, (c) => (new RegExp(SEP, 'u').test(c) ? c : ' '));
  const reverseAt = (split: RegExp) =>
    plain.replace(NUMBER_RUN, (run) => {
      const parts = run.split(split);
      const groups = parts.filter((_, i) => i % 2 === 0).reverse();
      return parts.map((p, i) => (i % 2 === 0 ? groups[i / 2]! : p)).join('');
    });
  return [reverseAt(new RegExp(`(${SEP})`, 'u')), reverseAt(/(\s+)/u), reverseAt(/([^\S\u00a0]+|[\p{Pd}\u2212_()\\]+)/u)];
}

/** Every string in an annotation object (its contents, title, field value, link), each on its own. */
function stringsIn(value: unknown, out: string[], depth = 0) {
  if (depth > 5 || value === null || value === undefined) return;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out, depth + 1);
  else if (typeof value === 'object' && !ArrayBuffer.isView(value)) for (const v of Object.values(value)) stringsIn(v, out, depth + 1);
}

const PDF_ANNOTATION_FILEATTACHMENT = 17; // pdf.js AnnotationType.FILEATTACHMENT

/**
 * Reads the text of every page, every annotation, the document information, the XMP metadata and the
 * bookmarks, calling `check` with each; refuses the active content pdf.js itself finds (a second net
 * under pdf-syntax.ts): document, page and field scripts, attachments, an open action that is not a
 * place to go to.
 */
export async function inspectPdfContent(bytes: Uint8Array, check: Check): Promise<void> {
  const { getDocumentProxy } = await import('unpdf');
  // pdf.js takes over (detaches) the buffer it is given: give it a copy. No eval (font programs), no
  // console chatter about damaged files, no fonts fetched.
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
  } catch {
    throw new Refused({ reason: 'unreadable' });
  }
  try {
    const active = new Set<ActiveContent>();
    if (await pdf.getJSActions()) active.add('javascript');
    if (await pdf.getAttachments()) active.add('embedded-file');
    const open = (await pdf.getOpenAction()) as { action?: unknown } | null;
    if (open?.action) active.add('open-action');
    const fields = (await pdf.getFieldObjects()) as Record<string, { actions?: unknown }[]> | null;
    if (fields && Object.values(fields).some((list) => list.some((f) => f.actions && Object.keys(f.actions).length))) active.add('javascript');

    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const pageActions = await page.getJSActions();
      if (pageActions && Object.keys(pageActions).length) active.add('page-action');
      const annotations = (await page.getAnnotations({ intent: 'any' })) as { annotationType?: number; actions?: object; attachment?: unknown }[];
      for (const a of annotations) {
        if (a.annotationType === PDF_ANNOTATION_FILEATTACHMENT || a.attachment) active.add('embedded-file');
        if (a.actions && Object.keys(a.actions).length) active.add('javascript');
      }
      if (active.size) throw new Refused({ reason: 'active-content', found: [...active] });

      const content = await page.getTextContent();
      const items = (content.items as unknown[]).filter((i): i is Item => typeof i === 'object' && i !== null && 'str' in i);
      const drawn = items.map((i) => i.str + (i.hasEOL ? '\n' : '')).join('');
      const read = readingOrder(items);
      const here = { kind: 'page', page: n } as const;
      check(drawn, here);
      check(read, here);
      if (items.some((i) => i.dir === 'rtl')) for (const view of [...rightToLeftViews(drawn), ...rightToLeftViews(read)]) check(view, here);
      for (const a of annotations) {
        const strings: string[] = [];
        stringsIn(a, strings);
        for (const s of strings) check(s, { kind: 'annotation', page: n });
      }
      page.cleanup();
    }
    if (active.size) throw new Refused({ reason: 'active-content', found: [...active] });

    const { info, metadata } = (await pdf.getMetadata()) as { info: unknown; metadata: { getRaw(): string } | null };
    const infoStrings: string[] = [];
    stringsIn(info, infoStrings);
    for (const s of infoStrings) check(s, { kind: 'properties' });
    const xmp = metadata?.getRaw();
    if (xmp) await checkXmp(xmp, check);

    const outline = await pdf.getOutline();
    const titles: string[] = [];
    const walk = (items: { title: string; items: unknown[] }[] | null, depth = 0) => {
      if (!items || depth > 50) return;
      for (const i of items) {
        titles.push(i.title);
        walk(i.items as { title: string; items: unknown[] }[], depth + 1);
      }
    };
    walk(outline as { title: string; items: unknown[] }[] | null);
    for (const t of titles) check(t, { kind: 'bookmarks' });
    for (const label of (await pdf.getPageLabels()) ?? []) check(label, { kind: 'bookmarks' });
  } finally {
    await pdf.destroy();
  }
}

// XMP identifiers (uuid:…, xmp.did:…) are hexadecimal noise, not text anyone wrote.
const XMP_IDS = new Set(['about', 'DocumentID', 'InstanceID', 'OriginalDocumentID', 'documentID', 'instanceID']);

/** XMP (RDF/XML): every text node and every attribute value, each on its own. */
export async function checkXmp(xmp: string, check: Check, where: Where = { kind: 'properties' }): Promise<void> {
  const stack: string[] = [];
  await readXml([Buffer.from(xmp, 'utf8')], {
    open(name, attributes) {
      stack.push(name);
      for (const [k, v] of Object.entries(attributes)) if (!XMP_IDS.has(k)) check(v, where);
    },
    close() {
      stack.pop();
    },
    text(t) {
      if (t.trim() && !XMP_IDS.has(stack.at(-1) ?? '')) check(t, where);
    },
  });
}
