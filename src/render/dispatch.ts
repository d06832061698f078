/**
 * How each Work is dispatched to its member, from the policy fields Karmada copies onto the
 * binding (`suspension`, `preserveResourcesOnDeletion`, `conflictResolution`) and from there onto
 * each Work (Karmada pkg/controllers/binding/common.go ensureWork, pkg/controllers/ctrlutil/work.go
 * WithSuspendDispatching / WithPreserveResourcesOnDeletion).
 */
import { conflictResolutionAnnotation, type Suspension } from '../api/index.ts';

/** Karmada's two conflict resolutions; `Abort` is the default (policy/v1alpha1 propagation_types.go). */
export type ConflictResolution = 'Overwrite' | 'Abort';

/** The binding's copy of the policy's dispatch fields. */
export interface DispatchPolicy {
  readonly suspension?: Suspension | undefined;
  readonly preserveResourcesOnDeletion?: boolean | undefined;
  readonly conflictResolution?: ConflictResolution | undefined;
}

/** What one Work says about its dispatch (Work `spec.suspendDispatching`, `spec.preserveResourcesOnDeletion`, the conflict annotation). */
export interface WorkDispatch {
  readonly suspendDispatching: boolean;
  readonly preserveResourcesOnDeletion: boolean;
  readonly conflictResolution: ConflictResolution;
}

/** A Work that is dispatched, releases nothing on deletion and never takes over a member's object. */
export const defaultDispatch: WorkDispatch = {
  suspendDispatching: false,
  preserveResourcesOnDeletion: false,
  conflictResolution: 'Abort',
};

/**
 * Karmada common.go shouldSuspendDispatching: `dispatching: true` suspends every cluster;
 * otherwise a cluster named in `dispatchingOnClusters.clusterNames` is suspended.
 */
export function shouldSuspendDispatching(suspension: Suspension | undefined, cluster: string): boolean {
  if (!suspension) return false;
  if (suspension.dispatching === true) return true;
  return suspension.dispatchingOnClusters?.clusterNames?.includes(cluster) ?? false;
}

/**
 * Karmada common.go mergeConflictResolution: the template's own `work.karmada.io/conflict-resolution`
 * annotation wins when it is `overwrite` or `abort` (work/v1alpha2 ResourceConflictResolutionOverwrite,
 * ResourceConflictResolutionAbort; any other value is ignored); then the binding's `Overwrite`;
 * anything else is `Abort`.
 */
export function mergeConflictResolution(
  templateAnnotations: Readonly<Record<string, string>> | undefined,
  fromBinding: ConflictResolution | undefined,
): ConflictResolution {
  const own = templateAnnotations?.[conflictResolutionAnnotation];
  const fromTemplate = own === undefined ? undefined : templateConflictResolution[own];
  if (fromTemplate) return fromTemplate;
  return fromBinding === 'Overwrite' ? 'Overwrite' : 'Abort';
}

/**
 * The template annotation's values: Karmada's lower-case ones, and (flotilla differs: docs/karmada-
 * differences.md) the capitalised ones flotilla documented before, which Karmada ignores.
 */
const templateConflictResolution: Readonly<Record<string, ConflictResolution>> = {
  overwrite: 'Overwrite',
  abort: 'Abort',
  Overwrite: 'Overwrite',
  Abort: 'Abort',
};

/** The dispatch of the Work of a template on `cluster`. */
export function workDispatch(
  policy: DispatchPolicy,
  templateAnnotations: Readonly<Record<string, string>> | undefined,
  cluster: string,
): WorkDispatch {
  return {
    suspendDispatching: shouldSuspendDispatching(policy.suspension, cluster),
    preserveResourcesOnDeletion: policy.preserveResourcesOnDeletion === true,
    conflictResolution: mergeConflictResolution(templateAnnotations, policy.conflictResolution),
  };
}

/**
 * The dispatch policy of a binding attached to others as their dependency (Karmada
 * pkg/dependenciesdistributor/policy_utils.go): any referencing binding's `Overwrite` makes it
 * `Overwrite`, any one's preservation preserves it. Suspension is not inherited.
 */
export function attachedDispatchPolicy(referencing: readonly DispatchPolicy[]): DispatchPolicy {
  return {
    conflictResolution: referencing.some((p) => p.conflictResolution === 'Overwrite') ? 'Overwrite' : 'Abort',
    preserveResourcesOnDeletion: referencing.some((p) => p.preserveResourcesOnDeletion === true),
  };
}
