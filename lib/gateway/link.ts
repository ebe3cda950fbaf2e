import { createHash, randomBytes } from 'node:crypto';

/**
 * The link a trainer gives the end-point assessment organisation: a random 32-byte token in the URL
 * (43 URL-safe characters), of which only the SHA-256 is stored, so a copy of the database opens no pack.
 */
export const newGatewayLinkToken = () => randomBytes(32).toString('base64url');
export const hashGatewayLinkToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
/** Anything but 43 URL-safe characters is no link (and no query). */
export const isGatewayLinkToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);
export const gatewayLinkPath = (token: string) => `/gateway-pack/${token}`;

export type GatewayLinkStatus = 'active' | 'expired' | 'revoked';
export const GATEWAY_LINK_STATUS_LABEL: Record<GatewayLinkStatus, string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };

/** Revoked wins over expired: the trainer's act is what the list should show. */
export function gatewayLinkStatus(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): GatewayLinkStatus {
  if (link.revokedAt) return 'revoked';
  return link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

/** When a link made now for `days` days stops working (days bounded by the funding settings' range). */
export function gatewayLinkExpiry(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
}

/** What a pack's opening log records: the page, or one of its two downloads. */
export const GATEWAY_OPENING_ITEMS = ['page', 'summary', 'portfolio'] as const;
export type GatewayOpeningItem = (typeof GATEWAY_OPENING_ITEMS)[number];
export const GATEWAY_OPENING_LABEL: Record<GatewayOpeningItem, string> = { page: 'Opened the page', summary: 'Downloaded the summary PDF', portfolio: 'Downloaded the portfolio ZIP' };

/** The same sentence for an unknown, expired or withdrawn link: which it was is not said. */
export const GATEWAY_LINK_REFUSAL = 'This link has expired or been withdrawn. Ask the training provider for a new one.';
