import 'server-only';
import { openSharedGatewayPack } from '@/lib/dal/gateway-pack';
import { contentDisposition } from '@/lib/files/http';
import { GATEWAY_LINK_REFUSAL } from './link';

const HEADERS = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex, nofollow', 'X-Content-Type-Options': 'nosniff' };

/**
 * A download behind a gateway pack link (issue 20): the summary PDF or the ZIP, each opening logged. Unknown,
 * expired or withdrawn: the same sentence and 404, whichever it was. The token is never logged.
 */
export async function sharedPackDownload(request: Request, params: Promise<{ token: string }>, item: 'summary' | 'portfolio') {
  const { token } = await params;
  const opened = await openSharedGatewayPack(token, item, request.headers.get('user-agent'));
  if (!opened?.file) return new Response(GATEWAY_LINK_REFUSAL, { status: 404, headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
  const { file } = opened;
  return new Response(file.body, {
    headers: {
      ...HEADERS,
      'Content-Type': file.contentType,
      ...(file.sizeBytes !== null ? { 'Content-Length': String(file.sizeBytes) } : {}),
      'Content-Disposition': contentDisposition('attachment', file.fileName),
    },
  });
}
