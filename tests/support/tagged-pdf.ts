// Reads a PDF back the way a screen reader's PDF engine would (pdf.js, through unpdf): its mark info,
// language, title and viewer preferences, the structure tree of every page and the text. The tests of
// the tagged PDFs (lib/pdf/tagged.ts) assert on what this returns.
import { extractText, getDocumentProxy } from 'unpdf';

type StructNode = { role?: string; children?: StructNode[]; type?: string; id?: string };

export type TaggedPdfReading = {
  marked: boolean;
  lang: string | null;
  title: string | null;
  displayDocTitle: boolean;
  /** How many elements of each structure type the tree holds: each is one dictionary in the file, /S naming its type. */
  roles: Record<string, number>;
  /** Per page, the tree as nested roles: each element's role, then its child elements in brackets. */
  outlines: string[];
  /** Text drawn outside any marked content (should be none in a tagged PDF), and text marked as an artifact (footers). */
  untagged: string[];
  artifacts: string[];
  /** Per page, the text content. */
  pages: string[];
  text: string;
  totalPages: number;
  raw: string;
};

function outline(node: StructNode): string {
  const kids = (node.children ?? []).filter((c) => c.role);
  const inner = kids.map((c) => outline(c)).join(' ');
  return node.role === 'Root' ? inner : `${node.role}${inner ? `(${inner})` : ''}`;
}

export async function readTaggedPdf(bytes: Uint8Array | Buffer): Promise<TaggedPdfReading> {
  const data = new Uint8Array(bytes);
  const raw = Buffer.from(data).toString('latin1');
  const doc = await getDocumentProxy(new Uint8Array(data));
  const [markInfo, meta, prefs] = await Promise.all([doc.getMarkInfo(), doc.getMetadata(), doc.getViewerPreferences()]);
  const info = meta.info as { Title?: string; Language?: string };
  // pdfkit writes each structure element as its own object, uncompressed: counted from the file, as pdf.js
  // gives the tree only page by page.
  const roles: Record<string, number> = {};
  for (const [, role] of raw.matchAll(/\/S \/(\w+)\b/g)) roles[role!] = (roles[role!] ?? 0) + 1;
  const outlines: string[] = [];
  const untagged: string[] = [];
  const artifacts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tree = (await page.getStructTree()) as StructNode | null;
    outlines.push(tree ? outline(tree) : '');
    const open: string[] = [];
    for (const item of (await page.getTextContent({ includeMarkedContent: true })).items as { type?: string; tag?: string; str?: string }[]) {
      if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') open.push(item.tag ?? '');
      else if (item.type === 'endMarkedContent') open.pop();
      else if (item.str?.trim()) (open.includes('Artifact') ? artifacts : open.length ? null : untagged)?.push(item.str);
    }
  }
  const { text: pages, totalPages } = await extractText(await getDocumentProxy(new Uint8Array(data)), { mergePages: false });
  return {
    marked: markInfo?.Marked === true,
    lang: info.Language ?? null,
    title: info.Title ?? null,
    displayDocTitle: (prefs as { DisplayDocTitle?: boolean } | null)?.DisplayDocTitle === true,
    roles,
    outlines,
    untagged,
    artifacts,
    pages,
    text: pages.join('\n'),
    totalPages,
    raw,
  };
}
