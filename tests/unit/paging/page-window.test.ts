import { describe, expect, it } from 'vitest';
import { pageWindow } from '@/lib/paging/page-window';

describe('a page of a list', () => {
  it('skips the rows of the pages before it', () => {
    expect(pageWindow(45, 3, 20)).toEqual({ page: 3, pages: 3, pageSize: 20, offset: 40 });
    expect(pageWindow(45, 1, 20)).toMatchObject({ page: 1, offset: 0 });
  });

  it('shows the last page for a page past the end (an old link, or rows deleted meanwhile)', () => {
    expect(pageWindow(45, 9, 20)).toMatchObject({ page: 3, pages: 3, offset: 40 });
  });

  it('has one (empty) page when there are no rows', () => {
    expect(pageWindow(0, 4, 20)).toEqual({ page: 1, pages: 1, pageSize: 20, offset: 0 });
  });

  it('treats a page below one, or not a number, as the first page', () => {
    expect(pageWindow(45, 0, 20).page).toBe(1);
    expect(pageWindow(45, -3, 20).page).toBe(1);
    expect(pageWindow(45, Number.NaN, 20).page).toBe(1);
    expect(pageWindow(45, 2.7, 20).page).toBe(2);
  });

  it('counts a full last page exactly', () => {
    expect(pageWindow(40, 2, 20)).toMatchObject({ pages: 2, offset: 20 });
    expect(pageWindow(41, 3, 20)).toMatchObject({ pages: 3, offset: 40 });
  });

  it('refuses a page size that is not a positive whole number', () => {
    expect(() => pageWindow(10, 1, 0)).toThrow(RangeError);
  });
});
