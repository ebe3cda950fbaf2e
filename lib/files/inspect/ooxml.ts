// The text of a Word or Excel file (Office Open XML: a zip of XML parts), every part of it, checked for
// NHS numbers (issue 14, point 2). Not only the body: headers, footers, footnotes, endnotes, comments,
// text boxes, tracked insertions and deletions, field codes, document properties (core, app, custom),
// alt text, link addresses, custom XML, charts and drawings; in a workbook shared and inline strings,
// cell values, formulas, sheet names and names of ranges; and files embedded in the file.
//
// How text is joined decides what is seen. Runs of a paragraph are joined with nothing between them
// (Word splits "9434765919" into runs wherever formatting or editing history changes); paragraphs,
// lines, table cells and rows are joined with a line break or a tab, which the matcher treats as a
// separator, so "943 476" and "5919" in adjacent cells are seen as one number, as the reader sees them.
// Anything that is not running text (a property, an attribute, a field code, a formula) is checked on
// its own, so that unrelated numbers side by side (a word count next to a page count) are not joined.
//
// Parts are recognised by their root element, not by their names: a document whose body was moved to
// another part name is still read as a body. Which parts are XML comes from [Content_Types].xml too.
import type yauzl from 'yauzl';
import { readXml } from './xml';
import { openZip, readPart, readWholePart, type ZipPart } from './zip';
import { Refused, type Budget, type Check, type Where, type WhereKind } from './types';

type Context = {
  budget: Budget;
  check: Check;
  /** Shared strings of the workbook, by index; cells refer to them. */
  sharedStrings: string[];
  /** Cell styles (index into cellXfs) whose number format shows a date or time. */
  dateStyles: Set<number>;
  /** Relationship targets by part: rels[part][id] = the part it points to. */
  rels: Map<string, Map<string, string>>;
  /** Sheet names by the sheet's part name. */
  sheetNames: Map<string, string>;
};

// The root element of a part says what it is, and where its text is for the reader.
const ROOT_WHERE: Record<string, WhereKind> = {
  document: 'text',
  hdr: 'header',
  ftr: 'footer',
  footnotes: 'footnote',
  endnotes: 'endnote',
  comments: 'comment',
  ThreadedComments: 'comment',
  worksheet: 'sheet',
  sst: 'workbook-text',
  workbook: 'workbook-text',
  coreProperties: 'properties',
  Properties: 'properties',
  chartSpace: 'drawing',
  wsDr: 'drawing',
  dataModel: 'drawing',
  drawing: 'drawing',
  sld: 'drawing',
  Relationships: 'link',
};

// Attributes that hold text someone wrote (names of sheets and properties, alt text, tooltips, authors,
// content-control titles, data-validation messages, WordArt): each checked on its own.
const TEXT_ATTRIBUTES = new Set(['name', 'descr', 'title', 'tooltip', 'instr', 'author', 'initials', 'string', 'displayName', 'prompt', 'promptTitle', 'error', 'errorTitle', 'display', 'displayText']);
// Elements whose `val` is text: document variables, content-control titles and tags, legacy form fields.
const VAL_IS_TEXT = new Set(['docVar', 'alias', 'tag', 'default', 'statusText', 'helpText', 'listEntry', 'result']);
// A pivot table's cached values are attributes (<s v="…"/>, <n v="…"/>).
const PIVOT_ROOTS = new Set(['pivotCacheRecords', 'pivotCacheDefinition']);
// Built-in Excel number formats that show dates or times (ECMA-376 §18.8.30, and the East Asian ones).
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
// What a date cell leaves in its row: a word, which no number runs across (see the sheet reader).
const DATE_CELL = '[date]';

const ext = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();
const dirOf = (name: string) => name.slice(0, name.lastIndexOf('/') + 1);

/** "xl/worksheets/../sharedStrings.xml" → "xl/sharedStrings.xml"; a leading "/" is from the package root. */
function resolvePart(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The part a .rels part describes: "xl/_rels/workbook.xml.rels" → "xl/workbook.xml". */
const relsSource = (relsPart: string) => dirOf(relsPart).replace(/_rels\/$/, '') + relsPart.slice(relsPart.lastIndexOf('/') + 1).replace(/\.rels$/i, '');

/** Whether an Excel number format code shows a date or time: d, m, y, h or s outside quotes, escapes and [brackets]. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/**
 * Reads every XML part of a package (and the packages embedded in it, to `maxDepth`), calling
 * `check` with its text. Refused on the first limit met or NHS number found.
 */
export async function inspectOfficeFile(bytes: Uint8Array, budget: Budget, check: Check, depth = 0): Promise<void> {
  if (depth > budget.limits.maxDepth) throw new Refused({ reason: 'too-big', limit: 'depth' });
  const embedded = depth > 0;
  const ctx: Context = {
    budget,
    check: embedded ? (text, where) => check(text, { ...where, embedded: true }) : check,
    sharedStrings: [],
    dateStyles: new Set(),
    rels: new Map(),
    sheetNames: new Map(),
  };
  const { zip, parts } = await openZip(bytes, budget);
  try {
    const types = await contentTypes(zip, parts, budget);
    const isXml = (name: string) => {
      const e = ext(name);
      if (e === 'xml' || e === 'rels' || e === 'vml') return true;
      const type = types.overrides.get(`/${name}`.toLowerCase()) ?? types.defaults.get(e) ?? '';
      return /[+/]xml$/i.test(type);
    };
    // Relationships first (sheet names need them), then the workbook, its styles and shared strings
    // (cells refer to them), then everything else.
    const rank = (name: string) => (ext(name) === 'rels' ? 0 : /(^|\/)(workbook|styles|sharedStrings)\.xml$/i.test(name) ? 1 : 2);
    const xmlParts = parts.filter((p) => p.name !== '[Content_Types].xml' && isXml(p.name)).sort((a, b) => rank(a.name) - rank(b.name));
    for (const part of xmlParts) {
      try {
        await readXmlPart(zip, part, ctx);
      } catch (e) {
        // Legacy VML (comment boxes in Excel) is not always well-formed XML; Office skips what it
        // cannot read there too. Any other part that is not XML makes the file unreadable.
        if (!(e instanceof Refused && e.refusal.reason === 'unreadable' && ext(part.name) === 'vml')) throw e;
      }
    }

    // Shared strings that no cell shows are still in the file.
    for (const s of ctx.sharedStrings) ctx.check(s, { kind: 'workbook-text' });

    // Files inside the file: a workbook in a Word document, a document in a workbook, any zip.
    for (const part of parts) {
      if (isXml(part.name) || !(/(^|\/)embeddings\//i.test(part.name) || /^(docx|docm|xlsx|xlsm|pptx|pptm|zip)$/.test(ext(part.name)))) continue;
      const inner = await readWholePart(zip, part, budget);
      if (inner[0] === 0x50 && inner[1] === 0x4b && inner[2] === 0x03 && inner[3] === 0x04) await inspectOfficeFile(inner, budget, ctx.check, depth + 1);
    }
  } finally {
    zip.close();
  }
}

async function contentTypes(zip: yauzl.ZipFile, parts: ZipPart[], budget: Budget) {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  const part = parts.find((p) => p.name === '[Content_Types].xml');
  if (part)
    await readXml(readPart(zip, part, budget), {
      open(name, a) {
        if (name === 'Default' && a.Extension && a.ContentType) defaults.set(a.Extension.toLowerCase(), a.ContentType);
        if (name === 'Override' && a.PartName && a.ContentType) overrides.set(a.PartName.toLowerCase(), a.ContentType);
      },
      close() {},
      text() {},
    });
  return { defaults, overrides };
}

async function readXmlPart(zip: yauzl.ZipFile, part: ZipPart, ctx: Context): Promise<void> {
  const { check } = ctx;
  const stack: string[] = [];
  let root = '';
  let where: Where = { kind: 'other', part: part.name };

  // Running text: what the reader sees with tracked changes accepted (final) and rejected (original).
  let final = '';
  let original = '';
  let fields = ''; // field codes, joined across runs
  let textDepth = 0; // inside <t>, <delText>
  let fieldDepth = 0; // inside <instrText>, <delInstrText>
  let deleted = 0; // inside <del>, <moveFrom>
  let inserted = 0; // inside <ins>, <moveTo>
  const append = (s: string) => {
    if (deleted === 0) final += s;
    if (inserted === 0) original += s;
  };

  // Workbook parts.
  let cell: { type: string; style: number; value: string; inline: string } | null = null;
  let sharedString: string | null = null;
  const formats = new Map<number, string>();
  const cellStyles: number[] = [];

  const inside = (name: string) => stack.includes(name);
  const own = (text: string, at: Where = where) => {
    const t = text.trim();
    if (t) check(t, at);
  };

  await readXml(readPart(zip, part, ctx.budget), {
    open(name, a) {
      if (!root) {
        root = name;
        const kind = ROOT_WHERE[name] ?? 'other';
        where = kind === 'other' ? { kind, part: part.name } : { kind };
        if (kind === 'sheet') {
          const sheet = ctx.sheetNames.get(part.name);
          where = sheet ? { kind, sheet } : { kind };
        }
      }
      stack.push(name); // saxes closes a self-closing tag with a closetag of its own

      // Attributes that are text.
      if (root === 'Relationships') {
        if (name === 'Relationship' && a.Id && a.Target) {
          const base = dirOf(relsSource(part.name));
          const forPart = relsSource(part.name);
          if (!ctx.rels.has(forPart)) ctx.rels.set(forPart, new Map());
          if (a.TargetMode === 'External') own(a.Target, { kind: 'link' });
          else ctx.rels.get(forPart)!.set(a.Id, resolvePart(base, a.Target));
        }
        return;
      }
      for (const [k, v] of Object.entries(a)) {
        if (TEXT_ATTRIBUTES.has(k) || (k === 'val' && VAL_IS_TEXT.has(name)) || (k === 'value' && name === 'listItem') || (k === 'v' && PIVOT_ROOTS.has(root)))
          own(v, root === 'workbook' && name === 'sheet' && k === 'name' ? { kind: 'sheet-name' } : where);
      }

      switch (name) {
        case 't':
        case 'delText':
          textDepth++;
          break;
        case 'instrText':
        case 'delInstrText':
          fieldDepth++;
          break;
        case 'fldChar':
          fields += '\n';
          break;
        case 'del':
        case 'moveFrom':
          deleted++;
          break;
        case 'ins':
        case 'moveTo':
          inserted++;
          break;
        case 'br':
        case 'cr':
          append('\n');
          break;
        case 'tab':
        case 'ptab':
          append('\t');
          break;
        case 'noBreakHyphen':
          append('-');
          break;
        case 'c':
          if (root === 'worksheet') cell = { type: a.t ?? 'n', style: Number(a.s ?? 0), value: '', inline: '' };
          break;
        case 'si':
          if (root === 'sst') sharedString = '';
          break;
        case 'numFmt':
          if (root === 'styleSheet' && a.numFmtId && a.formatCode !== undefined) formats.set(Number(a.numFmtId), a.formatCode);
          break;
        case 'xf':
          if (root === 'styleSheet' && inside('cellXfs')) cellStyles.push(Number(a.numFmtId ?? 0));
          break;
        case 'sheet':
          if (root === 'workbook' && a.name) {
            const relId = Object.entries(a).find(([k]) => k === 'id')?.[1];
            const target = relId && ctx.rels.get(part.name)?.get(relId);
            if (target) ctx.sheetNames.set(target, a.name);
          }
          break;
      }
    },

    close(name) {
      if (stack.at(-1) === name) stack.pop();
      switch (name) {
        case 't':
        case 'delText':
          textDepth = Math.max(0, textDepth - 1);
          break;
        case 'instrText':
        case 'delInstrText':
          fieldDepth = Math.max(0, fieldDepth - 1);
          break;
        case 'del':
        case 'moveFrom':
          deleted = Math.max(0, deleted - 1);
          break;
        case 'ins':
        case 'moveTo':
          inserted = Math.max(0, inserted - 1);
          break;
        case 'p': // a paragraph (Word or DrawingML)
          append('\n');
          break;
        case 'tc': // a table cell
          append('\t');
          break;
        case 'tr':
        case 'row':
          append('\n');
          break;
        case 'c':
          if (cell) {
            append(`${cellText(cell, ctx)}\t`);
            cell = null;
          }
          break;
        case 'si':
          if (sharedString !== null) ctx.sharedStrings.push(sharedString);
          sharedString = null;
          break;
      }
    },

    text(t) {
      // A VML shape's anchor ("2, 15, 0, 2, 4, 31, 4, 2") is where it sits, not text anyone reads.
      if (inside('ClientData')) return;
      if (sharedString !== null && textDepth > 0) sharedString += t;
      else if (cell && textDepth > 0) cell.inline += t;
      else if (cell && stack.at(-1) === 'v') cell.value += t;
      else if (textDepth > 0) append(t);
      else if (fieldDepth > 0) fields += t;
      else if (stack.at(-1) === 'f') {
        own(t);
        // ="943 476 "&"5919" and CONCATENATE("943 476 ","5919") show one number: join their strings.
        own(t.replace(/"\s*[&,;]\s*"/g, ''));
      } else own(t); // any other text: a property, a header of a sheet, custom XML
    },
  });

  if (root === 'styleSheet') cellStyles.forEach((id, i) => (DATE_FORMAT_IDS.has(id) || isDateFormat(formats.get(id) ?? '') ? ctx.dateStyles.add(i) : null));
  check(final, where);
  if (original !== final) check(original, { kind: 'tracked-change' });
  check(fields, { kind: 'field' });
}

/**
 * What a cell shows, as text: a shared or inline string, a formula's result, a number as stored. A
 * number formatted as a date (stored as a day count, 46000) is checked on its own and leaves a word in
 * the row: two dates side by side are not one ten-digit number.
 */
function cellText(cell: { type: string; style: number; value: string; inline: string }, ctx: Context): string {
  switch (cell.type) {
    case 's':
      return ctx.sharedStrings[Number(cell.value)] ?? '';
    case 'inlineStr':
      return cell.inline;
    case 'n':
      if (ctx.dateStyles.has(cell.style)) {
        if (cell.value.trim()) ctx.check(cell.value.trim(), { kind: 'workbook-text' });
        return DATE_CELL;
      }
      return cell.value;
    default: // str (a formula's text), b, e, d (ISO date)
      return cell.value;
  }
}
