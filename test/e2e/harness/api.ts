// Minimal HTTPS calls to a control plane (readiness, seeding Nodes), so the
// harness itself needs no Kubernetes client library.
import fs from 'node:fs';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

/** How to reach one apiserver. */
export interface Endpoint {
  readonly server: string;
  readonly caFile: string;
  readonly token: string;
}

/** A response: status code and body text. */
export interface ApiResponse {
  readonly status: number;
  readonly body: string;
}

/** One request; a network failure rejects, any HTTP status resolves. */
export function apiRequest(
  ep: Endpoint,
  method: string,
  urlPath: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<ApiResponse> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const url = new URL(urlPath, ep.server);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        ca: fs.readFileSync(ep.caFile),
        headers: {
          Authorization: `Bearer ${ep.token}`,
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': contentType }),
        },
        timeout: 10_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.href} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Like apiRequest but a non-2xx status rejects with the body. */
export async function apiCall(
  ep: Endpoint,
  method: string,
  urlPath: string,
  body?: unknown,
  contentType?: string,
): Promise<unknown> {
  const res = await apiRequest(ep, method, urlPath, body, contentType);
  if (res.status < 200 || res.status > 299) {
    throw new Error(`${method} ${urlPath} on ${ep.server}: HTTP ${res.status}: ${res.body.slice(0, 500)}`);
  }
  return res.body === '' ? undefined : (JSON.parse(res.body) as unknown);
}

/** Thrown by a wait's check to stop waiting at once (say, the process died). */
export class WaitAborted extends Error {}

/** Polls `check` every 250 ms until it returns true; throws `describe()` after `timeoutMs`. */
export async function waitFor(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
  describe: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      if (err instanceof WaitAborted) throw err;
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000}s waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}\n${describe()}`,
      );
    }
    await sleep(250);
  }
}

/** True when GET /readyz answers 200. */
export async function isReady(ep: Endpoint): Promise<boolean> {
  const res = await apiRequest(ep, 'GET', '/readyz');
  return res.status === 200;
}
