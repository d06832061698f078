/**
 * What a binding remembers across revisions besides its placement: the policy that claimed the
 * template (Karmada's claim annotations, pkg/detector/claim.go AddPPClaimMetadata /
 * AddCPPClaimMetadata, which the detector writes on the binding as on the template) and, for a
 * policy with `activationPreference: Lazy`, the version of the template the binding was built from
 * and the spec it was built with. The status branch keeps the binding, so a restarted controller
 * reads the same memory (DESIGN principle 3).
 */
import {
  canonicalJson,
  isPlainObject,
  stableHash,
  type FailoverBehavior,
  type KubeObject,
  type Placement,
} from '../api/index.ts';
import type { PolicyClaim } from '../policy/index.ts';

/** Karmada's claim annotations (policy/v1alpha1 well_known_constants.go). */
export const ppNameAnnotation = 'propagationpolicy.karmada.io/name';
export const ppNamespaceAnnotation = 'propagationpolicy.karmada.io/namespace';
export const cppNameAnnotation = 'clusterpropagationpolicy.karmada.io/name';
/**
 * The template version a Lazy policy's binding was built from: a hash of the template without what
 * Karmada's eventfilter.SpecificationChanged ignores (status, managedFields, resourceVersion).
 * flotilla differs (DESIGN "Deliberate differences"): Karmada sees the change as an event; a git
 * revision only has the record of the previous one.
 */
export const templateHashAnnotation = 'flotilla.io/template-hash';

/** A previous binding's memory. */
export interface BindingRecord {
  readonly claim?: PolicyClaim;
  readonly templateHash?: string;
  /** The clusterAffinities term the binding was last scheduled with (Karmada `status.schedulerObservingAffinityName`, Go field SchedulerObservedAffinityName). */
  readonly observedAffinityName?: string;
  /** The recorded Scheduled condition is False: the last schedule failed. */
  readonly unscheduled?: true;
  /** The binding's spec as the claim built it (what a Lazy policy keeps until the template changes). */
  readonly spec: {
    readonly placement?: Placement;
    readonly propagateDeps?: boolean;
    readonly failover?: FailoverBehavior;
  };
}

/** Reads the record of one binding object (a plan's binding or a status-branch file); undefined when it has no metadata. */
export function readBindingRecord(b: unknown): BindingRecord | undefined {
  if (!isPlainObject(b) || !isPlainObject(b['metadata'])) return undefined;
  const a = isPlainObject(b['metadata']['annotations']) ? b['metadata']['annotations'] : {};
  const str = (k: string): string | undefined => (typeof a[k] === 'string' && a[k] !== '' ? a[k] : undefined);
  const ppName = str(ppNameAnnotation);
  const cppName = str(cppNameAnnotation);
  const claim: PolicyClaim | undefined =
    ppName !== undefined
      ? { kind: 'PropagationPolicy', namespace: str(ppNamespaceAnnotation) ?? 'default', name: ppName }
      : cppName !== undefined
        ? { kind: 'ClusterPropagationPolicy', name: cppName }
        : undefined;
  const spec = isPlainObject(b['spec']) ? b['spec'] : {};
  const hash = str(templateHashAnnotation);
  const status = isPlainObject(b['status']) ? b['status'] : {};
  // Karmada's JSON name; plans written before flotilla used it carry `schedulerObservedAffinityName`.
  const observed = status['schedulerObservingAffinityName'] ?? status['schedulerObservedAffinityName'];
  return {
    ...(claim ? { claim } : {}),
    ...(hash ? { templateHash: hash } : {}),
    ...(typeof observed === 'string' && observed !== '' ? { observedAffinityName: observed } : {}),
    ...(scheduledFalse(status['conditions']) ? { unscheduled: true as const } : {}),
    spec: {
      ...(isPlainObject(spec['placement']) ? { placement: spec['placement'] as Placement } : {}),
      ...(spec['propagateDeps'] === true ? { propagateDeps: true } : {}),
      ...(isPlainObject(spec['failover']) ? { failover: spec['failover'] as FailoverBehavior } : {}),
    },
  };
}

function scheduledFalse(conditions: unknown): boolean {
  return (
    Array.isArray(conditions) &&
    conditions.some((c) => isPlainObject(c) && c['type'] === 'Scheduled' && c['status'] === 'False')
  );
}

/** The hash of a template as Karmada's SpecificationChanged compares it. */
export function templateHash(t: KubeObject): string {
  const object: Record<string, unknown> = { ...t };
  delete object['status'];
  const metadata: Record<string, unknown> = { ...t.metadata };
  delete metadata['managedFields'];
  delete metadata['resourceVersion'];
  return stableHash(canonicalJson({ ...object, metadata }));
}
