'use server';
import { revalidatePath } from 'next/cache';
import { createGatewayPackLink, rebuildGatewayPack, revokeGatewayPackLink } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { runFormAction } from '@/lib/forms/run-action';
import { GatewayLinkInput, GatewayLinkRevokeInput, GatewayPackRebuildInput } from '@/lib/gateway/schemas';

// issue 20: the gateway pack page. The data access layer checks the trainer is assigned (or an admin).

/** A link for the end-point assessment organisation; the answer's path is shown once. */
export async function createGatewayLinkAction(input: unknown) {
  const viewer = await requireRole('trainer', 'admin');
  const result = await runFormAction(GatewayLinkInput, input, async (data) => {
    const link = await createGatewayPackLink(viewer, data);
    return { path: link.path, recipient: link.recipient, expiresAt: link.expiresAt.toISOString() };
  });
  if (result.ok) revalidatePath('/apprenticeships/[id]/gateway', 'page');
  return result;
}

export async function revokeGatewayLinkAction(input: unknown) {
  const viewer = await requireRole('trainer', 'admin');
  const result = await runFormAction(GatewayLinkRevokeInput, input, async (data) => (await revokeGatewayPackLink(viewer, data)).id);
  if (result.ok) revalidatePath('/apprenticeships/[id]/gateway', 'page');
  return result;
}

export async function rebuildGatewayPackAction(input: unknown) {
  const viewer = await requireRole('trainer', 'admin');
  const result = await runFormAction(GatewayPackRebuildInput, input, async (data) => (await rebuildGatewayPack(viewer, data)).id);
  if (result.ok) revalidatePath('/apprenticeships/[id]/gateway', 'page');
  return result;
}
