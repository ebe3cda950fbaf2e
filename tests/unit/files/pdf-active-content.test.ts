import { describe, expect, it } from 'vitest';
import { FileRefused } from '@/lib/files/file-types';
import { inspectFile } from '@/lib/files/inspect/inspect-file';
import type { ActiveContent } from '@/lib/files/inspect/types';
import { refuseUnsafeFileContent } from '@/lib/files/text';
import { makePdf, makeRawPdf, pdfString, type RawPdf } from '../../fixtures/files';

// Issue 14, point 3: a PDF with an OpenAction JavaScript was accepted and ran in the trainer's preview
// frame without a click. Each PDF here is a few hundred bytes, written in the test.
const PDF = 'application/pdf';
const JS = '<< /S /JavaScript /JS (app.alert\\(document.cookie\\)) >>';

const active = async (spec: RawPdf) => {
  const result = await inspectFile(makeRawPdf(spec), PDF);
  return result.ok ? [] : result.refusal.reason === 'active-content' ? [...result.refusal.found].sort() : [result.refusal.reason];
};

describe('PDFs with active content are refused', () => {
  const cases: [string, RawPdf, ActiveContent[]][] = [
    ['JavaScript run on opening (OpenAction)', { catalog: `/OpenAction ${JS}` }, ['javascript', 'open-action']],
    ['the same, the action in an object of its own', { catalog: '/OpenAction 100 0 R', objects: [JS] }, ['javascript', 'open-action']],
    ['the same, inside a compressed object stream', { catalog: '/OpenAction 100 0 R', objects: [JS], objectStream: true }, ['javascript', 'open-action']],
    ['the same, its names spelled with #-escapes', { catalog: '/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>' }, ['javascript', 'open-action']],
    ['document-level JavaScript (the Names tree)', { catalog: '/Names << /JavaScript << /Names [(init) 100 0 R] >> >>', objects: [JS] }, ['javascript']],
    ['a page action (AA) that runs when the page opens', { pages: [{ texts: [], dict: `/AA << /O ${JS} >>` }] }, ['javascript', 'page-action']],
    ['document actions (AA) on closing or printing', { catalog: '/AA << /WC 100 0 R >>', objects: ['<< /S /Named /N /Print >>'] }, ['page-action']],
    ['a form field that runs a script when changed', { catalog: '/AcroForm << /Fields [300 0 R] >>', pages: [{ texts: [], annots: [`<< /Type /Annot /Subtype /Widget /FT /Tx /T (a) /Rect [0 0 9 9] /AA << /K ${JS} >> >>`] }] }, ['javascript', 'page-action']],
    ['a link that runs JavaScript', { pages: [{ texts: [], annots: [`<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A ${JS} >>`] }] }, ['javascript']],
    ['an open action that prints', { catalog: '/OpenAction << /S /Named /N /Print >>' }, ['open-action']],
    ['an open action that launches a program', { catalog: '/OpenAction 100 0 R', objects: ['<< /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >>'] }, ['launch', 'open-action']],
    ['a link that launches a file', { pages: [{ texts: [], annots: ['<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /Launch /F (evil.exe) >> >>'] }] }, ['launch']],
    ['an embedded file (EmbeddedFiles)', { catalog: '/Names << /EmbeddedFiles << /Names [(notes.exe) 100 0 R] >> >>', objects: ['<< /Type /Filespec /F (notes.exe) /EF << /F 200 0 R >> >>'], streams: [{ dict: '/Type /EmbeddedFile', data: Buffer.from('MZ') }] }, ['embedded-file']],
    ['a file attachment annotation', { pages: [{ texts: [], annots: ['<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS << /Type /Filespec /F (a.txt) /EF << /F 200 0 R >> >> >>'] }], streams: [{ dict: '/Type /EmbeddedFile', data: Buffer.from('hello') }] }, ['embedded-file']],
    ['an XFA form', { catalog: '/AcroForm << /Fields [] /XFA 100 0 R >>', objects: ['[(template) 200 0 R]'], streams: [{ dict: '', data: Buffer.from('<template/>') }] }, ['xfa']],
    ['JavaScript in an object that no cross-reference table lists', { objects: [`<< /Type /Action ${JS.slice(3, -3)} >>`] }, ['javascript']],
  ];

  it.each(cases)('%s', async (_, spec, found) => {
    expect(await active(spec)).toEqual(found);
  });

  it('says what was found and what to do, through the worker as uploads are checked', async () => {
    const e = await refuseUnsafeFileContent(makeRawPdf({ catalog: `/OpenAction ${JS}` }), PDF, 'audit.pdf').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(FileRefused);
    expect((e as FileRefused).status).toBe(400);
    expect((e as FileRefused).userMessage).toBe(
      '“audit.pdf” contains JavaScript and an action that runs when it is opened. PDFs with active content (scripts, actions that run by themselves, launching programs, attached files) are not accepted, as they could run on your trainer’s computer. Print it to a new PDF (Print, then “Save as PDF” or “Microsoft Print to PDF”) and upload that.',
    );
  });

  it('refuses an encrypted PDF, which could not be checked', async () => {
    expect(await active({ trailer: '/Encrypt 100 0 R', objects: ['<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>'] })).toEqual(['encrypted']);
  });

  it('accepts what ordinary PDFs carry: an open action that goes to a page, links to web pages, outlines, a text comment', async () => {
    expect(await active({ catalog: '/OpenAction [10 0 R /Fit] /PageMode /UseOutlines' })).toEqual([]);
    expect(await active({ catalog: '/OpenAction << /S /GoTo /D [10 0 R /XYZ 0 842 0] >>' })).toEqual([]);
    expect(await active({ pages: [{ texts: [], annots: ['<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (https://www.nhs.uk/) >> >>', `<< /Type /Annot /Subtype /Text /Rect [0 0 9 9] /Contents ${pdfString('Good audit.')} >>`] }] })).toEqual([]);
    // Strings that merely mention JavaScript are text, not actions.
    expect(await active({ pages: [{ texts: [{ x: 72, y: 700, text: '/JavaScript /OpenAction /AA /Launch' }] }], objects: ['<< /Subject (about /JavaScript /AA /Launch \\) /EmbeddedFiles) >>'] })).toEqual([]);
    expect(await inspectFile(await makePdf(['A reflection on coding.']), PDF)).toEqual({ ok: true });
  });
});
