/**
 * What each member must hold for the exported services (Karmada's mcs and multiclusterservice
 * controllers, decided at once): the derived Service and the imported EndpointSlices on a
 * ServiceImport's consumers, the dispatched EndpointSlices (and the Service, where the plan does
 * not place it) for a MultiClusterService. Pure: observed provider slices in, objects out.
 */
import {
  bindingAnnotation,
  cloneJson,
  compareStrings,
  isPlainObject,
  managedByLabel,
  managedByValue,
  sortRecord,
  type JsonObject,
  type KubeObject,
} from '../api/index.ts';
import type { ExportedService } from './exported-services.ts';
import {
  derivedServiceName,
  dispatchControllerValue,
  dispatchedSliceName,
  importControllerValue,
  importedSliceName,
  isCopiedSlice,
  providerClusterLabel,
  provisionClusterAnnotation,
  serviceNameLabel,
  sliceManagedByLabel,
} from './names.ts';

/**
 * A provider as this pass saw it: its EndpointSlices (of the exported services' namespaces), or
 * unreachable, and then whether it has been so past the cluster-failover grace.
 */
export type ProviderView =
  | { readonly kind: 'observed'; readonly slices: readonly KubeObject[] }
  | { readonly kind: 'unreachable'; readonly pastGrace: boolean };

/** The objects one member must hold, and the providers whose copies there stay as they are. */
export interface MemberObjects {
  readonly cluster: string;
  /** Sorted by kind, namespace, name. */
  readonly objects: readonly KubeObject[];
  /** Providers unreachable within the grace: their copies on this member are neither rewritten nor pruned. Sorted. */
  readonly held: readonly string[];
}

/** Every member that must hold something (or holds copies of a held provider), sorted by cluster. */
export function memberObjects(
  services: readonly ExportedService[],
  providers: ReadonlyMap<string, ProviderView>,
): MemberObjects[] {
  const objects = new Map<string, KubeObject[]>();
  const held = new Map<string, Set<string>>();
  const put = (cluster: string, o: KubeObject) => {
    const list = objects.get(cluster);
    if (list) list.push(o);
    else objects.set(cluster, [o]);
  };
  for (const s of services) {
    for (const consumer of s.consumers) {
      if (s.source === 'ServiceExport') {
        const derived = derivedService(s, s.imports.get(consumer));
        if (derived) put(consumer, derived);
      }
      for (const provider of s.providers) {
        // Karmada endpointslice_dispatch_controller.go dispatchEndpointSlice: a provider's own slices are not dispatched back to it.
        if (s.source === 'MultiClusterService' && provider === consumer) continue;
        const view = providers.get(provider);
        if (view?.kind === 'unreachable' && !view.pastGrace)
          held.set(consumer, (held.get(consumer) ?? new Set()).add(provider));
        if (view?.kind !== 'observed') continue;
        for (const slice of collectedSlices(view.slices, s)) put(consumer, copiedSlice(slice, s, provider));
      }
    }
    for (const cluster of s.service?.missingOn ?? []) put(cluster, serviceCopy(s));
  }
  const clusters = new Set([...objects.keys(), ...held.keys()]);
  return [...clusters].sort(compareStrings).map((cluster) => ({
    cluster,
    objects: (objects.get(cluster) ?? []).toSorted(compareManifests),
    held: [...(held.get(cluster) ?? [])].sort(compareStrings),
  }));
}

/**
 * The provider's slices of the service: labelled with its name, in its namespace, and not a copy
 * (Karmada service_export_controller.go reportEndpointSliceWithServiceExportCreate and
 * endpointslice_collect_controller.go collectTargetEndpointSlice; helper.IsEndpointSliceManagedByKarmada).
 * A slice is a copy by its `endpointslice.kubernetes.io/managed-by` or flotilla's provider label,
 * never by `app.kubernetes.io/managed-by`: kube-controller-manager copies the Service's labels onto
 * its slices, so the slices of a Service flotilla applied carry flotilla's label too.
 * Every endpoint is kept with its conditions, as Karmada copies the whole slice: a consumer's
 * kube-proxy routes only to ready ones.
 */
export function collectedSlices(
  slices: readonly KubeObject[],
  s: Pick<ExportedService, 'namespace' | 'name'>,
): KubeObject[] {
  return slices
    .filter(
      (e) =>
        (e.metadata.namespace ?? '') === s.namespace &&
        e.metadata.labels?.[serviceNameLabel] === s.name &&
        !isCopiedSlice(e.metadata.labels) &&
        e.metadata.labels?.[providerClusterLabel] === undefined,
    )
    .toSorted((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
}

/** The `flotilla.io/binding` of what a service's mechanism writes: Karmada's binding name of the ServiceImport or the MultiClusterService. */
export function ownerBinding(s: Pick<ExportedService, 'source' | 'namespace' | 'name'>): string {
  return `${s.namespace}/${s.name}-${s.source === 'ServiceExport' ? 'serviceimport' : 'multiclusterservice'}`;
}

/**
 * True for a Service or EndpointSlice this stage wrote (its binding is a ServiceImport's or a
 * MultiClusterService's): an object the plan took over since (a PropagationPolicy now places the
 * MultiClusterService's Service there) is the plan's, never pruned by this stage.
 */
export function writtenByServiceStage(o: KubeObject): boolean {
  const b = o.metadata.annotations?.[bindingAnnotation] ?? '';
  return (
    (o.kind === 'Service' || o.kind === 'EndpointSlice') &&
    (b.endsWith('-serviceimport') || b.endsWith('-multiclusterservice'))
  );
}

/**
 * Karmada endpointslice_controller.go deriveEndpointSlice (ServiceImport: `imported-<provider>-<slice>`,
 * labelled for `derived-<service>`) or endpointslice_dispatch_controller.go ensureEndpointSliceWork
 * (MultiClusterService: `<provider>-<slice>`, labelled for the service itself).
 */
function copiedSlice(slice: KubeObject, s: ExportedService, provider: string): KubeObject {
  const original = slice.metadata.name ?? '';
  const imported = s.source === 'ServiceExport';
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: imported ? importedSliceName(original, provider) : dispatchedSliceName(original, provider),
      namespace: s.namespace,
      labels: sortRecord({
        [managedByLabel]: managedByValue,
        [providerClusterLabel]: provider,
        [serviceNameLabel]: imported ? derivedServiceName(s.name) : s.name,
        [sliceManagedByLabel]: imported ? importControllerValue : dispatchControllerValue,
      }),
      annotations: sortRecord({ [bindingAnnotation]: ownerBinding(s), [provisionClusterAnnotation]: provider }),
    },
    addressType: slice['addressType'] ?? 'IPv4',
    endpoints: cloneJson(Array.isArray(slice['endpoints']) ? slice['endpoints'] : []),
    ports: cloneJson(Array.isArray(slice['ports']) ? slice['ports'] : []),
  };
}

/**
 * Karmada service_import_controller.go deriveServiceFromServiceImport: a ClusterIP Service
 * `derived-<name>` with the ServiceImport's ports (name, protocol, port, appProtocol), only for a
 * ServiceImport of type ClusterSetIP (a Headless one gets nothing, as in Karmada).
 */
function derivedService(s: ExportedService, serviceImport: KubeObject | undefined): KubeObject | undefined {
  const spec = serviceImport && isPlainObject(serviceImport['spec']) ? serviceImport['spec'] : undefined;
  if (spec?.['type'] !== 'ClusterSetIP') return undefined;
  const ports = (Array.isArray(spec['ports']) ? spec['ports'] : []).filter(isPlainObject).map((p) => {
    const out: JsonObject = {};
    for (const k of ['name', 'protocol', 'port', 'appProtocol'] as const)
      if (p[k] !== undefined) out[k] = cloneJson(p[k]) as JsonObject[string];
    return out;
  });
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: derivedServiceName(s.name),
      namespace: s.namespace,
      labels: { [managedByLabel]: managedByValue },
      annotations: { [bindingAnnotation]: ownerBinding(s) },
    },
    spec: { type: 'ClusterIP', ports },
  };
}

/**
 * The MultiClusterService's Service for a member the plan does not place it on (Karmada
 * mcs_controller.go propagateService): the template without what the API server assigns.
 */
function serviceCopy(s: ExportedService): KubeObject {
  const t = cloneJson(s.service?.template ?? { apiVersion: 'v1', kind: 'Service', metadata: {} }) as KubeObject & {
    spec?: Record<string, unknown>;
  };
  const spec = { ...(isPlainObject(t.spec) ? t.spec : {}) };
  delete spec['clusterIP'];
  delete spec['clusterIPs'];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: s.name,
      namespace: s.namespace,
      labels: sortRecord({ ...(t.metadata.labels ?? {}), [managedByLabel]: managedByValue }),
      annotations: sortRecord({ ...(t.metadata.annotations ?? {}), [bindingAnnotation]: ownerBinding(s) }),
    },
    spec,
  };
}

/** Kind, then namespace, then name (a total order on one member: D2). */
function compareManifests(a: KubeObject, b: KubeObject): number {
  return (
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
    compareStrings(a.metadata.name ?? '', b.metadata.name ?? '')
  );
}
