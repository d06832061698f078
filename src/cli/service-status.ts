/**
 * `flotilla status`'s multi-cluster service part: per exported service, the providers with their
 * endpoint counts (read live from the providers, as the controller's step reads them) and the
 * consumers. Shown only when the revision exports a service.
 */
import type { Cluster, Taint } from '../api/index.ts';
import { collectEndpointSlices, type ServiceAccess } from '../cluster/service-endpoints.ts';
import type { LoadedRevision, Plan } from '../plan/index.ts';
import {
  exportedServices,
  providerViews,
  serviceSummaries,
  type ProviderRead,
  type ServiceSummary,
} from '../mcs/index.ts';
import { formatTable } from './output.ts';

/** The summaries of the plan's exported services; unreachable providers are held or past the grace by the status branch's taints. */
export async function observeServices(
  loaded: LoadedRevision,
  plan: Plan,
  clusters: readonly Cluster[],
  taints: ReadonlyMap<string, readonly Taint[]>,
  access: ServiceAccess,
): Promise<ServiceSummary[]> {
  const services = exportedServices({
    works: plan.works,
    clusters: plan.clusters,
    templates: loaded.fleet.templates.map((t) => t.object),
    multiClusterServices: (loaded.fleet.multiClusterServices ?? []).map((m) => m.object),
  });
  if (services.length === 0) return [];
  const byName = new Map(clusters.map((c) => [c.metadata.name ?? '', c] as const));
  const providers = [...new Set(services.flatMap((s) => s.providers))].filter((p) => byName.has(p));
  const namespaces = (p: string) => [
    ...new Set(services.filter((s) => s.providers.includes(p)).map((s) => s.namespace)),
  ];
  const collected = await collectEndpointSlices(
    providers.map((p) => ({ cluster: byName.get(p) as Cluster, namespaces: namespaces(p) })),
    access,
  );
  const read = new Map<string, ProviderRead>(
    [...collected].map(([p, c]) => [p, c.kind === 'observed' ? c : { kind: 'unreachable' }] as const),
  );
  return serviceSummaries(services, providerViews(providers, read, taints));
}

/** The services table: NAMESPACE, SERVICE, SOURCE, PROVIDERS (cluster:ready/endpoints, or unreachable), CONSUMERS. */
export function servicesTable(summaries: readonly ServiceSummary[], noHeader: boolean): string {
  const rows = summaries.map((s) => [
    s.namespace,
    s.name,
    s.source,
    s.providers
      .map((p) =>
        p.reachable
          ? `${p.cluster}:${p.ready}/${p.endpoints}`
          : `${p.cluster}:${p.pastGrace ? 'unreachable,dropped' : 'unreachable,held'}`,
      )
      .join(',') || '-',
    s.consumers.join(',') || '-',
  ]);
  return formatTable(['NAMESPACE', 'SERVICE', 'SOURCE', 'PROVIDERS', 'CONSUMERS'], rows, noHeader);
}
