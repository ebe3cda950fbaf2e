import { sharedPackDownload } from '@/lib/gateway/shared-route';

export const dynamic = 'force-dynamic';

/** The gateway pack's ZIP (the summary and the portfolio) behind a shared link (no account). */
export function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  return sharedPackDownload(request, params, 'portfolio');
}
