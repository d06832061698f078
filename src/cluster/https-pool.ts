/**
 * A keep-alive node:https pool for one member: the transport of MemberClient's requests (GET,
 * server-side apply, DELETE, LIST). @kubernetes/client-node's own path (fetch, a new dispatcher
 * and a stream pipeline per request) costs about three times the client CPU of a plain https
 * request, and on a machine shared with the API server that CPU is the apply rate (bench/apply.ts).
 * A request here costs what the bench's raw client's does: a path under the server's URL (parsed
 * once), a timer for its deadline, no AbortSignal per request. TLS material and credentials still
 * come from the library (`applyToHTTPSOptions`: CA, client certificate, token or exec plugin, read
 * again at most a second apart so a rotated token is used). A cluster behind a proxy (`proxy-url`) or
 * on plain http keeps the library's path.
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
  /** Path and query under the cluster's server URL (which may itself have a path, as behind Rancher). */
  readonly path: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The request fails with a TimeoutError when no whole answer came within this. */
  readonly timeoutMs: number;
  /** Ends the request with an AbortError when aborted (the member's overall `--timeout`). */
  readonly deadline?: AbortSignal;
}

/** How long credentials read from the kubeconfig are reused. */
const authRefreshMs = 1_000;

/** One member's pool. */
export interface HttpsPool {
  request(req: PoolRequest): Promise<PoolResponse>;
  close(): void;
}

/** The pool for the kubeconfig's current context, or undefined when the library's transport must be used. */
export async function httpsPool(kc: KubeConfig): Promise<HttpsPool | undefined> {
  const cluster = kc.getCurrentCluster();
  if (!cluster || cluster.proxyUrl || !cluster.server.startsWith('https:')) return undefined;
  const server = new URL(cluster.server);
  const prefix = server.pathname.replace(/\/+$/, '');
  const tls: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: 64,
    ...pick(tls, ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername']),
  });
  // The library builds a new agent with each call, so the credentials are read at most once a second.
  let cached: { readonly at: number; readonly options: Promise<https.RequestOptions> } | undefined;
  const credentials = (): Promise<https.RequestOptions> => {
    const now = Date.now();
    if (!cached || now - cached.at >= authRefreshMs) {
      const options: https.RequestOptions = {};
      const read = kc.applyToHTTPSOptions(options).then(() => options);
      read.catch(() => {
        if (cached?.options === read) cached = undefined; // a failed read is tried again by the next request
      });
      cached = { at: now, options: read };
    }
    return cached.options;
  };
  return {
    async request(req) {
      const auth = await credentials();
      // Content-Length always: node frames no body of a DELETE by itself, and the unframed bytes would corrupt the next request on the connection.
      const length = req.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(req.body)) } : {};
      const headers = { ...(auth.headers as Record<string, string> | undefined), ...req.headers, ...length };
      return new Promise<PoolResponse>((resolve, reject) => {
        if (req.deadline?.aborted) return reject(named('AbortError', 'the deadline passed'));
        const r = https.request(
          {
            agent,
            host: server.hostname.replace(/^\[(.*)\]$/, '$1'),
            port: server.port || 443,
            path: prefix + req.path,
            method: req.method,
            headers,
            ...(auth.auth ? { auth: auth.auth } : {}),
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              done();
              resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
            });
            res.on('error', fail);
          },
        );
        const timer = setTimeout(
          () => r.destroy(named('TimeoutError', `no answer within ${req.timeoutMs} ms`)),
          req.timeoutMs,
        );
        const abort = () => r.destroy(named('AbortError', 'the deadline passed'));
        req.deadline?.addEventListener('abort', abort, { once: true });
        function done(): void {
          clearTimeout(timer);
          req.deadline?.removeEventListener('abort', abort);
        }
        function fail(err: Error): void {
          done();
          reject(err);
        }
        r.on('error', fail);
        r.end(req.body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

function named(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

function pick(o: https.RequestOptions, keys: readonly (keyof https.RequestOptions)[]): https.AgentOptions {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
