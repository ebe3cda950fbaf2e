import { GATEWAY_LINK_REFUSAL } from '@/lib/gateway/link';

/** An unknown, expired or withdrawn gateway pack link: one sentence, whichever it was (status 404). */
export default function GatewayLinkNotFound() {
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">Gateway pack</h1>
      <p className="text-lg">{GATEWAY_LINK_REFUSAL}</p>
    </>
  );
}
