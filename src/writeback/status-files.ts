/**
 * What flotilla writes to the status branch for one attempted revision (pure, B3):
 * `bindings/<namespace or _cluster>/<kind>.<name>.yaml` (placement and conditions),
 * `clusters/<name>.yaml` (observed conditions, only for clusters observed this run) and
 * `revision.yaml`. An invalid revision changes only `revision.yaml`: the bindings of the last good
 * revision stay in force (R2).
 */
import YAML from 'yaml';
import { compareStrings, type Condition } from '../api/index.ts';
import { planToContract, type Binding, type Plan } from '../plan/index.ts';
import { safeSegment } from './file-name.ts';
import { formatRevisionRecord, revisionPath, type Decision, type RevisionRecord } from './revision-record.ts';
import { clusterScopedFolder } from './rendered-tree.ts';

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
    files.set(path, YAML.stringify({ name: c.name, conditions: [...c.conditions].sort((a, b) => compareStrings(a.type, b.type)) }, { lineWidth: 0 }));
  }
  if (decision === 'invalid') return { decision, record, files: sortedMap(files), owns: (p) => p === revisionPath || observedPaths.has(p) };
  for (const [path, text] of bindingFiles(input.plan.bindings)) files.set(path, text);
  return { decision, record, files: sortedMap(files), owns: (p) => p === revisionPath || p.startsWith(`${bindingsRoot}/`) || observedPaths.has(p) };
}

/** The path of a binding's status file; a second resource sanitising to the same path gets its apiVersion appended. */
export function bindingFiles(bindings: readonly Binding[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of bindings) {
    const r = b.spec.resource;
    const folder = r.namespace ? safeSegment(r.namespace) : clusterScopedFolder;
    let path = `${bindingsRoot}/${folder}/${safeSegment(`${r.kind.toLowerCase()}.${r.name}`)}.yaml`;
    if (out.has(path)) path = path.replace(/\.yaml$/, `.${r.apiVersion.replace(/[^a-z0-9]/gi, '').toLowerCase()}.yaml`);
    out.set(path, YAML.stringify(bindingStatus(b), { lineWidth: 0, aliasDuplicateObjects: false }));
  }
  return out;
}

/**
 * The binding as recorded: the ResourceBinding shape `parsePrevious` reads back
 * (spec.resource, spec.clusters), with the claiming policy and the Scheduled condition.
 */
function bindingStatus(b: Binding): Record<string, unknown> {
  return {
    apiVersion: b.apiVersion,
    kind: b.kind,
    metadata: { name: b.metadata.name, ...(b.metadata.namespace ? { namespace: b.metadata.namespace } : {}), annotations: b.metadata.annotations },
    spec: {
      resource: b.spec.resource,
      ...(b.spec.replicas !== undefined ? { replicas: b.spec.replicas } : {}),
      clusters: b.spec.clusters,
      ...(b.spec.requiredBy ? { requiredBy: b.spec.requiredBy } : {}),
    },
    status: { conditions: [...b.status.conditions].sort((x, y) => compareStrings(x.type, y.type)) },
  };
}

function sortedMap(m: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...m].sort(([a], [b]) => compareStrings(a, b)));
}
