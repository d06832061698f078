/**
 * The status branch's record of an exported service: which clusters provide it with how many
 * endpoints, and which consume it. Endpoints themselves are live data and never go to git; this
 * summary changes only when a count, a provider's reachability or a consumer does.
 */
import YAML from 'yaml';
import type { KubeObject } from '../api/index.ts';
import type { ExportedService } from './exported-services.ts';
import { collectedSlices, type ProviderView } from './member-objects.ts';

/** The folder of service summaries on the status branch. */
export const servicesRoot = 'services';

/** One provider in a summary: reachable with its endpoint counts, or unreachable. */
export type ProviderSummary =
  | { readonly cluster: string; readonly reachable: true; readonly endpoints: number; readonly ready: number }
  | { readonly cluster: string; readonly reachable: false; readonly pastGrace: boolean };

/** A service's summary (fixed key order, D5). */
export interface ServiceSummary {
  readonly source: ExportedService['source'];
  readonly namespace: string;
  readonly name: string;
  readonly providers: readonly ProviderSummary[];
  readonly consumers: readonly string[];
}

/** One summary per exported service, in the services' order (sorted). */
export function serviceSummaries(
  services: readonly ExportedService[],
  providers: ReadonlyMap<string, ProviderView>,
): ServiceSummary[] {
  return services.map((s) => ({
    source: s.source,
    namespace: s.namespace,
    name: s.name,
    providers: s.providers.map((cluster): ProviderSummary => {
      const view = providers.get(cluster) ?? { kind: 'unreachable', pastGrace: false };
      if (view.kind === 'unreachable') return { cluster, reachable: false, pastGrace: view.pastGrace };
      return { cluster, reachable: true, ...countEndpoints(collectedSlices(view.slices, s)) };
    }),
    consumers: s.consumers,
  }));
}

/**
 * Endpoints and ready endpoints of a provider's slices. discovery.k8s.io/v1: a missing `ready`
 * condition is to be read as ready.
 */
export function countEndpoints(slices: readonly KubeObject[]): { endpoints: number; ready: number } {
  let endpoints = 0;
  let ready = 0;
  for (const s of slices) {
    for (const e of Array.isArray(s['endpoints']) ? (s['endpoints'] as { conditions?: { ready?: boolean } }[]) : []) {
      endpoints++;
      if (e.conditions?.ready !== false) ready++;
    }
  }
  return { endpoints, ready };
}

/** `services/<namespace>/<source>.<name>.yaml` (lower-case source). */
export function summaryPath(s: Pick<ServiceSummary, 'source' | 'namespace' | 'name'>): string {
  return `${servicesRoot}/${s.namespace}/${s.source.toLowerCase()}.${s.name}.yaml`;
}

/** The summary files of the status branch, by path. */
export function summaryFiles(summaries: readonly ServiceSummary[]): Map<string, string> {
  return new Map(summaries.map((s) => [summaryPath(s), YAML.stringify(s, { lineWidth: 0 })] as const));
}
