/**
 * Names, labels and annotations of Karmada's multi-cluster service controllers, as flotilla writes
 * them into consumer clusters (karmada pkg/util/constants.go, pkg/util/names/names.go), plus the
 * kinds those controllers read.
 */

/** The Kubernetes MCS API group (kubernetes-sigs/mcs-api). */
export const mcsGroup = 'multicluster.x-k8s.io';
/** Karmada's networking group, home of MultiClusterService. */
export const karmadaNetworkingGroup = 'networking.karmada.io';
/** discovery.k8s.io/v1 LabelServiceName: the Service an EndpointSlice belongs to. */
export const serviceNameLabel = 'kubernetes.io/service-name';
/** discovery.k8s.io/v1 LabelManagedBy: the controller that manages an EndpointSlice. */
export const sliceManagedByLabel = 'endpointslice.kubernetes.io/managed-by';
/** Karmada EndpointSliceControllerLabelValue: slices derived for a ServiceImport (pkg/controllers/mcs). */
export const importControllerValue = 'endpointslice-controller.karmada.io';
/** Karmada EndpointSliceDispatchControllerLabelValue: slices dispatched for a MultiClusterService. */
export const dispatchControllerValue = 'endpointslice-dispatch-controller.karmada.io';
/** Karmada EndpointSliceProvisionClusterAnnotation: the provider cluster a copied slice came from. */
export const provisionClusterAnnotation = 'endpointslice.karmada.io/provision-cluster';
/**
 * flotilla's own label on a copied slice, the provider cluster (a label, unlike Karmada's
 * annotation, so a consumer's copies from one provider are one list call).
 */
export const providerClusterLabel = 'flotilla.io/provider-cluster';

/** Karmada names.GenerateDerivedServiceName: `derived-<service>`. */
export function derivedServiceName(service: string): string {
  return `derived-${service}`;
}

/** Karmada names.GenerateEndpointSliceName: `imported-<cluster>-<slice>`, a slice collected for a ServiceImport. */
export function importedSliceName(slice: string, cluster: string): string {
  return `imported-${cluster}-${slice}`;
}

/** Karmada endpointslice_dispatch_controller.go ensureEndpointSliceWork: `<provider>-<slice>`, a slice dispatched for a MultiClusterService. */
export function dispatchedSliceName(slice: string, provider: string): string {
  return `${provider}-${slice}`;
}

/**
 * Karmada helper.IsEndpointSliceManagedByKarmada: a copy Karmada (or flotilla, which writes the
 * same managed-by values) made is never collected again, or copies would breed copies.
 */
export function isCopiedSlice(labels: Readonly<Record<string, string>> | undefined): boolean {
  const v = labels?.[sliceManagedByLabel];
  return v === importControllerValue || v === dispatchControllerValue;
}
