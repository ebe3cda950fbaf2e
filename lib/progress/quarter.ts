/**
 * The calendar quarter a projected gateway falls in, as the cohort filter's value ('2027-Q1') and as people
 * read it ('Q1 2027'). By hand, not date-fns: the overview counts a thousand rows with it.
 */
export function gatewayQuarter(d: Date): string {
  return `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;
}

export function quarterLabel(quarter: string): string {
  const [year, q] = quarter.split('-');
  return `${q} ${year}`;
}
