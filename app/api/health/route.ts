import { getFileStorage } from '@/lib/files/storage';

export const dynamic = 'force-dynamic';

/**
 * Up, and able to reach its file store: `{ ok, storage }`, where storage is `ok` or a short reason (the
 * store's own words, naming no host or secret: this answers anyone). 503 when the store cannot be used,
 * so a load balancer stops sending uploads and downloads to an instance that would fail them.
 */
export async function GET() {
  const storage = getFileStorage();
  try {
    await storage.check();
    return Response.json({ ok: true, storage: 'ok' });
  } catch (e) {
    return Response.json({ ok: false, storage: e instanceof Error ? e.message : 'unavailable' }, { status: 503 });
  }
}
