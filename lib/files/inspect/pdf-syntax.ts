// A PDF read as syntax, before pdf.js opens it: every object of the file (also the ones packed into
// object streams, also ones no cross-reference table points to) is parsed to find active content
// (issue 14, point 3), and every stream pdf.js would unpack to read text is unpacked here first, within
// limits, so that a stream that expands to gigabytes is refused before pdf.js ever holds it.
//
// Active content is found by the dictionary keys and values that make it (ISO 32000-2):
// - JavaScript: a /JS key, a /JavaScript name tree, an action of type /JavaScript;
// - an open action (/OpenAction) that is an action rather than a place to open at (a GoTo is allowed);
// - additional actions (/AA) on the document, a page, a link or a form field: they run on events;
// - a /Launch action (starts a program or opens a file);
// - embedded files: an /EmbeddedFiles name tree, an /EmbeddedFile stream, an /EF in a file
//   specification, a /FileAttachment annotation, /RichMedia, a /GoToE action;
// - an XFA form (/XFA), which carries its own scripts.
// Names are compared after #xx escapes are undone (/J#61vaScript is /JavaScript).
import zlib from 'node:zlib';
import { Refused, type ActiveContent, type Budget } from './types';

type Name = { name: string };
type Ref = { ref: string };
type Value = Name | Ref | Dict | Value[] | string | number | null;
type Dict = Map<string, Value>;

const isName = (v: Value | undefined, name?: string): v is Name => typeof v === 'object' && v !== null && 'name' in v && (name === undefined || v.name === name);
const isDict = (v: Value | undefined): v is Dict => v instanceof Map;

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

type Token = { t: '<<' | '>>' | '[' | ']' | '{' | '}' | 'name' | 'string' | 'word' | 'eof'; v: string; end: number };

/** PDF tokens over a latin1 string (one character per byte). */
class Lexer {
  constructor(
    readonly src: string,
    public pos = 0,
  ) {}

  next(): Token {
    const s = this.src;
    for (;;) {
      while (this.pos < s.length && WHITE.has(s.charCodeAt(this.pos))) this.pos++;
      if (s[this.pos] === '%') {
        while (this.pos < s.length && s[this.pos] !== '\n' && s[this.pos] !== '\r') this.pos++;
        continue;
      }
      break;
    }
    if (this.pos >= s.length) return { t: 'eof', v: '', end: this.pos };
    const c = s[this.pos]!;
    if (c === '<' && s[this.pos + 1] === '<') return this.tok('<<', '', 2);
    if (c === '>' && s[this.pos + 1] === '>') return this.tok('>>', '', 2);
    if (c === '[' || c === ']' || c === '{' || c === '}') return this.tok(c, '', 1);
    if (c === '<') {
      const end = s.indexOf('>', this.pos);
      const to = end < 0 ? s.length : end + 1;
      const v = s.slice(this.pos + 1, to - 1);
      this.pos = to;
      return { t: 'string', v, end: to };
    }
    if (c === '(') return this.literal();
    if (c === '/') {
      let i = this.pos + 1;
      while (i < s.length && !WHITE.has(s.charCodeAt(i)) && !DELIM.has(s.charCodeAt(i))) i++;
      const raw = s.slice(this.pos + 1, i);
      this.pos = i;
      return { t: 'name', v: raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), end: i };
    }
    let i = this.pos;
    while (i < s.length && !WHITE.has(s.charCodeAt(i)) && !DELIM.has(s.charCodeAt(i))) i++;
    if (i === this.pos) i++; // a stray delimiter such as ')' or '>'
    const v = s.slice(this.pos, i);
    this.pos = i;
    return { t: 'word', v, end: i };
  }

  private tok(t: Token['t'], v: string, n: number): Token {
    this.pos += n;
    return { t, v, end: this.pos };
  }

  /** A (literal string) with nested parentheses and backslash escapes; only skipped, never decoded. */
  private literal(): Token {
    const s = this.src;
    let depth = 0;
    let i = this.pos;
    for (; i < s.length; i++) {
      const ch = s[i];
      if (ch === '\\') i++;
      else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) break;
    }
    const v = s.slice(this.pos + 1, i);
    this.pos = Math.min(s.length, i + 1);
    return { t: 'string', v, end: this.pos };
  }
}

/** Parses one object at the lexer's position; `onDict` sees every dictionary, nested ones included. */
function parseValue(lx: Lexer, onDict: (d: Dict) => void, depth = 0): Value | undefined {
  const tok = lx.next();
  return valueOf(lx, tok, onDict, depth);
}

function valueOf(lx: Lexer, tok: Token, onDict: (d: Dict) => void, depth: number): Value | undefined {
  if (depth > 100) return null; // deeper nesting is not a real document; pdf.js refuses it too
  switch (tok.t) {
    case '<<': {
      const d: Dict = new Map();
      for (;;) {
        const k = lx.next();
        if (k.t === '>>' || k.t === 'eof') break;
        if (k.t !== 'name') continue; // malformed: skip until the next key
        const v = parseValue(lx, onDict, depth + 1);
        if (v === undefined) break;
        d.set(k.v, v);
      }
      onDict(d);
      return d;
    }
    case '[': {
      const a: Value[] = [];
      for (;;) {
        const save = lx.pos;
        const t = lx.next();
        if (t.t === ']' || t.t === 'eof') break;
        lx.pos = save;
        const v = parseValue(lx, onDict, depth + 1);
        if (v === undefined) break;
        a.push(v);
      }
      return a;
    }
    case 'name':
      return { name: tok.v };
    case 'string':
      return tok.v;
    case 'word': {
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok.v)) {
        // "12 0 R" is a reference: look ahead without consuming unless it is one.
        const save = lx.pos;
        const g = lx.next();
        const r = lx.next();
        if (/^\d+$/.test(tok.v) && g.t === 'word' && /^\d+$/.test(g.v) && r.t === 'word' && r.v === 'R') return { ref: `${tok.v} ${g.v}` };
        lx.pos = save;
        return Number(tok.v);
      }
      return tok.v;
    }
    case '>>':
    case ']':
    case 'eof':
      return undefined;
    default:
      return null;
  }
}

export type PdfScan = { active: Set<ActiveContent>; encrypted: boolean };

type Stream = { dict: Dict; data: string };

/**
 * Finds active content anywhere in the file and unpacks every stream pdf.js could unpack for text,
 * within `maxPdfStreamBytes` each and `maxPdfUnpackedBytes` in all (refused past them).
 */
export function scanPdf(bytes: Uint8Array, budget: Budget): PdfScan {
  const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const active = new Set<ActiveContent>();
  let encrypted = false;
  const objects = new Map<string, { src: string; pos: number }>();
  const openActions: Value[] = [];
  let unpacked = 0;

  const onDict = (d: Dict) => {
    for (const [k, v] of d) {
      if (k === 'JS' || (k === 'JavaScript' && !isName(v))) active.add('javascript');
      else if (k === 'S' && isName(v, 'JavaScript')) active.add('javascript');
      else if (k === 'S' && isName(v, 'Launch')) active.add('launch');
      else if (k === 'S' && isName(v, 'GoToE')) active.add('embedded-file');
      else if (k === 'AA') active.add('page-action');
      else if (k === 'OpenAction') openActions.push(v);
      else if (k === 'EmbeddedFiles' || k === 'EF') active.add('embedded-file');
      else if ((k === 'Type' && isName(v, 'EmbeddedFile')) || (k === 'Subtype' && (isName(v, 'FileAttachment') || isName(v, 'RichMedia')))) active.add('embedded-file');
      else if (k === 'XFA') active.add('xfa');
      else if (k === 'Encrypt') encrypted = true;
    }
  };

  const unpack = (stream: Stream, what: string): Buffer | null => {
    const room = Math.min(budget.limits.maxPdfStreamBytes, budget.limits.maxPdfUnpackedBytes - unpacked);
    const out = decodeStream(stream, room);
    if (out === 'too-big') throw new Refused({ reason: 'too-big', limit: 'pdf-stream', part: what });
    if (out) unpacked += out.length;
    return out;
  };

  // Every "n g obj" in the file, in file order, with any stream that follows its dictionary.
  const lx = new Lexer(src);
  const objStreams: Stream[] = [];
  const streams: Stream[] = [];
  for (;;) {
    const tok = lx.next();
    if (tok.t === 'eof') break;
    if (tok.t === '<<') {
      // A dictionary outside any object: the trailer, or one in an object we did not see start.
      valueOf(lx, tok, onDict, 0);
      continue;
    }
    if (tok.t !== 'word' || tok.v !== 'obj') continue;
    const head = /(\d+)\s+(\d+)\s+$/.exec(src.slice(Math.max(0, tok.end - 3 - 24), tok.end - 3));
    const pos = lx.pos;
    if (head) objects.set(`${head[1]} ${head[2]}`, { src, pos });
    const value = parseValue(lx, onDict);
    const save = lx.pos;
    const after = lx.next();
    if (!(after.t === 'word' && after.v === 'stream' && isDict(value))) {
      lx.pos = save;
      continue;
    }
    const stream = streamAt(src, after.end, value);
    lx.pos = stream.end;
    const type = value.get('Type');
    const subtype = value.get('Subtype');
    if (isName(type, 'ObjStm')) objStreams.push(stream);
    else if (isName(type, 'XRef') || isName(type, 'EmbeddedFile') || isName(subtype, 'Image')) continue; // not read for text
    else streams.push(stream);
  }
  // An encrypted file's streams are ciphertext: it cannot be checked (and is refused for that).
  if (encrypted) return { active, encrypted };
  for (const stream of streams) unpack(stream, 'a stream');

  // Objects packed into object streams: "objnum offset" pairs, then the objects from /First.
  for (const stream of objStreams) {
    const data = unpack(stream, 'an object stream');
    if (!data) throw new Refused({ reason: 'unreadable' });
    const text = data.toString('latin1');
    const first = Number(stream.dict.get('First'));
    const n = Number(stream.dict.get('N'));
    const header = new Lexer(text);
    for (let i = 0; i < n && i < 1_000_000; i++) {
      const num = header.next();
      const off = header.next();
      if (num.t !== 'word' || off.t !== 'word') break;
      objects.set(`${num.v} 0`, { src: text, pos: first + Number(off.v) });
    }
    const body = new Lexer(text, Number.isFinite(first) ? first : 0);
    while (body.pos < text.length) {
      const before = body.pos;
      const v = parseValue(body, onDict);
      if (v === undefined && body.pos === before) break;
      if (v === undefined) continue;
    }
  }

  // An open action that goes to a place in the document is how most PDFs open; any other action runs.
  const resolve = (v: Value | undefined, hops = 0): Value | undefined => {
    if (typeof v === 'object' && v !== null && 'ref' in v) {
      const at = objects.get(v.ref);
      if (!at || hops > 8) return undefined;
      return resolve(parseValue(new Lexer(at.src, at.pos), () => {}), hops + 1);
    }
    return v;
  };
  for (const v of openActions) {
    const target = resolve(v);
    // A destination: an array (page and view), a name or a string (a named destination).
    if (target === undefined || target === null || Array.isArray(target) || typeof target === 'string' || isName(target)) continue;
    if (isDict(target) && (isName(target.get('S'), 'GoTo') || !target.has('S'))) continue;
    active.add('open-action');
  }
  return { active, encrypted };
}

/** A stream's raw data: /Length bytes when "endstream" follows them, else up to the next "endstream". */
function streamAt(src: string, afterKeyword: number, dict: Dict): Stream & { end: number } {
  let start = afterKeyword;
  if (src[start] === '\r') start++;
  if (src[start] === '\n') start++;
  const length = dict.get('Length');
  if (typeof length === 'number' && length >= 0 && /^\s*endstream/.test(src.slice(start + length, start + length + 32))) {
    return { dict, data: src.slice(start, start + length), end: start + length };
  }
  const end = src.indexOf('endstream', start);
  const stop = end < 0 ? src.length : end;
  return { dict, data: src.slice(start, stop).replace(/\r?\n$/, ''), end: stop };
}

const asList = (v: Value | undefined): Value[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/**
 * The stream unpacked through its filters, at most `room` bytes (else 'too-big'); null when it uses a
 * filter that is not read for text (pictures: DCT, JPX, JBIG2, CCITT) or cannot be unpacked.
 */
export function decodeStream(stream: Stream, room: number): Buffer | null | 'too-big' {
  const filters = asList(stream.dict.get('Filter') ?? stream.dict.get('F'));
  const params = asList(stream.dict.get('DecodeParms') ?? stream.dict.get('DP'));
  let data: Buffer = Buffer.from(stream.data, 'latin1');
  for (const [i, f] of filters.entries()) {
    if (!isName(f)) return null;
    const p = params[i];
    try {
      switch (f.name) {
        case 'FlateDecode':
        case 'Fl':
          data = inflate(data, room);
          break;
        case 'LZWDecode':
        case 'LZW':
          data = lzw(data, room, isDict(p) && p.get('EarlyChange') === 0 ? 0 : 1);
          break;
        case 'ASCIIHexDecode':
        case 'AHx':
          data = Buffer.from(data.toString('latin1').replace(/[^0-9a-fA-F]/g, '').replace(/^(.(..)*)$/, '$10'), 'hex');
          break;
        case 'ASCII85Decode':
        case 'A85':
          data = ascii85(data);
          break;
        case 'RunLengthDecode':
        case 'RL':
          data = runLength(data, room);
          break;
        default:
          return null;
      }
    } catch (e) {
      if (e instanceof TooBig) return 'too-big';
      return null;
    }
    if (data.length > room) return 'too-big';
    if (isDict(p) && typeof p.get('Predictor') === 'number' && (p.get('Predictor') as number) >= 10) data = unpredictPng(data, Number(p.get('Columns') ?? 1) * Number(p.get('Colors') ?? 1) * Math.max(1, Number(p.get('BitsPerComponent') ?? 8) / 8));
  }
  return data;
}

class TooBig extends Error {}

/** Bytes written one at a time into a buffer that grows, never past `room`. */
class Sink {
  buf = Buffer.alloc(4096);
  length = 0;
  constructor(private readonly room: number) {}
  reserve(n: number) {
    if (this.length + n > this.room) throw new TooBig();
    if (this.length + n > this.buf.length) {
      const bigger = Buffer.alloc(Math.min(Math.max(this.buf.length * 2, this.length + n), this.room));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
  }
  push(b: number) {
    this.reserve(1);
    this.buf[this.length++] = b;
  }
  done = () => this.buf.subarray(0, this.length);
}

function inflate(data: Buffer, room: number): Buffer {
  // Z_SYNC_FLUSH: a stream cut short still gives what it has, as pdf.js reads it.
  const options = { maxOutputLength: Math.max(1, room + 1), finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const bounded = (f: () => Buffer) => {
    try {
      return f();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new TooBig();
      throw e;
    }
  };
  let out: Buffer;
  try {
    out = bounded(() => zlib.inflateSync(data, options));
  } catch (e) {
    if (e instanceof TooBig) throw e;
    out = bounded(() => zlib.inflateRawSync(data, options)); // some writers leave out the zlib header
  }
  if (out.length > room) throw new TooBig();
  return out;
}

/** LZW as PDF uses it (ISO 32000-2 §7.4.4): codes of 9 to 12 bits, 256 clears the table, 257 ends. */
function lzw(data: Buffer, room: number, earlyChange: number): Buffer {
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const lengths = new Int32Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    lengths[i] = 1;
  }
  const out = new Sink(room);
  let next = 258;
  let bits = 9;
  let acc = 0;
  let accBits = 0;
  let prev = -1;
  const firstByte = (code: number) => {
    while (prefix[code]! >= 0) code = prefix[code]!;
    return suffix[code]!;
  };
  const write = (code: number) => {
    const n = lengths[code]!;
    out.reserve(n);
    for (let k = out.length + n - 1; k >= out.length; k--) {
      out.buf[k] = suffix[code]!;
      code = prefix[code]!;
    }
    out.length += n;
  };
  for (const byte of data) {
    acc = ((acc << 8) | byte) >>> 0;
    accBits += 8;
    while (accBits >= bits) {
      const code = (acc >>> (accBits - bits)) & ((1 << bits) - 1);
      accBits -= bits;
      acc &= (1 << accBits) - 1;
      if (code === 256) {
        next = 258;
        bits = 9;
        prev = -1;
        continue;
      }
      if (code === 257) return out.done();
      if (prev < 0) {
        if (code > 255) return out.done();
        write(code);
        prev = code;
        continue;
      }
      let first: number;
      if (code < next) {
        first = firstByte(code);
        write(code);
      } else if (code === next) {
        first = firstByte(prev);
        write(prev);
        out.push(first);
      } else return out.done(); // not LZW data: what came so far
      if (next < 4096) {
        prefix[next] = prev;
        suffix[next] = first;
        lengths[next] = lengths[prev]! + 1;
        next++;
      }
      prev = code;
      if (next + earlyChange >= 1 << bits && bits < 12) bits++;
    }
  }
  return out.done();
}

function ascii85(data: Buffer): Buffer {
  const s = data.toString('latin1').replace(/\s/g, '').replace(/^<~/, '').replace(/~>[^]*$/, '');
  const out = new Sink(s.length + 8);
  let group: number[] = [];
  const flush = (n: number) => {
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const d of group) v = v * 85 + d;
    for (let k = 3; k >= 4 - n; k--) out.push(Math.floor(v / 2 ** (k * 8)) & 0xff);
    group = [];
  };
  for (const ch of s) {
    if (ch === 'z' && group.length === 0) {
      for (let k = 0; k < 4; k++) out.push(0);
      continue;
    }
    const d = ch.charCodeAt(0) - 33;
    if (d < 0 || d > 84) continue;
    group.push(d);
    if (group.length === 5) flush(4);
  }
  if (group.length > 1) flush(group.length - 1);
  return out.done();
}

function runLength(data: Buffer, room: number): Buffer {
  const out = new Sink(room);
  for (let i = 0; i < data.length; ) {
    const n = data[i++]!;
    if (n === 128) break;
    if (n < 128) for (let k = 0; k <= n && i < data.length; k++) out.push(data[i++]!);
    else {
      const b = data[i++] ?? 0;
      for (let k = 0; k < 257 - n; k++) out.push(b);
    }
  }
  return out.done();
}

/** PNG predictors (10–15): each row starts with its filter type. */
function unpredictPng(data: Buffer, rowBytes: number): Buffer {
  const width = Math.max(1, Math.floor(rowBytes));
  const rows = Math.floor(data.length / (width + 1));
  const out = Buffer.alloc(rows * width);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (width + 1)]!;
    for (let c = 0; c < width; c++) {
      const x = data[r * (width + 1) + 1 + c]!;
      const left = c > 0 ? out[r * width + c - 1]! : 0;
      const up = r > 0 ? out[(r - 1) * width + c]! : 0;
      const upLeft = r > 0 && c > 0 ? out[(r - 1) * width + c - 1]! : 0;
      let v = x;
      if (type === 1) v = x + left;
      else if (type === 2) v = x + up;
      else if (type === 3) v = x + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        v = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      }
      out[r * width + c] = v & 0xff;
    }
  }
  return out;
}
