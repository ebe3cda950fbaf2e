// Text kept inside a picture: PNG text chunks (tEXt, zTXt, iTXt) and EXIF (eXIf); JPEG comments and
// APPn segments (EXIF, XMP, IPTC). A camera or an editor writes a description, an author, a comment
// there, and anyone can. The pixels themselves are not read (that would need OCR).
import zlib from 'node:zlib';
import { checkXmp } from './pdf';
import { Refused, type Budget, type Check } from './types';

const WHERE = { kind: 'image-details' } as const;
const XMP_HEADER = 'http://ns.adobe.com/xap/1.0/\0';

/** Runs of readable text in binary metadata (as `strings` does), in UTF-8 and in UTF-16 (Windows' XP tags). */
function checkStrings(bytes: Buffer, check: Check) {
  const runs = (text: string) => text.split(/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]+/).filter((s) => s.trim().length >= 4);
  for (const s of runs(bytes.toString('utf8'))) check(s, WHERE);
  for (const offset of [0, 1]) {
    const even = bytes.subarray(offset, offset + ((bytes.length - offset) & ~1));
    for (const s of runs(even.toString('utf16le'))) if (/\d/.test(s)) check(s, WHERE);
  }
}

function inflate(data: Buffer, budget: Budget): Buffer {
  try {
    const out = zlib.inflateSync(data, { maxOutputLength: Math.max(1, budget.left) });
    budget.take(out.length, 'a text chunk');
    return out;
  } catch (e) {
    if (e instanceof Refused) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new Refused({ reason: 'too-big', limit: 'unpacked', part: 'a text chunk' });
    return Buffer.alloc(0); // damaged: a viewer shows nothing either
  }
}

export function inspectPng(bytes: Buffer, budget: Budget, check: Check) {
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, Math.min(bytes.length, at + 8 + length));
    at += 12 + length;
    if (type === 'IEND') break;
    const nul = data.indexOf(0);
    if (type === 'tEXt') {
      check(data.toString('latin1').replace(/\0/g, '\n'), WHERE);
    } else if (type === 'zTXt' && nul >= 0) {
      check(data.toString('latin1', 0, nul), WHERE);
      check(inflate(data.subarray(nul + 2), budget).toString('latin1'), WHERE);
    } else if (type === 'iTXt' && nul >= 0) {
      // keyword \0 compressed? method language \0 translated keyword \0 text
      const compressed = data[nul + 1] === 1;
      const langEnd = data.indexOf(0, nul + 3);
      const keyEnd = langEnd < 0 ? -1 : data.indexOf(0, langEnd + 1);
      if (keyEnd < 0) continue;
      check(data.toString('utf8', 0, keyEnd).replace(/\0/g, '\n'), WHERE);
      const text = compressed ? inflate(data.subarray(keyEnd + 1), budget) : data.subarray(keyEnd + 1);
      check(text.toString('utf8'), WHERE);
    } else if (type === 'eXIf') {
      checkStrings(data, check);
    }
  }
}

export async function inspectJpeg(bytes: Buffer, check: Check) {
  for (let at = 2; at + 4 <= bytes.length; ) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end, or the picture data starts
    const length = bytes.readUInt16BE(at + 2);
    const data = bytes.subarray(at + 4, Math.min(bytes.length, at + 2 + length));
    at += 2 + length;
    if (marker === 0xfe) check(data.toString('utf8'), WHERE); // a comment
    else if (marker >= 0xe0 && marker <= 0xef) {
      const isXmp = data.subarray(0, XMP_HEADER.length).toString('latin1') === XMP_HEADER;
      // XMP that is not well-formed XML is still read, as strings.
      if (isXmp) await checkXmp(data.subarray(XMP_HEADER.length).toString('utf8'), check, WHERE).catch((e: unknown) => (e instanceof Refused && e.refusal.reason === 'unreadable' ? checkStrings(data, check) : Promise.reject(e)));
      else checkStrings(data, check);
    }
  }
}
