/** Member reachability and readiness, as Karmada's getClusterHealthStatus: /readyz, falling back to /healthz when absent. */
import { ClusterRequestFailed, ClusterUnreachable } from './errors.ts';
import type { MemberClient } from './member-client.ts';

/** Reachable and ready; reachable but not ready; or not reachable at all. */
export type Health =
  | { readonly kind: 'ready' }
  | { readonly kind: 'unhealthy'; readonly reason: string }
  | { readonly kind: 'unreachable'; readonly reason: string };

/** Asks /readyz (or /healthz). A 401/403 on the endpoint counts as ready: the API answers, it just may not be asked. */
export async function checkReady(client: MemberClient): Promise<Health> {
  for (const path of ['/readyz', '/healthz']) {
    try {
      await client.raw(path, true);
      return { kind: 'ready' };
    } catch (err) {
      if (err instanceof ClusterUnreachable) return { kind: 'unreachable', reason: err.message };
      if (!(err instanceof ClusterRequestFailed)) throw err;
      const code = err.data.status.code;
      if (code === 404 && path === '/readyz') continue;
      if (code === 401 || code === 403) return { kind: 'ready' };
      return { kind: 'unhealthy', reason: `${path}: ${err.data.status.message.split('\n')[0] ?? ''}` };
    }
  }
  return { kind: 'unhealthy', reason: 'neither /readyz nor /healthz is served' };
}
