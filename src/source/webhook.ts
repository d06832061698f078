/** The webhook endpoint (node:http): `POST /webhook`, verified by `verifyWebhook`, answering 202 for a push. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FlotillaError } from '../api/index.ts';
import { maxWebhookBytes, verifyWebhook, type PushEvent, type WebhookVerdict } from './webhook-verify.ts';

/** The listen address cannot be used. */
export class WebhookListenFailed extends FlotillaError<{ listen: string }> {}

/** How many delivery ids are remembered for replay detection (oldest forgotten first). */
export const rememberedDeliveries = 10000;

/** A running webhook server. */
export interface WebhookServer {
  /** `host:port` actually bound (port 0 picks a free one). */
  readonly address: string;
  stop(): Promise<void>;
}

/** Options: listen address `host:port`, shared secret, and callbacks for pushes and for every verdict (logging). */
export interface WebhookOptions {
  readonly listen: string;
  readonly secret: string;
  readonly onPush: (event: PushEvent) => void;
  readonly onVerdict?: (verdict: WebhookVerdict) => void;
  /** Other routes served on the same port (the controller's /healthz, /readyz, /metrics); true when answered. */
  readonly routes?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  /** Serve no /webhook (a controller without a webhook secret): only `routes`. */
  readonly disabled?: boolean;
}

/** Starts the server. */
export async function startWebhook(o: WebhookOptions): Promise<WebhookServer> {
  const m = /^(.*):(\d+)$/.exec(o.listen);
  if (!m) throw new WebhookListenFailed(`--webhook-listen must be HOST:PORT (got "${o.listen}")`, { listen: o.listen });
  const seen = new Set<string>();
  const server = http.createServer((req, res) => {
    const answer = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(`${text}\n`);
    };
    if (o.routes?.(req, res)) return;
    if (o.disabled || req.method !== 'POST' || (req.url ?? '').split('?')[0] !== '/webhook')
      return answer(404, o.disabled ? 'not found' : 'POST /webhook');
    if (Number(req.headers['content-length'] ?? 0) > maxWebhookBytes) {
      req.resume();
      return answer(413, 'body too large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxWebhookBytes && !done) {
        done = true;
        answer(413, 'body too large');
        req.destroy();
        return;
      }
      if (!done) chunks.push(c);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const verdict = verifyWebhook(req.headers, Buffer.concat(chunks), o.secret, (d) => seen.has(d));
      o.onVerdict?.(verdict);
      if (verdict.kind === 'rejected') return answer(verdict.status, verdict.reason);
      remember(seen, verdict.kind === 'push' ? verdict.event.delivery : verdict.delivery);
      if (verdict.kind === 'push') o.onPush(verdict.event);
      answer(verdict.kind === 'push' ? 202 : 200, verdict.kind === 'push' ? 'accepted' : verdict.reason);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(new WebhookListenFailed(`cannot listen on ${o.listen}`, { listen: o.listen }, { cause: err })),
    );
    server.listen(Number(m[2]), m[1] === '' ? '127.0.0.1' : m[1], () => resolve());
  });
  const a = server.address() as AddressInfo;
  return {
    address: `${a.address}:${a.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function remember(seen: Set<string>, delivery: string): void {
  seen.add(delivery);
  if (seen.size > rememberedDeliveries) {
    const oldest = seen.values().next().value;
    if (oldest !== undefined) seen.delete(oldest);
  }
}
