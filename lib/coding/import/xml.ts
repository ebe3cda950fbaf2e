// The XML editions, read with saxes: a streaming parser that checks well-formedness, gives line numbers
// and never fetches or expands anything from a DTD. We refuse a DOCTYPE outright: the release files
// have none, and an internal subset could declare entities (the "billion laughs" kind) that a later
// reader of the same file might expand.
//
// Both editions are a root element (<DSV> for ICD-10, <dsv> for OPCS-4: the case differs between the
// two releases and carries no meaning, so either is accepted) holding one empty element per code.

import { SaxesParser } from 'saxes';
import { quote } from './codes';
import { MAX_LINES } from './limits';
import type { ImportProblem } from './types';

export type XmlElement = { name: string; attributes: Record<string, string>; line: number };
export type XmlWalk = { problems: ImportProblem[]; stopped: boolean; refusal: ImportProblem | null };

class Stop extends Error {}

/** Calls onCode for each <codeElement> under the root, in file order; anything else is a problem. */
export function walkReleaseXml(text: string, codeElement: string, onCode: (el: XmlElement) => void): XmlWalk {
  const walk: XmlWalk = { problems: [], stopped: false, refusal: null };
  const parser = new SaxesParser({ xmlns: false, position: true });
  const open: string[] = [];
  let tagLine = 1;
  let count = 0;
  const say = (line: number, message: string) => walk.problems.push({ line, message });

  parser.on('doctype', () => {
    say(parser.line, 'the file has a DOCTYPE declaration; release files have none, and it is not read');
    throw new Stop();
  });
  parser.on('error', (err) => {
    say(parser.line, `the XML is not well formed: ${err.message.replace(/^\d+:\d+: /, '')}`);
    throw new Stop();
  });
  // The tag's own line: by 'opentag' the parser may be past a multi-line tag's end.
  parser.on('opentagstart', () => {
    tagLine = parser.line;
  });
  parser.on('opentag', (tag) => {
    const parent = open.at(-1);
    open.push(tag.name);
    if (parent === undefined) {
      if (tag.name.toLowerCase() !== 'dsv') say(tagLine, `the root element is <${tag.name}>; a release file's is <DSV>`);
      return;
    }
    if (open.length > 2) return say(tagLine, `unexpected element <${tag.name}> inside <${parent}>`);
    if (tag.name !== codeElement) return say(tagLine, `unexpected element <${tag.name}>; expected <${codeElement}>`);
    if (++count > MAX_LINES) {
      walk.refusal = { line: 0, message: `the file has more than ${MAX_LINES.toLocaleString('en-GB')} <${codeElement}> elements; the limit is ${MAX_LINES.toLocaleString('en-GB')}` };
      throw new Stop();
    }
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attributes[k] = v.trim();
    onCode({ name: tag.name, attributes, line: tagLine });
  });
  parser.on('closetag', () => {
    open.pop();
  });
  const strayText = (t: string) => {
    if (open.length && t.trim()) say(parser.line, `unexpected text ${quote(t.trim())}`);
  };
  parser.on('text', strayText);
  parser.on('cdata', strayText);

  try {
    parser.write(text).close();
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    walk.stopped = true;
  }
  return walk;
}
