/**
 * Collecting EndpointSlices from provider clusters for multi-cluster services (the reading half of
 * Karmada's service_export_controller.go and endpointslice_collect_controller.go, done once a pass
 * instead of by informers). Endpoints are live data: they go from here to the consumers, never to git.
 */
import { compareStrings, type Cluster } from '../api/index.ts';
import type { ProviderRead } from '../mcs/index.ts';
import { mapLimit } from './concurrency.ts';
import { memberKubeConfig, type CredentialSource } from './credentials.ts';
import { MemberClient } from './member-client.ts';

/** How to reach members. */
export interface ServiceAccess {
  readonly credentials: CredentialSource;
  readonly timeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly concurrency: number;
}

/** A provider's EndpointSlices of the asked namespaces, or why it could not be read. */
export type CollectedSlices =
  | Extract<ProviderRead, { kind: 'observed' }>
  | { readonly kind: 'unreachable'; readonly reason: string };

/** A provider and the namespaces of the services it provides. */
export interface ProviderRequest {
  readonly cluster: Cluster;
  readonly namespaces: readonly string[];
}

/** The EndpointSlices that belong to a Service (label `kubernetes.io/service-name`) in each namespace of each provider; by cluster. Never throws. */
export async function collectEndpointSlices(
  providers: readonly ProviderRequest[],
  access: ServiceAccess,
): Promise<Map<string, CollectedSlices>> {
  const sorted = providers.toSorted((a, b) =>
    compareStrings(a.cluster.metadata.name ?? '', b.cluster.metadata.name ?? ''),
  );
  const read = await mapLimit(sorted, access.concurrency, (p) => collectFrom(p, access));
  return new Map(sorted.map((p, i) => [p.cluster.metadata.name ?? '', read[i] as CollectedSlices] as const));
}

async function collectFrom(p: ProviderRequest, access: ServiceAccess): Promise<CollectedSlices> {
  const name = p.cluster.metadata.name ?? '';
  let client: MemberClient | undefined;
  try {
    client = await openMember(p.cluster, access);
    const c = client;
    const lists = await Promise.all(
      p.namespaces.map((namespace) =>
        c.list('discovery.k8s.io/v1', 'EndpointSlice', { namespace, labelSelector: 'kubernetes.io/service-name' }),
      ),
    );
    return { kind: 'observed', slices: lists.flat() };
  } catch (err) {
    return {
      kind: 'unreachable',
      reason: `collecting EndpointSlices from ${name}: ${err instanceof Error ? err.message : String(err)}`,
    };
  } finally {
    await client?.close();
  }
}

/** A client for one member with the pass's limits. */
export async function openMember(
  cluster: Cluster,
  access: Pick<ServiceAccess, 'credentials' | 'timeoutMs' | 'requestTimeoutMs'>,
): Promise<MemberClient> {
  const kc = await memberKubeConfig(cluster, access.credentials);
  return new MemberClient(cluster.metadata.name ?? '', kc, {
    requestTimeoutMs: Math.min(access.requestTimeoutMs, access.timeoutMs),
    deadline: AbortSignal.timeout(access.timeoutMs),
  });
}
