// XML read as a stream with saxes: chunk by chunk, never the whole part as one string. saxes checks
// well-formedness and never fetches or expands anything from a DTD (no "billion laughs"). Elements and
// attributes are given by their local names (w:t → t): Office files may bind any prefix to a namespace,
// and every namespace that matters here uses its names for text the same way.
import { SaxesParser } from 'saxes';
import { Refused } from './types';

export type XmlHandlers = {
  /** Also for a self-closing tag, which then gets its `close` at once. */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
};

export const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Feeds `chunks` (UTF-8, or UTF-16 with a byte order mark) to the handlers; refused as unreadable if it is not XML. */
export async function readXml(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) if (!k.startsWith('xmlns')) attributes[localName(k)] = v;
    handlers.open(localName(tag.name), attributes);
  });
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  parser.on('text', (t) => handlers.text(t));
  parser.on('cdata', (t) => handlers.text(t));

  let decoder: TextDecoder | null = null;
  for await (const chunk of chunks) {
    if (!decoder) {
      const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : null;
      decoder = new TextDecoder(utf16 ?? 'utf-8');
    }
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failed) throw new Refused({ reason: 'unreadable' });
  }
  if (decoder) parser.write(decoder.decode());
  parser.close();
  if (failed) throw new Refused({ reason: 'unreadable' });
}
