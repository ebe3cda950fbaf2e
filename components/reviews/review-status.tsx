import { StatusTag } from '@/components/status-tag';

type SignState = { awaiting: ('apprentice' | 'employer')[] };

export function reviewStatusText(r: SignState): string {
  if (r.awaiting.length === 0) return 'Signed by all';
  if (r.awaiting.length === 2) return 'Waiting for apprentice and employer';
  return r.awaiting[0] === 'apprentice' ? 'Waiting for apprentice' : 'Waiting for employer';
}

export function ReviewStatus({ r }: { r: SignState }) {
  return <StatusTag tone={r.awaiting.length === 0 ? 'green' : 'yellow'}>{reviewStatusText(r)}</StatusTag>;
}
