// What the person uploading is told when a file is refused: what was wrong, where, and what to do.
import { INSPECTION_LIMITS, type InspectionLimits } from '../limits';
import type { ActiveContent, Refusal, Where } from './types';
import { listInWords } from '@/lib/format';

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** "in a header", "on the sheet “Audit”", "" for the main text (the message then reads as before). */
export function whereText(where: Where): string {
  const inner = ((): string => {
    switch (where.kind) {
      case 'text':
      case 'page':
        return '';
      case 'annotation':
        return `in a comment, link or form field on page ${where.page}`;
      case 'header':
        return 'in a header';
      case 'footer':
        return 'in a footer';
      case 'footnote':
        return 'in a footnote';
      case 'endnote':
        return 'in an endnote';
      case 'comment':
        return 'in a comment';
      case 'tracked-change':
        return 'in a tracked change (deleted text is still in the file until the change is accepted)';
      case 'field':
        return 'in a field code (such as a link’s address)';
      case 'properties':
        return 'in its document properties (in Word or Excel: File, Info, Properties; in a PDF: its title, author, subject or keywords)';
      case 'sheet':
        return where.sheet ? `on the sheet “${where.sheet}”` : 'on a sheet';
      case 'sheet-name':
        return 'in the name of a sheet';
      case 'workbook-text':
        return 'in the workbook (a cell, a date cell or a named range, possibly hidden)';
      case 'drawing':
        return 'in a chart, shape or text box';
      case 'link':
        return 'in the address of a link';
      case 'bookmarks':
        return 'in its bookmarks or page labels';
      case 'image-details':
        return 'in the picture’s details (its description, comment or other metadata)';
      case 'other':
        return `in a hidden part of the file (${where.part ?? 'unnamed'})`;
    }
  })();
  if (!where.embedded) return inner;
  return inner ? `${inner}, in a file embedded in it` : 'in a file embedded in it';
}

const ACTIVE: Record<ActiveContent, string> = {
  javascript: 'JavaScript',
  'open-action': 'an action that runs when it is opened',
  'page-action': 'actions that run by themselves when a page, link or form field is opened or used',
  launch: 'an action that launches a program or file',
  'embedded-file': 'attached (embedded) files',
  xfa: 'an XFA form, which can run scripts',
};


export function refusalMessage(refusal: Refusal, fileName: string, limits: InspectionLimits = INSPECTION_LIMITS): string {
  const name = `“${fileName}”`;
  const resave = 'Save it again from the program that made it (or save it as a PDF) and upload it again.';
  switch (refusal.reason) {
    case 'nhs-number': {
      const { where } = refusal;
      const page = where.kind === 'page' ? ` (page ${where.page})` : '';
      const at = whereText(where);
      return `${name}${page} contains “${refusal.shown}”${at ? ` ${at}` : ''}, which looks like an NHS number. Remove it from the file and upload it again.`;
    }
    case 'active-content':
      return `${name} contains ${listInWords(refusal.found.map((f) => ACTIVE[f]))}. PDFs with active content (scripts, actions that run by themselves, launching programs, attached files) are not accepted, as they could run on your trainer’s computer. Print it to a new PDF (Print, then “Save as PDF” or “Microsoft Print to PDF”) and upload that.`;
    case 'too-big':
      switch (refusal.limit) {
        case 'entries':
          return `${name} holds more than ${limits.maxZipEntries.toLocaleString('en-GB')} parts, far more than a Word or Excel file needs, so it was not read. ${resave}`;
        case 'ratio':
          return `${name} could not be checked: a part of it${refusal.part ? ` (${refusal.part})` : ''} expands to more than ${limits.maxRatio} times its size when unpacked, as files made to overload a server do. ${resave}`;
        case 'unpacked':
          return `${name} could not be checked: it expands to more than ${MB(limits.maxUnpackedBytes)} when unpacked (a Word or Excel file is a compressed folder of parts). Files that large inside are not accepted. ${resave} If it is very long, split it into smaller files.`;
        case 'pdf-stream':
          return `${name} could not be checked: part of it expands to more than ${MB(limits.maxPdfStreamBytes)} when unpacked (or to more than ${MB(limits.maxPdfUnpackedBytes)} in all). ${resave} If it is very long, split it into smaller files.`;
        case 'depth':
          return `${name} holds files inside files inside files, too deep to check. Remove the embedded files and upload it again.`;
      }
      break;
    case 'encrypted':
      return `${name} is protected (encrypted), so it could not be checked for patient identifiers or active content. Save it again without protection or a password and upload it again.`;
    case 'timeout':
      return `${name} took too long to check (more than ${Math.round(limits.timeoutMs / 1000)} seconds). ${resave} If it is very long, split it into smaller files.`;
    case 'memory':
      return `${name} needed too much memory to check. ${resave} If it is very long, split it into smaller files.`;
    case 'unreadable':
      break;
  }
  return `${name} could not be read to check it for patient identifiers: it may be damaged or protected by a password. Save it again without a password and upload it again.`;
}
