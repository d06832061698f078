/**
 * A binding's status from what the members report (Karmada's work status controller and
 * binding status aggregation, pkg/controllers/status/work_status_controller.go and
 * pkg/util/helper/workstatus.go): per member the reflected status, applied and health
 * (Healthy/Unhealthy/Unknown); the template's aggregated status; `Applied` and `Healthy` conditions.
 */
import {
  bindingAnnotation,
  compareStrings,
  type Condition,
  type JsonObject,
  type KubeObject,
  type ResourceRef,
} from '../api/index.ts';

/** The interpreter operations status needs (src/interpreter's Interpreter satisfies it). */
export interface StatusInterpreter {
  reflectStatus(obj: KubeObject): JsonObject | null;
  interpretHealth(obj: KubeObject): boolean;
  aggregateStatus(
    obj: KubeObject,
    items: readonly { clusterName: string; status?: JsonObject | null; applied?: boolean; health?: string }[],
  ): KubeObject;
}

/** What was read of one binding's object on one member. */
export type MemberObject =
  | { readonly kind: 'found'; readonly cluster: string; readonly live: KubeObject }
  | { readonly kind: 'missing'; readonly cluster: string }
  | { readonly kind: 'error'; readonly cluster: string; readonly message: string; readonly unreachable: boolean };

/** Karmada's AggregatedStatusItem, plus why when not applied. */
export interface MemberStatus {
  readonly clusterName: string;
  readonly status: JsonObject | null;
  readonly applied: boolean;
  readonly appliedMessage?: string;
  readonly health: 'Healthy' | 'Unhealthy' | 'Unknown';
  /** The member could not be read: applied and health are unknown, not false (the reason is appliedMessage). */
  readonly unreachable?: true;
  /** True when the member's object is not flotilla's (a conflict, left alone under Abort). */
  readonly conflict?: true;
}

/** One binding's observed status. */
export interface BindingStatus {
  readonly resource: ResourceRef;
  readonly binding: string;
  readonly clusters: readonly MemberStatus[];
  /** The template's status aggregated over the members (AggregateStatus). */
  readonly aggregatedStatus: JsonObject | null;
  readonly conditions: readonly Omit<Condition, 'lastTransitionTime'>[];
}

/** Computes a binding's status. `template` is the manifest the members got (its status is replaced). */
export function bindingStatus(args: {
  readonly resource: ResourceRef;
  readonly binding: string;
  readonly template: KubeObject;
  readonly members: readonly MemberObject[];
  readonly interpreter: StatusInterpreter;
}): BindingStatus {
  const clusters = args.members
    .toSorted((a, b) => compareStrings(a.cluster, b.cluster))
    .map((m) => memberStatus(m, args.binding, args.interpreter));
  let aggregated: JsonObject | null = null;
  try {
    const out = args.interpreter.aggregateStatus(
      args.template,
      clusters.map((c) => ({ clusterName: c.clusterName, status: c.status, applied: c.applied, health: c.health })),
    );
    aggregated = (out['status'] as JsonObject | undefined) ?? null;
  } catch {
    aggregated = null; // a failing aggregation script leaves the aggregate unknown; members still report
  }
  return {
    resource: args.resource,
    binding: args.binding,
    clusters,
    aggregatedStatus: aggregated,
    conditions: conditions(clusters),
  };
}

/** Karmada's objectwatcher refuses such an object unless the Work says Overwrite: the conflict, as status shows it. */
const notOwnedMessage =
  "conflict: the member's object was not made by flotilla and is left alone (conflictResolution Abort, Karmada's default; Overwrite takes it over)";

function memberStatus(m: MemberObject, binding: string, interpreter: StatusInterpreter): MemberStatus {
  if (m.kind === 'missing')
    return {
      clusterName: m.cluster,
      status: null,
      applied: false,
      appliedMessage: 'not found on the member',
      health: 'Unknown',
    };
  if (m.kind === 'error')
    return {
      clusterName: m.cluster,
      status: null,
      applied: false,
      appliedMessage: m.message,
      health: 'Unknown',
      ...(m.unreachable ? { unreachable: true as const } : {}),
    };
  const owner = m.live.metadata.annotations?.[bindingAnnotation];
  if (owner !== binding)
    return {
      clusterName: m.cluster,
      status: null,
      applied: false,
      health: 'Unknown',
      ...(owner
        ? { appliedMessage: `the member's object belongs to binding ${owner}` }
        : { appliedMessage: notOwnedMessage, conflict: true }),
    };
  let status: JsonObject | null;
  let health: MemberStatus['health'];
  try {
    status = interpreter.reflectStatus(m.live);
  } catch {
    status = null; // Karmada logs and reflects nothing when the script fails
  }
  try {
    health = interpreter.interpretHealth(m.live) ? 'Healthy' : 'Unhealthy';
  } catch {
    health = 'Unknown';
  }
  return { clusterName: m.cluster, status, applied: true, health };
}

/**
 * `Applied` (every member has it) and `Healthy` (every member reports Healthy), with reasons. A
 * member that cannot be read makes them Unknown, never False: nothing is known to be wrong with
 * the workload there (the cluster problem is reported once, by the caller, not in every binding).
 */
function conditions(clusters: readonly MemberStatus[]): Omit<Condition, 'lastTransitionTime'>[] {
  const unreachable = clusters.filter((c) => c.unreachable);
  const notApplied = clusters.filter((c) => !c.applied && !c.unreachable);
  const unhealthy = clusters.filter((c) => c.health === 'Unhealthy');
  const unknown = clusters.filter((c) => c.health === 'Unknown');
  const names = (cs: readonly MemberStatus[]) => cs.map((c) => c.clusterName).join(', ');
  const unreachableNote = unreachable.length ? `; unknown on ${names(unreachable)} (unreachable)` : '';
  const applied: Omit<Condition, 'lastTransitionTime'> = notApplied.length
    ? {
        type: 'Applied',
        status: 'False',
        reason: 'NotApplied',
        message: `not applied on ${names(notApplied)}: ${notApplied.map((c) => `${c.clusterName}: ${c.appliedMessage ?? ''}`).join('; ')}${unreachableNote}`,
      }
    : unreachable.length
      ? {
          type: 'Applied',
          status: 'Unknown',
          reason: 'ClusterUnreachable',
          message: `unknown on ${names(unreachable)} (unreachable)`,
        }
      : {
          type: 'Applied',
          status: 'True',
          reason: 'FullyApplied',
          message: `applied on ${clusters.length} cluster(s)`,
        };
  const healthy: Omit<Condition, 'lastTransitionTime'> = unhealthy.length
    ? { type: 'Healthy', status: 'False', reason: 'Unhealthy', message: `not healthy on ${names(unhealthy)}` }
    : unknown.length
      ? {
          type: 'Healthy',
          status: 'Unknown',
          reason: unreachable.length === unknown.length ? 'ClusterUnreachable' : 'HealthUnknown',
          message: `health unknown on ${unknown.map((c) => `${c.clusterName}${c.unreachable ? ' (unreachable)' : ''}`).join(', ')}`,
        }
      : { type: 'Healthy', status: 'True', reason: 'Healthy', message: `healthy on ${clusters.length} cluster(s)` };
  return [applied, healthy];
}
