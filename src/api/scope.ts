/** Which kinds are cluster-scoped. Kinds not listed are namespaced, unless a CRD in the repo says otherwise. */
const clusterScopedKinds: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'CertificateSigningRequest',
  'ComponentStatus',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ClusterPropagationPolicy',
  'ClusterOverridePolicy',
  'ResourceInterpreterCustomization',
  'ResourceInterpreterWebhookConfiguration',
  'Cluster',
  'ClusterResourceBinding',
  'ClusterIssuer',
  'ClusterPolicy',
  'ClusterTaintPolicy',
]);

/** True when objects of this kind have no namespace (built-in list plus CRDs the fleet declares). */
export function isClusterScoped(kind: string, clusterScopedCrdKinds?: ReadonlySet<string>): boolean {
  return clusterScopedKinds.has(kind) || (clusterScopedCrdKinds?.has(kind) ?? false);
}
