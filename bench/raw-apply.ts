/**
 * The apply benchmark's anchor: the smallest server-side-apply client there is. One keep-alive
 * HTTPS pool to a member (CA and bearer token from its kubeconfig context), one PATCH
 * `application/apply-patch+yaml` per object with a field manager, nothing else: no discovery, no
 * GET, no dry-run. What the API server can take is what this client reaches.
 */
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../src/api/index.ts';

/** A raw client for one kubeconfig context. */
export interface RawMember {
  /** PATCHes every object (Namespaces and ConfigMaps) with at most `concurrency` requests in flight. */
  apply(objects: readonly KubeObject[], concurrency: number, fieldManager: string, dryRun?: boolean): Promise<void>;
  /** name → resourceVersion of every benchmark ConfigMap (cm-*) in a namespace. */
  configMapVersions(namespace: string): Promise<Map<string, string>>;
  close(): void;
}

export function rawMember(kc: KubeConfig, context: string): RawMember {
  const ctx = kc.getContextObject(context);
  const cluster = ctx ? kc.getCluster(ctx.cluster) : null;
  const user = ctx ? kc.getUser(ctx.user) : null;
  if (!cluster || !user?.token) throw new Error(`kubeconfig context ${context}: no cluster or token`);
  const server = new URL(cluster.server);
  const ca = cluster.caData ? Buffer.from(cluster.caData, 'base64') : undefined;
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ...(ca ? { ca } : {}) });
  const headers = { Authorization: `Bearer ${user.token}`, Accept: 'application/json' };

  const request = (method: string, pathAndQuery: string, body?: string, contentType?: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = https.request(
        {
          agent,
          host: server.hostname,
          port: server.port,
          method,
          path: pathAndQuery,
          headers: { ...headers, ...(contentType ? { 'Content-Type': contentType } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 0) >= 300)
              reject(new Error(`${method} ${pathAndQuery}: ${res.statusCode} ${text.slice(0, 200)}`));
            else resolve(text);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  return {
    async apply(objects, concurrency, fieldManager, dryRun = false) {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < objects.length) {
          const o = objects[next++] as KubeObject;
          const at =
            o.kind === 'Namespace'
              ? `/api/v1/namespaces/${o.metadata.name}`
              : `/api/v1/namespaces/${o.metadata.namespace}/configmaps/${o.metadata.name}`;
          const p = `${at}?fieldManager=${fieldManager}${dryRun ? '&dryRun=All' : ''}`;
          await request('PATCH', p, JSON.stringify(o), 'application/apply-patch+yaml');
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, objects.length)) }, worker));
    },
    async configMapVersions(namespace) {
      const out = new Map<string, string>();
      let token = '';
      do {
        const page = JSON.parse(
          await request(
            'GET',
            `/api/v1/namespaces/${namespace}/configmaps?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`,
          ),
        ) as { items: KubeObject[]; metadata: { continue?: string } };
        for (const o of page.items)
          if (o.metadata.name?.startsWith('cm-')) out.set(o.metadata.name, String(o.metadata['resourceVersion'] ?? ''));
        token = page.metadata.continue ?? '';
      } while (token);
      return out;
    },
    close() {
      agent.destroy();
    },
  };
}
