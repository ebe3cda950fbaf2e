// What an inspection of an uploaded file finds, as plain data: it crosses from the worker thread that
// reads the file (worker.ts) to the server (run.ts), which turns it into a message (messages.ts).
import type { InspectionLimits } from '../limits';

/** Where in a file something was found, in the terms its author knows (a header, a sheet, page 2). */
export type WhereKind =
  | 'text' // the main text of a Word document
  | 'page' // the text of a PDF page
  | 'annotation' // a PDF comment, link or form field
  | 'header'
  | 'footer'
  | 'footnote'
  | 'endnote'
  | 'comment'
  | 'tracked-change' // text only the document's tracked changes (deletions) still hold
  | 'field' // a field code (a hyperlink's address, a formula)
  | 'properties' // document properties: title, author, custom properties, PDF metadata
  | 'sheet'
  | 'sheet-name'
  | 'workbook-text' // text stored in the workbook that no cell shows, names of ranges
  | 'drawing' // charts, shapes, SmartArt, text boxes drawn on a sheet
  | 'link' // the address a link points to
  | 'bookmarks'
  | 'image-details' // text kept in a picture (EXIF, XMP, PNG text)
  | 'other'; // any other part, named by `part`

export type Where = { kind: WhereKind; page?: number; sheet?: string; part?: string; embedded?: boolean };

/** Content in a PDF that a viewer may run or open without the reader choosing to (issue 14, point 3). */
export type ActiveContent = 'javascript' | 'open-action' | 'page-action' | 'launch' | 'embedded-file' | 'xfa';

/** Which limit a file met: too many parts, too much unpacked, unpacked too many times over, nested too deep. */
export type TooBig = 'entries' | 'unpacked' | 'ratio' | 'depth' | 'pdf-stream';

export type Refusal =
  | { reason: 'nhs-number'; shown: string; where: Where }
  | { reason: 'active-content'; found: ActiveContent[] }
  | { reason: 'too-big'; limit: TooBig; part?: string }
  | { reason: 'encrypted' }
  | { reason: 'unreadable' }
  | { reason: 'timeout' }
  | { reason: 'memory' };

export type Inspection = { ok: true } | { ok: false; refusal: Refusal };

/** Thrown inside an inspection to stop at the first thing found; caught by inspectFile. */
export class Refused extends Error {
  constructor(public readonly refusal: Refusal) {
    super(`file refused: ${refusal.reason}`);
  }
}

/** Called with each piece of text a file holds and where it is; throws Refused on an NHS number. */
export type Check = (text: string, where: Where) => void;

/** Counts what is unpacked from one file, across its parts and the files inside it. */
export class Budget {
  unpacked = 0;
  constructor(public readonly limits: InspectionLimits) {}

  take(bytes: number, part?: string) {
    this.unpacked += bytes;
    if (this.unpacked > this.limits.maxUnpackedBytes) throw new Refused({ reason: 'too-big', limit: 'unpacked', part });
  }

  get left() {
    return this.limits.maxUnpackedBytes - this.unpacked;
  }
}
