/**
 * The one way flotilla talks to a member: @kubernetes/client-node's KubernetesObjectApi (auth, TLS,
 * discovery and URL building from the kubeconfig), with three changes made by subclassing:
 * - bodies go out and come back as plain JSON. The library's `patch` serialises through its typed
 *   models, which silently drop fields they do not know (a field newer than the library, a typo the
 *   server should reject), so server-side apply sends the manifest's own JSON;
 * - one connection pool per member: the library builds a new undici Agent (a new TLS handshake)
 *   for every request, so the first request's dispatcher is kept and reused;
 * - every request has a deadline (per request, and the member's overall `--timeout`);
 * - requests to the member's objects go over a keep-alive node:https pool (https-pool.ts) where
 *   the cluster allows it; discovery stays with the library.
 */
import {
  HttpMethod,
  KubernetesObjectApi,
  Observable,
  type KubeConfig,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { fieldManager, InternalError, type KubeObject } from '../api/index.ts';
import { parseStatus, type ApiStatus } from './api-status.ts';
import { ClusterRequestFailed, ClusterUnreachable, KindNotServed } from './errors.ts';
import { httpsPool, type HttpsPool } from './https-pool.ts';
import { apiVersionOf, describeObject, type ObjectId } from './object-id.ts';

/** A non-2xx response, before it is given the cluster's and the object's name. */
class HttpStatusError extends Error {
  readonly status: ApiStatus;
  constructor(status: ApiStatus) {
    super(`${status.reason} (${status.code}): ${status.message}`);
    this.status = status;
  }
}

/** A response's body: parsed JSON (or the text), or the HttpStatusError of a non-2xx answer. */
function readBody<T>(status: number, text: string, asText: boolean): T {
  if (status < 200 || status > 299) throw new HttpStatusError(parseStatus(status, text));
  if (asText) return text as T;
  return (text === '' ? {} : JSON.parse(text)) as T;
}

type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;

class JsonObjectApi extends KubernetesObjectApi {
  deadline: AbortSignal | undefined;
  requestTimeoutMs = 30_000;
  dispatcher: Dispatcher | undefined;
  pool: Promise<HttpsPool | undefined> | undefined;

  install(kc: KubeConfig): void {
    this.pool = httpsPool(kc).catch(() => undefined); // the library's path when the pool cannot be built
    this.configuration.middleware.push({
      pre: (ctx: RequestContext) => {
        const own = ctx.getDispatcher();
        if (this.dispatcher === undefined) this.dispatcher = own;
        else if (own !== undefined) ctx.setDispatcher(this.dispatcher);
        const timeout = AbortSignal.timeout(this.requestTimeoutMs);
        ctx.setSignal(this.deadline ? AbortSignal.any([this.deadline, timeout]) : timeout);
        return new Observable(Promise.resolve(ctx));
      },
      post: (rsp: ResponseContext) => new Observable(Promise.resolve(rsp)),
    });
  }

  protected override async processResponse<T>(response: ResponseContext, type?: string): Promise<T> {
    return readBody<T>(response.httpStatusCode, await response.body.text(), type === 'text');
  }

  async lookup(apiVersion: string, kind: string): Promise<{ name: string; namespaced: boolean } | undefined> {
    return this.resource(apiVersion, kind);
  }

  async send<T>(
    path: string,
    method: HttpMethod,
    opts: { query?: Record<string, string>; body?: string; contentType?: string; text?: boolean; accept?: string } = {},
  ): Promise<T> {
    const accept = opts.accept ?? (opts.text ? '*/*' : 'application/json');
    const pool = await this.pool;
    if (!pool) {
      const ctx = this.configuration.baseServer.makeRequestContext(path, method);
      ctx.setHeaderParam('Accept', accept);
      for (const [k, v] of Object.entries(opts.query ?? {})) ctx.setQueryParam(k, v);
      if (opts.body !== undefined) {
        ctx.setHeaderParam('Content-Type', opts.contentType ?? 'application/json');
        ctx.setBody(opts.body);
      }
      return this.requestPromise<never>(ctx, opts.text ? 'text' : 'json') as Promise<T>;
    }
    const query = opts.query ? new URLSearchParams(opts.query).toString() : '';
    const headers: Record<string, string> = { Accept: accept };
    if (opts.body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json';
    const rsp = await pool.request({
      path: query ? `${path}?${query}` : path,
      method,
      headers,
      ...(opts.body !== undefined ? { body: opts.body } : {}),
      timeoutMs: this.requestTimeoutMs,
      ...(this.deadline ? { deadline: this.deadline } : {}),
    });
    return readBody<T>(rsp.status, rsp.text, opts.text === true);
  }

  /** The kubeconfig context's namespace, for a namespaced object given without one (as the library does). */
  get namespace(): string {
    return this.defaultNamespace;
  }
}

/** A meta.k8s.io/v1 Table as the server prints it: columns (priority 0 by default, more with -o wide) and rows with their object's metadata. */
export interface ServerTable {
  readonly columnDefinitions: { readonly name: string; readonly type: string; readonly priority?: number }[];
  readonly rows: {
    readonly cells: readonly unknown[];
    readonly object?: {
      readonly metadata?: {
        readonly name?: string;
        readonly namespace?: string;
        readonly labels?: Readonly<Record<string, string>>;
        readonly annotations?: Readonly<Record<string, string>>;
      };
    };
  }[];
}

/** How long to wait: per request, and a signal that ends all of a member's work (`--timeout`). */
export interface ClientLimits {
  readonly requestTimeoutMs: number;
  readonly deadline?: AbortSignal;
}

/** Options of a server-side apply. */
export interface ApplyOptions {
  readonly dryRun: boolean;
  readonly force: boolean;
}

/** A connection to one member cluster. Every failure names the cluster (and the object). */
export class MemberClient {
  readonly cluster: string;
  /** Awaited after each object written by a (non-dry-run) apply: the test-only fault points hook in here (fault-points.ts). */
  onApplied: (() => Promise<void>) | undefined;
  readonly #api: JsonObjectApi;
  /** `apiVersion/kind` → its resource, for the kinds discovery found served. */
  readonly #served = new Map<string, { readonly name: string; readonly namespaced: boolean }>();

  constructor(cluster: string, kc: KubeConfig, limits: ClientLimits) {
    this.cluster = cluster;
    this.#api = kc.makeApiClient(JsonObjectApi);
    this.#api.install(kc);
    this.#api.requestTimeoutMs = limits.requestTimeoutMs;
    this.#api.deadline = limits.deadline;
  }

  /** The live object, or undefined when it does not exist. */
  async get(id: ObjectId): Promise<KubeObject | undefined> {
    const what = `get ${describeObject(id)}`;
    const path = await this.#path(id, 'read', what);
    try {
      return await this.#api.send<KubeObject>(path, HttpMethod.GET);
    } catch (err) {
      if (err instanceof HttpStatusError && err.status.code === 404) return undefined;
      throw this.#wrap(err, what);
    }
  }

  /** Server-side apply of a manifest as field manager `flotilla`; returns the object the server stored (or would store). */
  async apply(manifest: KubeObject, id: ObjectId, opts: ApplyOptions): Promise<KubeObject> {
    const what = `${opts.dryRun ? 'dry-run apply' : 'apply'} ${describeObject(id)}`;
    const path = await this.#path(id, 'patch', what);
    const query: Record<string, string> = { fieldManager };
    if (opts.dryRun) query['dryRun'] = 'All';
    if (opts.force) query['force'] = 'true';
    let stored: KubeObject;
    try {
      stored = await this.#api.send<KubeObject>(path, HttpMethod.PATCH, {
        query,
        body: JSON.stringify(manifest),
        contentType: 'application/apply-patch+yaml',
      });
    } catch (err) {
      throw this.#wrap(err, what);
    }
    if (!opts.dryRun) await this.onApplied?.();
    return stored;
  }

  /** A JSON merge patch (RFC 7386) of an object, as field manager `flotilla`; 'gone' when it no longer existed. */
  async mergePatch(
    id: ObjectId,
    patch: Record<string, unknown>,
    opts: { readonly dryRun: boolean },
  ): Promise<'patched' | 'gone'> {
    const what = `${opts.dryRun ? 'dry-run patch' : 'patch'} ${describeObject(id)}`;
    const path = await this.#path(id, 'patch', what);
    const query: Record<string, string> = { fieldManager };
    if (opts.dryRun) query['dryRun'] = 'All';
    try {
      await this.#api.send(path, HttpMethod.PATCH, {
        query,
        body: JSON.stringify(patch),
        contentType: 'application/merge-patch+json',
      });
      return 'patched';
    } catch (err) {
      if (err instanceof HttpStatusError && err.status.code === 404) return 'gone';
      throw this.#wrap(err, what);
    }
  }

  /** Deletes an object (background propagation); 'gone' when it no longer existed. */
  async delete(id: ObjectId): Promise<'deleted' | 'gone'> {
    const what = `delete ${describeObject(id)}`;
    const path = await this.#path(id, 'delete', what);
    try {
      await this.#api.send(path, HttpMethod.DELETE, {
        body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' }),
      });
      return 'deleted';
    } catch (err) {
      if (err instanceof HttpStatusError && err.status.code === 404) return 'gone';
      throw this.#wrap(err, what);
    }
  }

  /** All objects of a kind (in a namespace, matching a label selector), following continue tokens. */
  async list(
    apiVersion: string,
    kind: string,
    opts: { namespace?: string; labelSelector?: string } = {},
  ): Promise<KubeObject[]> {
    const what = `list ${kind} in ${apiVersion}`;
    const id: ObjectId = { group: '', version: '', kind, namespace: opts.namespace ?? '', name: '' };
    const path = await this.#path({ ...id, ...splitGv(apiVersion) }, 'list', what);
    const out: KubeObject[] = [];
    let token = '';
    do {
      const query: Record<string, string> = { limit: '500' };
      if (opts.labelSelector) query['labelSelector'] = opts.labelSelector;
      if (token) query['continue'] = token;
      let page: { items?: KubeObject[]; metadata?: { continue?: string } };
      try {
        page = await this.#api.send(path, HttpMethod.GET, { query });
      } catch (err) {
        throw this.#wrap(err, what);
      }
      // Items of a list carry no apiVersion and kind; give them back, as a GET returns them.
      out.push(...(page.items ?? []).map((o) => ({ ...o, apiVersion, kind })));
      token = page.metadata?.continue ?? '';
    } while (token);
    return out;
  }

  /**
   * The server's table of a kind (meta.k8s.io/v1 Table, the columns `kubectl get` prints): one
   * object by name, or a list in a namespace ('' for all) with a label selector, continue tokens followed.
   */
  async table(
    apiVersion: string,
    kind: string,
    opts: { namespace: string; name?: string; labelSelector?: string },
  ): Promise<ServerTable> {
    const what = `get ${kind} in ${apiVersion}`;
    const id: ObjectId = { ...splitGv(apiVersion), kind, namespace: opts.namespace, name: opts.name ?? '' };
    const path = await this.#path(id, opts.name ? 'read' : 'list', what);
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const out: ServerTable = { columnDefinitions: [], rows: [] };
    let token = '';
    do {
      const query: Record<string, string> = opts.name ? {} : { limit: '500' };
      if (opts.labelSelector) query['labelSelector'] = opts.labelSelector;
      if (token) query['continue'] = token;
      let page: Partial<ServerTable> & { metadata?: { continue?: string } };
      try {
        page = await this.#api.send(path, HttpMethod.GET, { query, accept });
      } catch (err) {
        if (opts.name && err instanceof HttpStatusError && err.status.code === 404) return out;
        throw this.#wrap(err, what);
      }
      if (!out.columnDefinitions.length) out.columnDefinitions.push(...(page.columnDefinitions ?? []));
      out.rows.push(...(page.rows ?? []));
      token = page.metadata?.continue ?? '';
    } while (token);
    return out;
  }

  /** GET of a raw path (`/readyz`, `/version`, `/apis`): parsed JSON, or text. */
  async raw<T>(path: string, text = false): Promise<T> {
    try {
      return await this.#api.send<T>(path, HttpMethod.GET, { text });
    } catch (err) {
      throw this.#wrap(err, `GET ${path}`);
    }
  }

  /** Whether the member serves this kind (discovery); false also when the whole groupVersion is missing. */
  async serves(apiVersion: string, kind: string): Promise<boolean> {
    return (this.#served.get(`${apiVersion}/${kind}`) ?? (await this.#discover(apiVersion, kind))) !== undefined;
  }

  /** Forgets cached discovery of a groupVersion (after a CRD is established). */
  forgetDiscovery(apiVersion: string): void {
    for (const key of [...this.#served.keys()]) if (key.startsWith(`${apiVersion}/`)) this.#served.delete(key);
    delete (this.#api as unknown as { apiVersionResourceCache: Record<string, unknown> }).apiVersionResourceCache[
      apiVersion
    ];
  }

  /** Closes the member's connection pool. */
  async close(): Promise<void> {
    const d = this.#api.dispatcher as { close?: () => Promise<void> } | undefined;
    await d?.close?.();
    (await this.#api.pool)?.close();
  }

  async #path(id: ObjectId, action: 'read' | 'patch' | 'delete' | 'list', what: string): Promise<string> {
    const apiVersion = apiVersionOf(id);
    const resource = this.#served.get(`${apiVersion}/${id.kind}`) ?? (await this.#discover(apiVersion, id.kind));
    if (!resource) throw new KindNotServed({ cluster: this.cluster, apiVersion, kind: id.kind });
    // As the library's KubernetesObjectApi.specUriPath, without its lower-casing of names.
    let path = `${apiVersion.includes('/') ? '/apis/' : '/api/'}${apiVersion}`;
    if (resource.namespaced) {
      const namespace = id.namespace || (action === 'list' ? '' : this.#api.namespace);
      if (namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
    }
    path += `/${resource.name}`;
    if (action === 'list') return path;
    if (!id.name) throw new InternalError(`${what} on ${this.cluster}: the object has no name`);
    return `${path}/${encodeURIComponent(id.name)}`;
  }

  /** Discovery of a kind, remembered while it is served (a kind not served is asked again, as a CRD may come). */
  async #discover(apiVersion: string, kind: string): Promise<{ name: string; namespaced: boolean } | undefined> {
    let found: { name: string; namespaced: boolean } | undefined;
    try {
      found = await this.#api.lookup(apiVersion, kind);
    } catch (err) {
      if (err instanceof HttpStatusError && err.status.code === 404) return undefined;
      throw this.#wrap(err, `discover ${kind} in ${apiVersion}`);
    }
    if (found) this.#served.set(`${apiVersion}/${kind}`, { name: found.name, namespaced: found.namespaced });
    return found;
  }

  #wrap(err: unknown, what: string): Error {
    if (err instanceof HttpStatusError)
      return new ClusterRequestFailed({ cluster: this.cluster, what, status: err.status }, { cause: err });
    if (err instanceof ClusterUnreachable || err instanceof KindNotServed || err instanceof ClusterRequestFailed)
      return err;
    return new ClusterUnreachable(
      {
        cluster: this.cluster,
        reason: `${what}: ${networkReason(err, this.#api.requestTimeoutMs, this.#api.deadline)}`,
      },
      { cause: err },
    );
  }
}

function splitGv(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** A short reason for a failure to talk to the server (never headers or credentials). */
function networkReason(err: unknown, timeoutMs: number, deadline: AbortSignal | undefined): string {
  if (deadline?.aborted) return 'the --timeout for this cluster was reached';
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return `no answer within ${timeoutMs / 1000}s`;
  let c: unknown = err;
  for (let i = 0; i < 5 && c instanceof Error; i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code))
      return `${code}: ${c.message.replace(/^Failed to fetch resource metadata for [^:]*: /, '')}`;
    c = c.cause;
  }
  return err instanceof Error ? (err.message.split('\n')[0] ?? 'unknown error') : String(err);
}
