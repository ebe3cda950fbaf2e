/**
 * One page of a list of `total` rows: the page asked for, kept within the pages there are (a page
 * past the end, from an old link or a row deleted meanwhile, shows the last page rather than nothing),
 * and the rows to skip.
 */
export function pageWindow(total: number, requested: number, pageSize: number) {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be a positive whole number');
  const pages = Math.max(1, Math.ceil(Math.max(0, total) / pageSize));
  const page = Math.min(pages, Math.max(1, Number.isFinite(requested) ? Math.floor(requested) : 1));
  return { page, pages, pageSize, offset: (page - 1) * pageSize };
}
