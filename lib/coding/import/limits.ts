// Bounds on the work one upload can cause. The real files are far inside them (ICD-10 5th Edition
// XML: 17,936 lines, about 2.6 MB; OPCS-4.11 XML: 12,125 lines), so a file beyond them is not a release.

export const MAX_BYTES = 50 * 1024 * 1024;
export const MAX_LINES = 200_000; // lines of a text file, elements of an XML one
export const MAX_PROBLEMS = 200; // then "… and N more": a wrong file should not produce a 200,000-line report
