/**
 * Karmada's API as users write it (T1: the written form; fields optional exactly as in the CRDs).
 * Sources: karmada-io/karmada pkg/apis/{cluster,policy,config,work}/… *_types.go.
 */
import type { KubeObject, ObjectMeta } from './object.ts';

export const clusterApiVersion = 'cluster.karmada.io/v1alpha1';
export const policyApiVersion = 'policy.karmada.io/v1alpha1';
export const configApiVersion = 'config.karmada.io/v1alpha1';
export const workApiVersion = 'work.karmada.io/v1alpha1';
export const bindingApiVersion = 'work.karmada.io/v1alpha2';

// ---- label selectors (meta/v1) -------------------------------------------------------------
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

// ---- Cluster -------------------------------------------------------------------------------
export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  readonly timeAdded?: string;
}
export interface ResourceModelRange {
  readonly name: string;
  readonly min: string | number;
  readonly max: string | number;
}
export interface ResourceModel {
  readonly grade: number;
  readonly ranges: readonly ResourceModelRange[];
}
export interface ClusterSpec {
  readonly id?: string;
  readonly syncMode?: 'Push' | 'Pull';
  readonly apiEndpoint?: string;
  readonly secretRef?: { readonly namespace: string; readonly name: string };
  readonly impersonatorSecretRef?: { readonly namespace: string; readonly name: string };
  readonly insecureSkipTLSVerification?: boolean;
  readonly proxyURL?: string;
  readonly provider?: string;
  readonly region?: string;
  readonly zone?: string;
  readonly zones?: readonly string[];
  readonly taints?: readonly Taint[];
  readonly resourceModels?: readonly ResourceModel[];
}
export interface Condition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: string;
  readonly observedGeneration?: number;
}
export interface APIEnablement {
  readonly groupVersion: string;
  readonly resources?: readonly { readonly name: string; readonly kind: string }[];
}
export type ResourceList = Readonly<Record<string, string | number>>;
export interface AllocatableModeling {
  readonly grade: number;
  readonly count: number;
}
export interface ResourceSummary {
  readonly allocatable?: ResourceList;
  readonly allocating?: ResourceList;
  readonly allocated?: ResourceList;
  readonly allocatableModelings?: readonly AllocatableModeling[];
}
export interface ClusterStatus {
  readonly kubernetesVersion?: string;
  readonly apiEnablements?: readonly APIEnablement[];
  readonly conditions?: readonly Condition[];
  readonly nodeSummary?: { readonly totalNum?: number; readonly readyNum?: number };
  readonly resourceSummary?: ResourceSummary;
}
export interface Cluster extends KubeObject {
  readonly spec?: ClusterSpec;
  readonly status?: ClusterStatus;
}

// ---- ClusterTaintPolicy (policy.karmada.io/v1alpha1 clustertaint_types.go) ------------------
export interface MatchCondition {
  readonly conditionType: string;
  readonly operator: 'In' | 'NotIn';
  readonly statusValues: readonly ('True' | 'False' | 'Unknown')[];
}
export interface ClusterTaintPolicy extends KubeObject {
  readonly kind: 'ClusterTaintPolicy';
  readonly spec: {
    readonly targetClusters?: ClusterAffinity;
    readonly addOnConditions?: readonly MatchCondition[];
    readonly removeOnConditions?: readonly MatchCondition[];
    readonly taints: readonly Pick<Taint, 'key' | 'value' | 'effect'>[];
  };
}

// ---- PropagationPolicy ---------------------------------------------------------------------
export interface ResourceSelector {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly labelSelector?: LabelSelector;
}
export interface FieldSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values?: readonly string[];
}
export interface FieldSelector {
  readonly matchExpressions?: readonly FieldSelectorRequirement[];
}
export interface ClusterAffinity {
  readonly labelSelector?: LabelSelector;
  readonly fieldSelector?: FieldSelector;
  readonly clusterNames?: readonly string[];
  readonly exclude?: readonly string[];
}
export interface ClusterAffinityTerm extends ClusterAffinity {
  readonly affinityName: string;
  /** Groups taken in order when the term's own clusters cannot hold the replicas (Karmada v1.18+). */
  readonly overflowAffinities?: readonly (ClusterAffinity & { readonly affinityName: string })[];
}
export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: '' | 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  readonly tolerationSeconds?: number;
}
export type SpreadByField = 'cluster' | 'region' | 'zone' | 'provider';
export interface SpreadConstraint {
  readonly spreadByField?: SpreadByField;
  readonly spreadByLabel?: string;
  readonly maxGroups?: number;
  readonly minGroups?: number;
}
export interface StaticClusterWeight {
  readonly targetCluster: ClusterAffinity;
  readonly weight: number;
}
export interface ClusterPreferences {
  readonly staticWeightList?: readonly StaticClusterWeight[];
  readonly dynamicWeight?: 'AvailableReplicas';
}
export interface ReplicaSchedulingStrategy {
  readonly replicaSchedulingType?: 'Duplicated' | 'Divided';
  readonly replicaDivisionPreference?: 'Aggregated' | 'Weighted';
  readonly weightPreference?: ClusterPreferences;
}
/** A workload-affinity term: workloads whose template has the same value under this label key form one group. */
export interface WorkloadAffinityTerm {
  readonly groupByLabelKey: string;
}
export interface WorkloadAffinity {
  readonly affinity?: WorkloadAffinityTerm;
  readonly antiAffinity?: WorkloadAffinityTerm;
}
export interface Placement {
  readonly clusterAffinity?: ClusterAffinity;
  readonly clusterAffinities?: readonly ClusterAffinityTerm[];
  readonly clusterTolerations?: readonly Toleration[];
  readonly spreadConstraints?: readonly SpreadConstraint[];
  readonly replicaScheduling?: ReplicaSchedulingStrategy;
  readonly workloadAffinity?: WorkloadAffinity;
}
export interface DecisionConditions {
  readonly tolerationSeconds?: number;
}
export interface StatePreservationRule {
  readonly aliasLabelName: string;
  readonly jsonPath: string;
}
export interface ApplicationFailoverBehavior {
  readonly decisionConditions?: DecisionConditions;
  readonly purgeMode?: 'Immediately' | 'Graciously' | 'Never' | 'Directly' | 'Gracefully';
  readonly gracePeriodSeconds?: number;
  readonly statePreservation?: { readonly rules: readonly StatePreservationRule[] };
}
export interface ClusterFailoverBehavior {
  readonly purgeMode?: 'Immediately' | 'Graciously' | 'Never' | 'Directly' | 'Gracefully';
  readonly statePreservation?: { readonly rules: readonly StatePreservationRule[] };
}
export interface FailoverBehavior {
  readonly application?: ApplicationFailoverBehavior;
  readonly cluster?: ClusterFailoverBehavior;
}
/** Karmada policy/v1alpha1 Suspension: `dispatching` stops every cluster's Works, `dispatchingOnClusters` the named ones'. */
export interface Suspension {
  readonly dispatching?: boolean;
  readonly dispatchingOnClusters?: { readonly clusterNames?: readonly string[] };
}
export interface PropagationSpec {
  readonly resourceSelectors: readonly ResourceSelector[];
  readonly propagateDeps?: boolean;
  readonly placement?: Placement;
  readonly priority?: number;
  readonly preemption?: 'Always' | 'Never';
  readonly dependentOverrides?: readonly string[];
  readonly schedulerName?: string;
  readonly failover?: FailoverBehavior;
  readonly conflictResolution?: 'Overwrite' | 'Abort';
  readonly activationPreference?: '' | 'Lazy';
  readonly suspension?: Suspension;
  readonly preserveResourcesOnDeletion?: boolean;
}
export interface PropagationPolicy extends KubeObject {
  readonly kind: 'PropagationPolicy' | 'ClusterPropagationPolicy';
  readonly spec: PropagationSpec;
}

// ---- OverridePolicy ------------------------------------------------------------------------
export interface PlaintextOverrider {
  readonly path: string;
  readonly operator: 'add' | 'remove' | 'replace';
  readonly value?: unknown;
}
export interface ImagePredicate {
  readonly path: string;
}
export interface ImageOverrider {
  readonly predicate?: ImagePredicate;
  readonly component: 'Registry' | 'Repository' | 'Tag';
  readonly operator: 'add' | 'remove' | 'replace';
  readonly value?: string;
}
export interface CommandArgsOverrider {
  readonly containerName: string;
  readonly operator: 'add' | 'remove';
  readonly value?: readonly string[];
}
export interface LabelAnnotationOverrider {
  readonly operator: 'add' | 'remove' | 'replace';
  readonly value?: Readonly<Record<string, string>>;
}
export interface JSONPatchOperation {
  readonly subPath: string;
  readonly operator: 'add' | 'remove' | 'replace';
  readonly value?: unknown;
}
export interface FieldOverrider {
  readonly fieldPath: string;
  readonly json?: readonly JSONPatchOperation[];
  readonly yaml?: readonly JSONPatchOperation[];
}
export interface Overriders {
  readonly plaintext?: readonly PlaintextOverrider[];
  readonly imageOverrider?: readonly ImageOverrider[];
  readonly commandOverrider?: readonly CommandArgsOverrider[];
  readonly argsOverrider?: readonly CommandArgsOverrider[];
  readonly labelsOverrider?: readonly LabelAnnotationOverrider[];
  readonly annotationsOverrider?: readonly LabelAnnotationOverrider[];
  readonly fieldOverrider?: readonly FieldOverrider[];
}
export interface RuleWithCluster {
  readonly targetCluster?: ClusterAffinity;
  readonly overriders: Overriders;
}
export interface OverrideSpec {
  readonly resourceSelectors?: readonly ResourceSelector[];
  readonly overrideRules?: readonly RuleWithCluster[];
  /** Deprecated in Karmada, still honoured when overrideRules is empty. */
  readonly targetCluster?: ClusterAffinity;
  /** Deprecated in Karmada, still honoured when overrideRules is empty. */
  readonly overriders?: Overriders;
}
export interface OverridePolicy extends KubeObject {
  readonly kind: 'OverridePolicy' | 'ClusterOverridePolicy';
  readonly spec: OverrideSpec;
}

// ---- ResourceInterpreterCustomization ------------------------------------------------------
export interface LuaScript {
  readonly luaScript: string;
}
export interface CustomizationRules {
  readonly retention?: LuaScript;
  readonly replicaResource?: LuaScript;
  readonly replicaRevision?: LuaScript;
  readonly statusReflection?: LuaScript;
  readonly statusAggregation?: LuaScript;
  readonly healthInterpretation?: LuaScript;
  readonly dependencyInterpretation?: LuaScript;
}
export interface ResourceInterpreterCustomization extends KubeObject {
  readonly spec: {
    readonly target: { readonly apiVersion: string; readonly kind: string };
    readonly customizations: CustomizationRules;
  };
}

// ---- bindings and works (what flotilla produces) --------------------------------------------
export interface TargetCluster {
  readonly name: string;
  readonly replicas?: number;
}

/** Metadata of objects flotilla produces: name and namespace always set. */
export interface ProducedMeta extends ObjectMeta {
  readonly name: string;
}

// ---- replica requirements (interpreter GetReplicas → scheduler estimator) -------------------
export interface NodeClaim {
  readonly hardNodeAffinity?: unknown;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly unknown[];
}
/** Karmada work/v1alpha2 ReplicaRequirements: what one replica needs. */
export interface ReplicaRequirements {
  readonly nodeClaim?: NodeClaim;
  readonly resourceRequest?: ResourceList;
  readonly namespace?: string;
  readonly priorityClassName?: string;
}

/** The purge modes Karmada accepts today; `Immediately`/`Graciously` are their pre-v1.12 spellings. */
export type PurgeMode = 'Directly' | 'Gracefully' | 'Never';

/** work/v1alpha2 GracefulEvictionTask (pkg/apis/work/v1alpha2/binding_types.go), keys in Karmada's field order (D5). */
export interface GracefulEvictionTask {
  readonly fromCluster: string;
  readonly purgeMode?: PurgeMode;
  /** Replicas the cluster held; absent for templates without replicas (Karmada omits zero). */
  readonly replicas?: number;
  readonly reason: string;
  readonly message?: string;
  readonly producer: string;
  readonly gracePeriodSeconds?: number;
  /** true for purge mode Never: kept until a person sets it false. */
  readonly suppressDeletion?: boolean;
  /** State read from the evicted copy by the policy's statePreservation rules: labels for the new cluster. */
  readonly preservedLabelState?: Readonly<Record<string, string>>;
  /** The clusters the binding ran on before an application failover (no state is injected there). */
  readonly clustersBeforeFailover?: readonly string[];
  readonly creationTimestamp?: string;
}
