/**
 * Which services cross clusters, and between which: read off the plan (where the ServiceExport and
 * ServiceImport templates were placed) and the fleet's MultiClusterServices (their provider and
 * consumer sets). Pure: the plan and the fleet in, sorted ExportedServices out.
 */
import {
  compareStrings,
  executionNamespacePrefix,
  isPlainObject,
  splitApiVersion,
  type JsonObject,
  type KubeObject,
} from '../api/index.ts';
import type { Work } from '../render/index.ts';
import { karmadaNetworkingGroup, mcsGroup } from './names.ts';

/** Which Karmada mechanism exports a service. */
export type ServiceSource = 'ServiceExport' | 'MultiClusterService';

/** One service whose endpoints cross clusters. */
export interface ExportedService {
  readonly source: ServiceSource;
  readonly namespace: string;
  readonly name: string;
  /** Clusters whose EndpointSlices of the service are collected, sorted. */
  readonly providers: readonly string[];
  /** Clusters the endpoints are dispatched to, sorted. */
  readonly consumers: readonly string[];
  /** ServiceExport only: the ServiceImport as rendered for each consumer (its ports make the derived Service). */
  readonly imports: ReadonlyMap<string, KubeObject>;
  /** MultiClusterService only: the Service template, and the providers and consumers the plan does not already place it on, sorted. */
  readonly service?: { readonly template: KubeObject; readonly missingOn: readonly string[] };
}

/** What the decision reads. */
export interface ExportInput {
  readonly works: readonly Work[];
  /** The fleet's MultiClusterService objects (networking.karmada.io). */
  readonly multiClusterServices: readonly KubeObject[];
  /** Every cluster of the fleet, for a MultiClusterService's empty (all-cluster) sets. */
  readonly clusters: readonly string[];
  /** The fleet's resource templates, to find a MultiClusterService's Service. */
  readonly templates: readonly KubeObject[];
}

/** The services that cross clusters, sorted by source, namespace and name. */
export function exportedServices(input: ExportInput): ExportedService[] {
  const placed = placements(input.works);
  const out: ExportedService[] = [];
  const keys = new Set([...placed.exports.keys(), ...placed.imports.keys()]);
  for (const key of [...keys].sort(compareStrings)) {
    const [namespace = '', name = ''] = key.split('/');
    const imports = placed.imports.get(key) ?? new Map<string, KubeObject>();
    out.push({
      source: 'ServiceExport',
      namespace,
      name,
      providers: sortedSet(placed.exports.get(key)),
      consumers: [...imports.keys()].sort(compareStrings),
      imports,
    });
  }
  for (const mcs of input.multiClusterServices.toSorted(compareObjects)) {
    const e = crossClusterService(mcs, input, placed.services);
    if (e) out.push(e);
  }
  return out;
}

/**
 * A MultiClusterService of type CrossCluster (Karmada helper.MultiClusterServiceCrossClusterEnabled);
 * undefined for any other, which Karmada leaves alone too. Empty provider or consumer lists mean
 * every cluster (helper.GetProviderClusters / GetConsumerClusters); names the fleet lacks are
 * left out, as Karmada skips a cluster it cannot find.
 */
function crossClusterService(
  mcs: KubeObject,
  input: ExportInput,
  services: ReadonlyMap<string, Set<string>>,
): ExportedService | undefined {
  const spec = isPlainObject(mcs['spec']) ? mcs['spec'] : {};
  const types = Array.isArray(spec['types']) ? spec['types'] : [];
  if (!types.includes('CrossCluster')) return undefined;
  const namespace = mcs.metadata.namespace ?? 'default';
  const name = mcs.metadata.name ?? '';
  const known = new Set(input.clusters);
  const providers = clusterSet(spec['providerClusters'], input.clusters).filter((c) => known.has(c));
  const consumers = clusterSet(spec['consumerClusters'], input.clusters).filter((c) => known.has(c));
  const template = input.templates.find(
    (t) =>
      t.apiVersion === 'v1' &&
      t.kind === 'Service' &&
      (t.metadata.namespace ?? 'default') === namespace &&
      t.metadata.name === name,
  );
  const has = services.get(`${namespace}/${name}`) ?? new Set<string>();
  // Karmada mcs_controller.go buildResourceBinding: the Service goes to providers ∪ consumers.
  const missingOn = sortedSet(new Set([...providers, ...consumers].filter((c) => !has.has(c))));
  return {
    source: 'MultiClusterService',
    namespace,
    name,
    providers,
    consumers,
    imports: new Map(),
    ...(template ? { service: { template, missingOn } } : {}),
  };
}

/** `[{name}]` → sorted names; empty or absent → every cluster. */
function clusterSet(v: unknown, all: readonly string[]): string[] {
  const names = Array.isArray(v)
    ? v.flatMap((c) => (isPlainObject(c) && typeof c['name'] === 'string' ? [c['name']] : []))
    : [];
  return sortedSet(new Set(names.length ? names : all));
}

interface Placements {
  /** `ns/name` → clusters given the ServiceExport. */
  readonly exports: Map<string, Set<string>>;
  /** `ns/name` → cluster → the ServiceImport rendered for it. */
  readonly imports: Map<string, Map<string, KubeObject>>;
  /** `ns/name` → clusters given the Service. */
  readonly services: Map<string, Set<string>>;
}

function placements(works: readonly Work[]): Placements {
  const p: Placements = { exports: new Map(), imports: new Map(), services: new Map() };
  for (const w of works) {
    if (!w.metadata.namespace.startsWith(executionNamespacePrefix)) continue;
    const cluster = w.metadata.namespace.slice(executionNamespacePrefix.length);
    for (const m of w.spec.workload.manifests) notePlacement(p, cluster, m);
  }
  return p;
}

function notePlacement(p: Placements, cluster: string, m: JsonObject): void {
  const meta = isPlainObject(m['metadata']) ? m['metadata'] : {};
  const key = `${typeof meta['namespace'] === 'string' ? meta['namespace'] : 'default'}/${typeof meta['name'] === 'string' ? meta['name'] : ''}`;
  const group = splitApiVersion(typeof m['apiVersion'] === 'string' ? m['apiVersion'] : '').group;
  if (group === mcsGroup && m['kind'] === 'ServiceExport') add(p.exports, key, cluster);
  else if (group === mcsGroup && m['kind'] === 'ServiceImport') {
    const byCluster = p.imports.get(key) ?? new Map<string, KubeObject>();
    byCluster.set(cluster, m as unknown as KubeObject);
    p.imports.set(key, byCluster);
  } else if (m['apiVersion'] === 'v1' && m['kind'] === 'Service') add(p.services, key, cluster);
}

function add(m: Map<string, Set<string>>, key: string, cluster: string): void {
  const s = m.get(key) ?? new Set<string>();
  s.add(cluster);
  m.set(key, s);
}

function sortedSet(s: ReadonlySet<string> | undefined): string[] {
  return [...(s ?? [])].sort(compareStrings);
}

function compareObjects(a: KubeObject, b: KubeObject): number {
  return (
    compareStrings(a.metadata.namespace ?? 'default', b.metadata.namespace ?? 'default') ||
    compareStrings(a.metadata.name ?? '', b.metadata.name ?? '')
  );
}

/** True for a MultiClusterService object (networking.karmada.io). */
export function isMultiClusterService(o: KubeObject): boolean {
  return splitApiVersion(o.apiVersion).group === karmadaNetworkingGroup && o.kind === 'MultiClusterService';
}
