/**
 * Verifies a push webhook from GitHub, Gitea or GitLab and extracts the pushed ref (pure apart
 * from hashing). GitHub signs the body with HMAC-SHA256 in `X-Hub-Signature-256: sha256=<hex>`,
 * Gitea in `X-Gitea-Signature: <hex>`, GitLab sends the shared secret in `X-Gitlab-Token`. All
 * comparisons are constant-time. A delivery id seen before is a replay.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The largest body accepted; push payloads of even large pushes are well below it. */
export const maxWebhookBytes = 1024 * 1024;

/** The forge a delivery came from. */
export type Provider = 'github' | 'gitea' | 'gitlab';

/** A verified push. */
export interface PushEvent {
  readonly provider: Provider;
  readonly delivery: string;
  readonly ref: string;
  readonly after: string;
}

/** The verdict on one request: a push, an accepted event that is not a push (ping), or a rejection with its HTTP status. */
export type WebhookVerdict =
  | { readonly kind: 'push'; readonly event: PushEvent }
  | { readonly kind: 'ignored'; readonly provider: Provider; readonly delivery: string; readonly reason: string }
  | { readonly kind: 'rejected'; readonly status: 400 | 401 | 409 | 413; readonly reason: string };

/** Lower-cased header name → value, as node:http gives them. */
export type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** Verifies `body` against `secret`; `seen(delivery)` says whether a delivery id was accepted before. */
export function verifyWebhook(
  headers: Headers,
  body: Uint8Array,
  secret: string,
  seen: (delivery: string) => boolean,
): WebhookVerdict {
  if (body.length > maxWebhookBytes)
    return { kind: 'rejected', status: 413, reason: `body larger than ${maxWebhookBytes} bytes` };
  const h = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  let provider: Provider;
  let event: string | undefined;
  let delivery: string | undefined;
  let authentic: boolean;
  // Gitea also sends GitHub's headers, so it is recognised first.
  if (h('x-gitea-event') !== undefined) {
    provider = 'gitea';
    event = h('x-gitea-event');
    delivery = h('x-gitea-delivery');
    authentic = signatureMatches(h('x-gitea-signature'), body, secret);
  } else if (h('x-github-event') !== undefined) {
    provider = 'github';
    event = h('x-github-event');
    delivery = h('x-github-delivery');
    const sig = h('x-hub-signature-256');
    authentic = sig?.startsWith('sha256=') === true && signatureMatches(sig.slice('sha256='.length), body, secret);
  } else if (h('x-gitlab-event') !== undefined) {
    provider = 'gitlab';
    event = h('x-gitlab-event');
    delivery = h('x-gitlab-event-uuid') ?? h('x-gitlab-webhook-uuid');
    authentic = constantTimeEqual(h('x-gitlab-token') ?? '', secret) && (h('x-gitlab-token') ?? '') !== '';
  } else {
    return { kind: 'rejected', status: 401, reason: 'no GitHub, Gitea or GitLab event headers: unsigned request' };
  }
  if (!authentic) return { kind: 'rejected', status: 401, reason: `${provider} signature or token missing or wrong` };
  if (!delivery)
    return { kind: 'rejected', status: 400, reason: `${provider} delivery id missing: replays could not be detected` };
  if (seen(delivery))
    return { kind: 'rejected', status: 409, reason: `delivery ${delivery} was already received (replay)` };
  const isPush = provider === 'gitlab' ? event === 'Push Hook' : event === 'push';
  if (!isPush) return { kind: 'ignored', provider, delivery, reason: `event ${event ?? ''} is not a push` };
  const payload = parsePush(body);
  if (!payload) return { kind: 'rejected', status: 400, reason: 'push payload is not JSON with "ref" and "after"' };
  return { kind: 'push', event: { provider, delivery, ...payload } };
}

/** The hex HMAC-SHA256 of `body` under `secret` (what GitHub and Gitea send). */
export function signBody(body: Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

function signatureMatches(hex: string | undefined, body: Uint8Array, secret: string): boolean {
  return hex !== undefined && hex !== '' && constantTimeEqual(hex.toLowerCase(), signBody(body, secret));
}

/** Constant-time string equality: both sides are hashed first, so lengths leak nothing either. */
function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

function parsePush(body: Uint8Array): { ref: string; after: string } | undefined {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(body));
    if (typeof v !== 'object' || v === null) return undefined;
    const ref = 'ref' in v ? v.ref : undefined;
    const after = 'after' in v ? v.after : undefined;
    return typeof ref === 'string' && typeof after === 'string' ? { ref, after } : undefined;
  } catch {
    return undefined; // not JSON: the caller answers 400
  }
}
