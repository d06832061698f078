/**
 * A keep-alive node:https pool for one member: the transport of MemberClient's requests (GET,
 * server-side apply, DELETE, LIST). @kubernetes/client-node's own path (fetch, a new dispatcher
 * and a stream pipeline per request) costs about three times the client CPU of a plain https
 * request, and on a machine shared with the API server that CPU is the apply rate (bench/apply.ts).
 * TLS material and credentials still come from the library (`applyToHTTPSOptions`: CA, client
 * certificate, token or exec plugin, read again for every request so a rotated token is used). A
 * cluster behind a proxy (`proxy-url`) or on plain http keeps the library's path.
 */
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/** An answer: the status code and the body as text. */
export interface PoolResponse {
  readonly status: number;
  readonly text: string;
}

/** What a request sends. */
export interface PoolRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal: AbortSignal;
}

/** One member's pool. */
export interface HttpsPool {
  request(req: PoolRequest): Promise<PoolResponse>;
  close(): void;
}

/** The pool for the kubeconfig's current context, or undefined when the library's transport must be used. */
export async function httpsPool(kc: KubeConfig): Promise<HttpsPool | undefined> {
  const cluster = kc.getCurrentCluster();
  if (!cluster || cluster.proxyUrl || !cluster.server.startsWith('https:')) return undefined;
  const tls: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: 64,
    ...pick(tls, ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername']),
  });
  return {
    async request(req) {
      const auth: https.RequestOptions = {};
      await kc.applyToHTTPSOptions(auth);
      // Content-Length always: node frames no body of a DELETE by itself, and the unframed bytes would corrupt the next request on the connection.
      const length = req.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(req.body)) } : {};
      const headers = { ...(auth.headers as Record<string, string> | undefined), ...req.headers, ...length };
      return new Promise<PoolResponse>((resolve, reject) => {
        const r = https.request(
          req.url,
          { method: req.method, agent, headers, signal: req.signal, ...(auth.auth ? { auth: auth.auth } : {}) },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
          },
        );
        r.on('error', reject);
        r.end(req.body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

function pick(o: https.RequestOptions, keys: readonly (keyof https.RequestOptions)[]): https.AgentOptions {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
