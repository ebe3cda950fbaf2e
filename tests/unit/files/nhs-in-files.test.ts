import { describe, expect, it } from 'vitest';
import { inspectFile } from '@/lib/files/inspect/inspect-file';
import { refusalMessage } from '@/lib/files/inspect/messages';
import type { Inspection, Where } from '@/lib/files/inspect/types';
import { makeRawPdf, makeWorkbook, makeWordFile, pdfString, readZipEntries, w, writeZip, makePdf } from '../../fixtures/files';

// Issue 14, point 2: every part of every file type the app accepts. The reading itself is tested here
// in this thread (inspectFile); text.test.ts and bombs.test.ts go through the worker as uploads do.
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';
const N = '943 476 5919';

const found = (where: Where, shown = N): Inspection => ({ ok: false, refusal: { reason: 'nhs-number', shown, where } });

/** A Word file whose body lives in word/body.dat: only [Content_Types].xml says it is XML (Word follows it). */
function renamedBody() {
  const entries = readZipEntries(makeWordFile({ body: w.p(`Patient ${N}`) }));
  return writeZip(
    entries.map((e) => {
      if (e.name === 'word/document.xml') return { ...e, name: 'word/body.dat' };
      if (e.name === '[Content_Types].xml') return { ...e, data: String(e.data).replace('<Default Extension="xml"', '<Default Extension="dat" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Default Extension="xml"') };
      if (e.name === '_rels/.rels') return { ...e, data: String(e.data).replace('word/document.xml', 'word/body.dat') };
      return e;
    }),
  );
}

describe('an NHS number in any part of a Word document is refused, saying where', () => {
  const cases: [string, Buffer, Where, string?][] = [
    ['the body', makeWordFile({ body: w.p(`Patient ${N} was seen.`) }), { kind: 'text' }],
    ['the body, split across runs', makeWordFile({ body: w.p('Patient 94', '3 ', '476 59', '19 was seen.') }), { kind: 'text' }],
    ['adjacent table cells', makeWordFile({ body: w.table([['Episode 7', '943 476', '5919']]) }), { kind: 'text' }, '943 476 5919'],
    ['paragraphs one after the other', makeWordFile({ body: w.p('943') + w.p('476') + w.p('5919') }), { kind: 'text' }, '943 476 5919'],
    ['a text box', makeWordFile({ body: `<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>${w.p(N)}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>` }), { kind: 'text' }],
    ['a header', makeWordFile({ header: w.p(N) }), { kind: 'header' }],
    ['a footer', makeWordFile({ footer: w.p(`Page 1 · ${N}`) }), { kind: 'footer' }],
    ['a footnote', makeWordFile({ footnote: w.p(N) }), { kind: 'footnote' }],
    ['an endnote', makeWordFile({ endnote: w.p(N) }), { kind: 'endnote' }],
    ['a comment', makeWordFile({ comment: w.p(`Check ${N}`) }), { kind: 'comment' }],
    ['a tracked insertion', makeWordFile({ body: w.ins(N) }), { kind: 'text' }],
    ['a tracked deletion', makeWordFile({ body: w.del(N) }), { kind: 'tracked-change' }],
    ['a deletion beside other digits', makeWordFile({ body: `<w:p>${w.r('Patient 943 476 ')}<w:del w:id="3" w:author="Sam"><w:r><w:delText>5919</w:delText></w:r></w:del><w:ins w:id="4" w:author="Sam">${w.r('xxxx')}</w:ins></w:p>` }), { kind: 'tracked-change' }],
    ['the title (core properties)', makeWordFile({ core: { 'dc:title': `Audit of ${N}` } }), { kind: 'properties' }],
    ['the author (core properties)', makeWordFile({ core: { 'dc:creator': N } }), { kind: 'properties' }],
    ['the company (app properties)', makeWordFile({ app: { Company: N } }), { kind: 'properties' }],
    ['a custom property', makeWordFile({ custom: { 'Patient ref': N } }), { kind: 'properties' }],
    ['a custom property’s name', makeWordFile({ custom: { [N]: 'yes' } }), { kind: 'properties' }],
    ['a field code (a link’s address)', makeWordFile({ body: `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://x.example/?n=943</w:instrText></w:r><w:r><w:instrText>4765919" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` }), { kind: 'field' }, '9434765919'],
    ['the alt text of a picture', makeWordFile({ body: `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="Picture 1" descr="Scan of ${N}"/></wp:inline></w:drawing></w:r></w:p>` }), { kind: 'text' }],
    ['a document variable', makeWordFile({ extra: [{ name: 'word/settings.xml', data: `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docVars><w:docVar w:name="pt" w:val="${N}"/></w:docVars></w:settings>` }] }), { kind: 'other', part: 'word/settings.xml' }],
    ['custom XML data', makeWordFile({ extra: [{ name: 'customXml/item1.xml', data: `<root><patient>${N}</patient></root>` }] }), { kind: 'other', part: 'customXml/item1.xml' }],
    ['a part renamed so that only the content types say it is XML', renamedBody(), { kind: 'text' }],
    ['an external link’s address', makeWordFile({ extra: [{ name: 'word/_rels/extra.xml.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId99" Type="hyperlink" Target="https://x.example/9434765919" TargetMode="External"/></Relationships>` }] }), { kind: 'link' }, '9434765919'],
    ['a workbook embedded in it', makeWordFile({ extra: [{ name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', data: makeWorkbook({ sheets: [{ name: 'Data', rows: [[N]] }] }), store: true }] }), { kind: 'sheet', sheet: 'Data', embedded: true }],
  ];

  it.each(cases)('in %s', async (_, file, where, shown) => {
    expect(await inspectFile(file, DOCX)).toEqual(found(where, shown));
  });

  it('but not numbers that fail the check digit, nor unrelated numbers side by side in the properties', async () => {
    const file = makeWordFile({
      body: w.p('Ref 943 476 5918 and 943', '4765918.') + w.table([['1234', '567890']].map((r) => r.map((c) => `x${c}`))),
      header: w.p('Page 1 of 2'),
      core: { 'dc:title': 'Audit', 'dcterms:created': '2026-01-05T10:00:00Z' },
      app: { Pages: '1234', Words: '567890', Characters: '4321' },
      custom: { Batch: '943 476 5918' },
    });
    expect(await inspectFile(file, DOCX)).toEqual({ ok: true });
  });
});

describe('an NHS number in any part of an Excel workbook is refused, saying where', () => {
  const sheet = (rows: Parameters<typeof makeWorkbook>[0]['sheets']) => makeWorkbook({ sheets: rows });
  const cases: [string, Buffer, Where, string?][] = [
    ['a shared string', sheet([{ name: 'Audit', rows: [['Episode', N]] }]), { kind: 'sheet', sheet: 'Audit' }],
    ['an inline string', sheet([{ name: 'Audit', rows: [[{ inline: `NHS ${N}` }]] }]), { kind: 'sheet', sheet: 'Audit' }],
    ['a number', sheet([{ name: 'Audit', rows: [[{ n: '9434765919' }]] }]), { kind: 'sheet', sheet: 'Audit' }, '9434765919'],
    ['adjacent cells', sheet([{ name: 'Audit', rows: [['943 476', '5919']] }]), { kind: 'sheet', sheet: 'Audit' }],
    ['a number split over cells', sheet([{ name: 'Audit', rows: [[{ n: '943476' }, { n: '5919' }]] }]), { kind: 'sheet', sheet: 'Audit' }, '943476 5919'],
    ['a formula’s result', sheet([{ name: 'Audit', rows: [[{ formula: 'A1', result: N }]] }]), { kind: 'sheet', sheet: 'Audit' }],
    ['a formula’s text', sheet([{ name: 'Audit', rows: [[{ formula: '"943 476 "&"5919"', result: '' }]] }]), { kind: 'sheet', sheet: 'Audit' }],
    ['a sheet’s name', sheet([{ name: `Pt ${N}`, rows: [] }]), { kind: 'sheet-name' }],
    ['a shared string no cell shows', makeWorkbook({ unusedStrings: [N] }), { kind: 'workbook-text' }],
    ['the author (core properties)', makeWorkbook({ core: { 'dc:creator': N } }), { kind: 'properties' }],
    ['a custom property', makeWorkbook({ custom: { Patient: N } }), { kind: 'properties' }],
    ['a second sheet', sheet([{ name: 'Summary', rows: [['ok']] }, { name: 'Raw', rows: [['x', N]] }]), { kind: 'sheet', sheet: 'Raw' }],
  ];

  it.each(cases)('in %s', async (_, file, where, shown) => {
    expect(await inspectFile(file, XLSX)).toEqual(found(where, shown));
  });

  it('but not the position of a comment box (VML), even when its numbers would pass', async () => {
    // Anchor "2, 15, 0, 2, 4, 31, 4, 8": ten digits in groups, and 2150243148 passes Modulus 11.
    const vml = `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape><x:ClientData ObjectType="Note"><x:Anchor>2, 15, 0, 2, 4, 31, 4, 8</x:Anchor><x:Row>1</x:Row></x:ClientData></v:shape></xml>`;
    const broken = '<xml><v:shape><br></v:shape></xml>';
    const file = makeWorkbook({ extra: [{ name: 'xl/drawings/vmlDrawing1.vml', data: vml }, { name: 'xl/drawings/vmlDrawing2.vml', data: broken }] });
    expect(await inspectFile(file, XLSX)).toEqual({ ok: true });
  });

  it('but not dates side by side (stored as day counts), nor numbers that fail the check digit', async () => {
    // 45604 and 45605 (2024-11-08 and -09) side by side would read "45604 45605": valid (Modulus 11).
    expect(await inspectFile(sheet([{ name: 'Audit', rows: [[{ n: '45604' }, { n: '45605' }]] }]), XLSX)).toMatchObject({ ok: false });
    const file = sheet([{ name: 'Audit', rows: [[{ date: 45604 }, { date: 45605 }], ['943 476 5918', { n: '1234567890' }]] }]);
    expect(await inspectFile(file, XLSX)).toEqual({ ok: true });
  });
});

describe('an NHS number anywhere in a PDF is refused, saying where', () => {
  const digitByDigit = (digits: string, order: (i: number[]) => number[] = (i) => i) =>
    order([...digits].map((_, i) => i)).map((i) => ({ x: 100 + i * 6, y: 700, text: digits[i]! }));
  const cases: [string, Buffer, Where, string?][] = [
    ['the text, each digit its own text object', makeRawPdf({ pages: [{ texts: digitByDigit('9434765919') }] }), { kind: 'page', page: 1 }, '9434765919'],
    ['the text, digits drawn out of order', makeRawPdf({ pages: [{ texts: digitByDigit('9434765919', (i) => [...i.slice(5), ...i.slice(0, 5)]) }] }), { kind: 'page', page: 1 }, '9434765919'],
    ['the text, in lines one under the other', makeRawPdf({ pages: [{ texts: [{ x: 72, y: 700, text: '943' }, { x: 72, y: 686, text: '476' }, { x: 72, y: 672, text: '5919' }] }] }), { kind: 'page', page: 1 }, '943 476 5919'],
    ['the text on page 2 of an object-stream PDF', makeRawPdf({ objectStream: true, pages: [{ texts: [{ x: 72, y: 700, text: 'Audit' }] }, { texts: [{ x: 72, y: 700, text: `Patient ${N}` }] }] }), { kind: 'page', page: 2 }],
    ['Arabic-Indic digits, which pdf.js puts in right-to-left order', makeRawPdf({ pages: [{ texts: [{ x: 72, y: 700, text: 'NHS: ٩٤٣ ٤٧٦ ٥٩١٩.' }] }] }), { kind: 'page', page: 1 }, '٩٤٣ ٤٧٦ ٥٩١٩'],
    ['the document information', makeRawPdf({ info: { Title: 'Audit', Author: N } }), { kind: 'properties' }],
    ['a custom document information entry', makeRawPdf({ info: { Title: 'Audit', PatientRef: N } }), { kind: 'properties' }],
    ['the XMP metadata', makeRawPdf({ xmp: `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Keywords="${N}"/></rdf:RDF></x:xmpmeta>` }), { kind: 'properties' }],
    ['a comment (annotation)', makeRawPdf({ pages: [{ texts: [], annots: [`<< /Type /Annot /Subtype /Text /Rect [10 10 30 30] /Contents ${pdfString(`See ${N}`)} >>`] }] }), { kind: 'annotation', page: 1 }],
    ['a form field’s value', makeRawPdf({ catalog: '/AcroForm << /Fields [300 0 R] >>', pages: [{ texts: [], annots: [`<< /Type /Annot /Subtype /Widget /FT /Tx /T (nhs) /V ${pdfString(N)} /Rect [10 10 200 30] /P 10 0 R >>`] }] }), { kind: 'annotation', page: 1 }],
    ['a bookmark', makeRawPdf({ catalog: '/Outlines 100 0 R', objects: ['<< /Type /Outlines /First 101 0 R /Last 101 0 R /Count 1 >>', `<< /Title ${pdfString(N)} /Parent 100 0 R /Dest [10 0 R /Fit] >>`] }), { kind: 'bookmarks' }],
  ];

  it.each(cases)('in %s', async (_, file, where, shown) => {
    expect(await inspectFile(file, PDF)).toEqual(found(where, shown));
  });

  it('but not a number failing the check digit drawn digit by digit, nor an ordinary pdfkit PDF', async () => {
    expect(await inspectFile(makeRawPdf({ pages: [{ texts: digitByDigit('9434765918') }] }), PDF)).toEqual({ ok: true });
    expect(await inspectFile(await makePdf(['An audit of twenty episodes.', 'Page two.']), PDF)).toEqual({ ok: true });
  });
});

describe('pictures', () => {
  it('refuses an NHS number in a PNG text chunk or a JPEG comment, and accepts plain ones', async () => {
    const { makePng, makeJpeg } = await import('../../fixtures/files');
    const png = makePng();
    const chunk = (type: string, data: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
    };
    const withText = Buffer.concat([png.subarray(0, png.length - 12), chunk('tEXt', Buffer.from(`Description\0Patient ${N}`, 'latin1')), png.subarray(png.length - 12)]);
    expect(await inspectFile(withText, 'image/png')).toEqual(found({ kind: 'image-details' }));
    const jpeg = makeJpeg();
    const comment = Buffer.from(`NHS ${N}`);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(comment.length + 2);
    const withComment = Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xfe]), len, comment, jpeg.subarray(2)]);
    expect(await inspectFile(withComment, 'image/jpeg')).toEqual(found({ kind: 'image-details' }));
    expect(await inspectFile(png, 'image/png')).toEqual({ ok: true });
    expect(await inspectFile(jpeg, 'image/jpeg')).toEqual({ ok: true });
  });
});

describe('refusal messages', () => {
  it('say what was found and where, in the words of the program that made the file', () => {
    const say = (where: Where) => refusalMessage({ reason: 'nhs-number', shown: N, where }, 'audit.docx');
    expect(say({ kind: 'text' })).toBe('“audit.docx” contains “943 476 5919”, which looks like an NHS number. Remove it from the file and upload it again.');
    expect(say({ kind: 'page', page: 3 })).toBe('“audit.docx” (page 3) contains “943 476 5919”, which looks like an NHS number. Remove it from the file and upload it again.');
    expect(say({ kind: 'footer' })).toContain('contains “943 476 5919” in a footer, which looks like');
    expect(say({ kind: 'tracked-change' })).toContain('in a tracked change (deleted text is still in the file until the change is accepted)');
    expect(say({ kind: 'properties' })).toContain('in its document properties (in Word or Excel: File, Info, Properties;');
    expect(say({ kind: 'sheet', sheet: 'Audit', embedded: true })).toContain('on the sheet “Audit”, in a file embedded in it, which looks like');
  });

  it('keep the zip helpers honest: a package read back is the package written', () => {
    const file = makeWordFile({ header: w.p('x') });
    expect(writeZip(readZipEntries(file)).equals(file)).toBe(true);
  });
});
