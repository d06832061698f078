/**
 * Observing members (Karmada's cluster status controller, run on demand): reachability and
 * /readyz, version, served APIs, Nodes and Pods → Cluster.status. `observeClusters` returns the
 * fleet's Clusters with that status overlaid, ready for planning.
 */
import { compareStrings, type Cluster } from '../api/index.ts';
import { nodeSummary, resourceSummary } from './capacity.ts';
import { apiEnablementsOf, overlayClusterStatus, type Observation, type ResourceListDoc } from './cluster-status.ts';
import { mapLimit } from './concurrency.ts';
import { memberKubeConfig, type CredentialSource } from './credentials.ts';
import { ClusterUnreachable, CredentialsMissing } from './errors.ts';
import { checkReady } from './health.ts';
import { MemberClient } from './member-client.ts';

/** How to observe. `now` stamps condition transitions (the shell's clock). */
export interface ObserveOptions {
  readonly credentials: CredentialSource;
  readonly timeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly concurrency: number;
  readonly now: string;
}

/** Observes every Cluster; results sorted by cluster name. Never throws for a member's failure. */
export async function observeAll(clusters: readonly Cluster[], opts: ObserveOptions): Promise<Observation[]> {
  const sorted = clusters.toSorted((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
  return mapLimit(sorted, opts.concurrency, (c) => observeCluster(c, opts));
}

/** The fleet's Clusters with observed status (unreachable members keep their known capacity, Ready False). */
export async function observeClusters(
  clusters: readonly Cluster[],
  opts: ObserveOptions,
): Promise<{ clusters: Cluster[]; observations: Observation[] }> {
  const observations = await observeAll(clusters, opts);
  return { clusters: overlayClusterStatus(clusters, observations, opts.now), observations };
}

async function observeCluster(cluster: Cluster, opts: ObserveOptions): Promise<Observation> {
  const name = cluster.metadata.name ?? '';
  let client: MemberClient | undefined;
  try {
    const kc = await memberKubeConfig(cluster, opts.credentials);
    client = new MemberClient(name, kc, {
      requestTimeoutMs: Math.min(opts.requestTimeoutMs, opts.timeoutMs),
      deadline: AbortSignal.timeout(opts.timeoutMs),
    });
    const health = await checkReady(client);
    if (health.kind === 'unreachable') return { kind: 'unreachable', cluster: name, reason: health.reason };
    const version = await client.raw<{ gitVersion?: string }>('/version');
    const apis = await discover(client);
    const [nodes, pods] = await Promise.all([client.list('v1', 'Node'), client.list('v1', 'Pod')]);
    return {
      kind: 'reachable',
      cluster: name,
      healthy: health.kind === 'ready',
      kubernetesVersion: version.gitVersion ?? '',
      apiEnablements: apiEnablementsOf(apis.docs),
      apiEnablementsComplete: apis.complete,
      nodeSummary: nodeSummary(nodes),
      resourceSummary: resourceSummary({ nodes, pods }),
    };
  } catch (err) {
    if (err instanceof ClusterUnreachable || err instanceof CredentialsMissing)
      return { kind: 'unreachable', cluster: name, reason: err.message };
    return {
      kind: 'unreachable',
      cluster: name,
      reason: `observing cluster ${name}: ${err instanceof Error ? err.message : String(err)}`,
    };
  } finally {
    await client?.close();
  }
}

/** Every served groupVersion's resources (/api and /apis); complete is false when one group failed. */
async function discover(client: MemberClient): Promise<{ docs: ResourceListDoc[]; complete: boolean }> {
  const core = await client.raw<{ versions?: string[] }>('/api');
  const groups = await client.raw<{ groups?: { versions?: { groupVersion: string }[] }[] }>('/apis');
  const paths = [
    ...(core.versions ?? []).map((v) => `/api/${v}`),
    ...(groups.groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => `/apis/${v.groupVersion}`)),
  ];
  let complete = true;
  const docs = await mapLimit(paths, 8, async (p): Promise<ResourceListDoc | undefined> => {
    try {
      const doc = await client.raw<{ groupVersion?: string; resources?: { name: string; kind: string }[] }>(p);
      return { groupVersion: doc.groupVersion ?? p.replace(/^\/apis?\//, ''), resources: doc.resources ?? [] };
    } catch (err) {
      if (err instanceof ClusterUnreachable) throw err;
      complete = false; // Karmada records Partial rather than failing the whole observation
      return undefined;
    }
  });
  return { docs: docs.filter((d) => d !== undefined), complete };
}
