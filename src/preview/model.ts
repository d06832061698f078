/**
 * The shape of a placement preview: what a change between two revisions does to the fleet.
 * Every field is always present (null where a side has nothing), so the JSON form is stable
 * for tools (docs/pr-preview.md describes it).
 */
import type { ResourceRef } from '../api/index.ts';
import type { ContractDiagnostic } from '../plan/index.ts';
import type { ResilienceReport } from '../simulate/index.ts';
import type { WavePlan } from '../rollout/index.ts';

/** How an item differs between base and head. */
export const changeKinds = ['added', 'removed', 'changed'] as const;
/** One of {@link changeKinds}. */
export type ChangeKind = (typeof changeKinds)[number];

/** One revision of the comparison. */
export interface RevisionSide {
  /** The ref the user named (`main`, `HEAD~1`, a sha). */
  readonly ref: string;
  /** The commit it resolved to. */
  readonly revision: string;
  /** Validation errors; a side with errors plans nothing. */
  readonly errors: readonly ContractDiagnostic[];
  /** Warnings (an unknown cluster name, a missing dependency): the revision plans, but a reviewer should see them. */
  readonly warnings: readonly ContractDiagnostic[];
  /** Of `warnings`, those the base does not have (same code, file and message): what this change brings. */
  readonly newWarnings: number;
}

/** A cluster's replicas before and after; null where the resource is not placed there. */
export interface ClusterPlacement {
  readonly cluster: string;
  /** Replicas on the cluster in base (0 for a placement without a replica count), null if absent. */
  readonly before: number | null;
  readonly after: number | null;
}

/** The `Scheduled` condition of a binding, as far as a reviewer needs it. */
export interface SchedulingState {
  readonly scheduled: boolean;
  readonly reason: string;
  readonly message: string;
}

/** The change of one binding: placement, claiming policy, scheduling outcome. */
export interface ResourceChange {
  readonly change: ChangeKind;
  readonly resource: ResourceRef;
  /** The claiming policy, `Kind namespace/name` (or `Kind name`); null when none (a dependency). */
  readonly policy: { readonly before: string | null; readonly after: string | null };
  /** Paths under `spec.placement` whose values differ (the claiming policy's placement was edited). */
  readonly placementPaths: readonly string[];
  /** Desired replicas of the template (spec.replicas of the binding), null for non-workloads. */
  readonly replicas: { readonly before: number | null; readonly after: number | null };
  /** Every cluster placed in either revision, sorted by name; unchanged ones included. */
  readonly clusters: readonly ClusterPlacement[];
  readonly scheduling: { readonly before: SchedulingState | null; readonly after: SchedulingState | null };
  /** True when the head cannot schedule it but the base could (or it is new and unschedulable). */
  readonly becameUnschedulable: boolean;
  /** True when its clusters or replica counts differ (an added or removed placement counts). */
  readonly replaced: boolean;
}

/** Replicas moving out of one cluster into another; `from` null = new replicas, `to` null = removed ones. */
export interface ReplicaMove {
  readonly from: string | null;
  readonly to: string | null;
  readonly replicas: number;
}

/** One manifest that a cluster gains, loses or gets changed. */
export interface ObjectChange {
  readonly change: ChangeKind;
  readonly resource: ResourceRef;
  /** The binding that owns it (`flotilla.io/binding`). */
  readonly binding: string;
  /** Unified diff of the manifest as YAML. */
  readonly diff: string;
}

/** What changes on one member cluster. */
export interface ClusterChange {
  readonly cluster: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** Sorted by resource key. */
  readonly objects: readonly ObjectChange[];
}

/** Counts for the one-line summary and the table. */
export interface DiffSummary {
  readonly resourcesReplaced: number;
  readonly replicasMoved: number;
  readonly clustersTouched: number;
  readonly resourcesAdded: number;
  readonly resourcesRemoved: number;
  readonly resourcesChanged: number;
  readonly unschedulable: number;
  readonly objectsAdded: number;
  readonly objectsRemoved: number;
  readonly objectsChanged: number;
  readonly headErrors: number;
}

/** The whole preview; `changed` false means the two revisions do the same to the fleet. */
export interface PlanDiff {
  readonly schema: typeof previewSchema;
  readonly base: RevisionSide;
  readonly head: RevisionSide;
  readonly changed: boolean;
  readonly summary: DiffSummary;
  /** Sorted by resource key. */
  readonly resources: readonly ResourceChange[];
  /** Sorted by from, then to (null first). */
  readonly moves: readonly ReplicaMove[];
  /** Sorted by cluster name; only clusters with changes. */
  readonly clusters: readonly ClusterChange[];
  /** With `--resilience`: single-region (and, on a small fleet, single-cluster) failures on base and head, compared. */
  readonly resilience?: ResilienceReport;
  /** The head's wave plan of each RolloutStrategy staging a template the change touches (absent: none). */
  readonly waves?: readonly WavePlan[];
}

/** The version tag of the JSON form; bumped only on an incompatible change. */
export const previewSchema = 'flotilla.io/preview/v1';
