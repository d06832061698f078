/**
 * What flotilla writes to the status branch for one attempted revision (pure, B3):
 * `bindings/<namespace or _cluster>/<kind>.<name>.yaml` (placement and conditions),
 * `clusters/<name>.yaml` (observed conditions, only for clusters observed this run) and
 * `revision.yaml`. An invalid revision changes only `revision.yaml`: the bindings of the last good
 * revision stay in force (R2).
 */
import YAML from 'yaml';
import { compareStrings, resourceKey, type Condition } from '../api/index.ts';
import { planToContract, type Binding, type Plan } from '../plan/index.ts';
import type { ClusterHealthState, ClusterWorkloadStatus } from '../status/index.ts';
import { blockYaml } from './block-yaml.ts';
import { safeSegment } from './file-name.ts';
import { formatRevisionRecord, revisionPath, type Decision, type RevisionRecord } from './revision-record.ts';
import { clusterScopedFolder } from './rendered-tree.ts';
import { rebalancerFiles, rebalancersRoot } from './rebalancer-files.ts';
import { serialCache, type SerialCache } from './serial-cache.ts';

/** The folder of binding files. */
export const bindingsRoot = 'bindings';
/** The folder of observed cluster files. */
export const clustersRoot = 'clusters';

/** Conditions flotilla observed on a member cluster (from the cluster stage, when it ran). */
export interface ClusterObservation {
  readonly name: string;
  readonly conditions: readonly Condition[];
}

/** Everything the status decision reads. */
export interface StatusInput {
  readonly sourceBranch: string;
  readonly plan: Plan;
  /** The record currently on the status branch (undefined on a new branch). */
  readonly previous: RevisionRecord | undefined;
  readonly observed: readonly ClusterObservation[];
  /** The controller's failover state, when it ran a failover pass. */
  readonly failover?: FailoverStatus;
  /** A memo of binding files kept between passes (bindingTextCache); without one each is serialised anew. */
  readonly bindingText?: BindingTextCache;
}

/** Binding files' text by binding record (serial-cache.ts). */
export type BindingTextCache = SerialCache<Record<string, unknown>, string>;

/** A new memo for statusFiles' binding files. */
export function bindingTextCache(): BindingTextCache {
  return serialCache(bindingYaml);
}

function bindingYaml(record: Record<string, unknown>): string {
  return blockYaml(record, 'core') ?? YAML.stringify(record, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** What a failover pass adds to the status branch. */
export interface FailoverStatus {
  /** Every cluster's remembered health and controller taints. */
  readonly clusters: readonly ClusterHealthState[];
  /** The plan in force when the attempted revision is invalid (the last good revision, re-planned for failover). */
  readonly inForce?: Plan;
  /** Per resource key, what each member reported of the binding's workload. */
  readonly statuses: ReadonlyMap<string, readonly ClusterWorkloadStatus[]>;
}

/** The desired status files plus which paths this decision owns (others on the branch are left alone). */
export interface StatusFiles {
  readonly decision: Decision;
  readonly record: RevisionRecord;
  readonly files: ReadonlyMap<string, string>;
  readonly owns: (path: string) => boolean;
}

/** Decides the status branch content for one attempt. */
export function statusFiles(input: StatusInput): StatusFiles {
  const contract = planToContract(input.plan);
  const decision: Decision = contract.errors.length ? 'invalid' : 'plan';
  const record: RevisionRecord = {
    sourceBranch: input.sourceBranch,
    lastAppliedRevision: decision === 'plan' ? contract.revision : (input.previous?.lastAppliedRevision ?? null),
    lastAttemptedRevision: contract.revision,
    lastAttempt: { revision: contract.revision, decision, errors: contract.errors, warnings: contract.warnings },
  };
  const files = new Map<string, string>([[revisionPath, formatRevisionRecord(record)]]);
  const observedPaths = new Set<string>();
  for (const c of [...input.observed].sort((a, b) => compareStrings(a.name, b.name))) {
    const path = `${clustersRoot}/${safeSegment(c.name)}.yaml`;
    observedPaths.add(path);
    files.set(
      path,
      YAML.stringify(
        { name: c.name, conditions: [...c.conditions].sort((a, b) => compareStrings(a.type, b.type)) },
        { lineWidth: 0 },
      ),
    );
  }
  const failover = input.failover;
  if (failover) {
    for (const c of failover.clusters.toSorted((a, b) => compareStrings(a.cluster, b.cluster))) {
      const path = `${clustersRoot}/${safeSegment(c.cluster)}.yaml`;
      observedPaths.add(path);
      files.set(path, YAML.stringify(clusterHealthFile(c), { lineWidth: 0 }));
    }
  }
  const inForce = decision === 'plan' ? input.plan : failover?.inForce;
  const ownsClusters = failover !== undefined;
  const owns = (p: string) =>
    p === revisionPath ||
    observedPaths.has(p) ||
    (ownsClusters && p.startsWith(`${clustersRoot}/`)) ||
    (inForce !== undefined && (p.startsWith(`${bindingsRoot}/`) || p.startsWith(`${rebalancersRoot}/`)));
  if (inForce)
    for (const [path, text] of bindingFiles(inForce.bindings, failover?.statuses, input.bindingText))
      files.set(path, text);
  input.bindingText?.settle();
  if (inForce) for (const [path, text] of rebalancerFiles(inForce.rebalancers ?? [])) files.set(path, text);
  return { decision, record, files: sortedMap(files), owns };
}

/** The note a removed cluster's status file carries (what happened, what to do). */
export const removedMessage =
  'removed from the fleet repo: flotilla no longer applies to, observes or prunes this cluster; its objects stay on the member. To delete them, add the Cluster back with the taint flotilla.io/decommission:NoExecute until its bindings have moved and its objects are pruned, then remove it again; delete this file to stop the warning.';

/** `clusters/<name>.yaml` of the controller: Ready, the health memory and the controller taints (fixed key order, D5). */
function clusterHealthFile(c: ClusterHealthState): Record<string, unknown> {
  return {
    name: c.cluster,
    registeredAt: c.registeredAt,
    ...(c.probedAt ? { probedAt: c.probedAt } : {}),
    ...(c.streak ? { streak: c.streak } : {}),
    conditions: c.ready ? [c.ready] : [],
    taints: c.taints,
    ...(c.removedSince ? { removed: { since: c.removedSince, message: removedMessage } } : {}),
  };
}

/** The path of a binding's status file; a second resource sanitising to the same path gets its apiVersion appended. */
export function bindingFiles(
  bindings: readonly Binding[],
  statuses?: ReadonlyMap<string, readonly ClusterWorkloadStatus[]>,
  memo?: BindingTextCache,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of bindings) {
    const members = statuses?.get(resourceKey(b.spec.resource));
    // Without members' statuses the record is a function of the binding alone, so the binding
    // object stands for it in the memo (a binding the plan reused costs no JSON).
    const text = memo
      ? (record: Record<string, unknown>) => memo.get(record, members === undefined ? b : undefined)
      : bindingYaml;
    const r = b.spec.resource;
    const folder = r.namespace ? safeSegment(r.namespace) : clusterScopedFolder;
    let path = `${bindingsRoot}/${folder}/${safeSegment(`${r.kind.toLowerCase()}.${r.name}`)}.yaml`;
    if (out.has(path)) path = path.replace(/\.yaml$/, `.${r.apiVersion.replace(/[^a-z0-9]/gi, '').toLowerCase()}.yaml`);
    out.set(path, text(bindingStatus(b, members)));
  }
  return out;
}

/**
 * The binding as recorded: the ResourceBinding shape `parsePrevious` reads back
 * (spec.resource, spec.clusters), with the claiming policy and the Scheduled condition.
 */
function bindingStatus(b: Binding, members: readonly ClusterWorkloadStatus[] | undefined): Record<string, unknown> {
  return {
    apiVersion: b.apiVersion,
    kind: b.kind,
    metadata: {
      name: b.metadata.name,
      ...(b.metadata.namespace ? { namespace: b.metadata.namespace } : {}),
      annotations: b.metadata.annotations,
    },
    spec: {
      resource: b.spec.resource,
      ...(b.spec.replicas !== undefined ? { replicas: b.spec.replicas } : {}),
      clusters: b.spec.clusters,
      ...(b.spec.placement ? { placement: b.spec.placement } : {}),
      ...(b.spec.propagateDeps ? { propagateDeps: true } : {}),
      ...(b.spec.gracefulEvictionTasks ? { gracefulEvictionTasks: b.spec.gracefulEvictionTasks } : {}),
      ...(b.spec.requiredBy ? { requiredBy: b.spec.requiredBy } : {}),
      ...(b.spec.failover ? { failover: b.spec.failover } : {}),
    },
    status: {
      ...(b.status.schedulerObservingAffinityName
        ? { schedulerObservingAffinityName: b.status.schedulerObservingAffinityName }
        : {}),
      conditions: [...b.status.conditions].sort((x, y) => compareStrings(x.type, y.type)),
      // Karmada's aggregatedStatus items, reduced to what failover reads back (health, ready replicas).
      ...(members?.length
        ? {
            aggregatedStatus: members
              .toSorted((x, y) => compareStrings(x.cluster, y.cluster))
              .map((m) => ({
                clusterName: m.cluster,
                health: m.health,
                ...(m.readyReplicas !== undefined ? { readyReplicas: m.readyReplicas } : {}),
                ...(m.unhealthySince !== undefined ? { unhealthySince: m.unhealthySince } : {}),
                ...(m.conflict !== undefined ? { applied: false, appliedMessage: m.conflict } : {}),
                ...(m.preservedLabelState ? { preservedLabelState: m.preservedLabelState } : {}),
              })),
          }
        : {}),
    },
  };
}

function sortedMap(m: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...m].sort(([a], [b]) => compareStrings(a, b)));
}
