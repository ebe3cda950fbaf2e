import { format } from 'date-fns';
import { buildKsbMap, ksbMapCsv, otjCsv } from './ksb-map';
import { pieceFolder, pieceJson, placeFiles, readmeText, slugify, type PlacedFile } from './piece';
import type { PortfolioData, PortfolioPiece } from './types';

/** One entry of the ZIP: text made here, a PDF (made when it is written, one at a time), or a stored file read by key. */
export type ZipEntry =
  | { kind: 'text'; path: string; text: string }
  | { kind: 'ksb-map-pdf'; path: string }
  | { kind: 'piece-pdf'; path: string; piece: PortfolioPiece; files: PlacedFile[]; folder: string }
  | { kind: 'file'; path: string; storageKey: string; sizeBytes: number; sha256: string };

/**
 * Everything the ZIP will hold, in order, without reading a byte of any file: the count is the total
 * the progress bar runs to, and the builder writes the entries one at a time.
 */
export function planPortfolioZip(data: PortfolioData): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const files = data.evidence.reduce((n, p) => n + p.files.length, 0);
  entries.push({
    kind: 'text',
    path: 'README.txt',
    text: readmeText({ apprentice: data.apprentice, standard: data.standard, generatedAt: data.generatedAt, includesDrafts: data.includesDrafts, pieces: data.evidence.length, files, otjEntries: data.otj.length }),
  });
  entries.push({ kind: 'text', path: 'ksb-map.csv', text: ksbMapCsv(buildKsbMap(data.ksbs, data.evidence)) });
  entries.push({ kind: 'ksb-map-pdf', path: 'ksb-map.pdf' });
  entries.push({ kind: 'text', path: 'off-the-job-log.csv', text: otjCsv(data.otj) });
  data.evidence.forEach((piece, i) => {
    const folder = pieceFolder(i, piece.title, data.evidence.length);
    const placed = placeFiles(folder, piece);
    entries.push({ kind: 'piece-pdf', path: `${folder}/piece.pdf`, piece, files: placed, folder });
    entries.push({ kind: 'text', path: `${folder}/piece.json`, text: pieceJson(piece, placed, data.ksbs) });
    for (const f of placed) entries.push({ kind: 'file', path: f.path, storageKey: f.storageKey, sizeBytes: f.sizeBytes, sha256: f.sha256 });
  });
  return entries;
}

/** `portfolio-sam-whitfield-2026-11-29.zip` */
export const zipFileName = (apprenticeName: string, at: Date) => `portfolio-${slugify(apprenticeName)}-${format(at, 'yyyy-MM-dd')}.zip`;
