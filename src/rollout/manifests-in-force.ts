/**
 * From Works to rollout content and back: which of a revision's Works a strategy stages, their
 * content id per cluster (what the decision compares), and the Works in force per cluster once the
 * decision is made (what apply and the rendered branch must carry; docs/rollouts.md "In force").
 */
import {
  canonicalJson,
  compareStrings,
  executionNamespacePrefix,
  isPlainObject,
  type JsonObject,
  type KubeObject,
  type RolloutSpec,
} from '../api/index.ts';
import { selectorsPriority } from '../policy/index.ts';
import type { Work } from '../render/index.ts';
import type { InForce } from './in-force.ts';
import type { ContentByCluster } from './state.ts';

/** The cluster a Work goes to (its execution namespace without `karmada-es-`). */
export function clusterOfWork(w: Work): string {
  return w.metadata.namespace.slice(executionNamespacePrefix.length);
}

/** True when the Work carries a template of the strategy's namespace that one of its selectors matches. */
export function isStaged(spec: RolloutSpec, w: Work): boolean {
  return w.spec.workload.manifests.some((m) => {
    const o = m as unknown as KubeObject;
    return o.metadata?.namespace === spec.namespace && selectorsPriority(o, spec.resourceSelectors) > 0;
  });
}

/**
 * The content id per cluster of the strategy's Works: `digest` (the shell passes SHA-256, as
 * `flotilla.io/manifest-hash` uses; the core imports no Node built-in) of their names and manifests'
 * canonical JSON in Work-name order. Clusters with no staged Work are absent. Replica counts are part
 * of the content: a cluster outside the started waves keeps its replicas too.
 */
export function rolloutContents(
  spec: RolloutSpec,
  works: readonly Work[],
  digest: (text: string) => string,
): ContentByCluster {
  const byCluster = stagedByCluster(spec, works);
  return Object.fromEntries(
    [...byCluster.keys()].sort(compareStrings).map((c) => {
      const text = (byCluster.get(c) ?? [])
        .map((w) => `${w.metadata.name}\n${canonicalJson(w.spec.workload.manifests)}\n`)
        .join('');
      return [c, digest(text)];
    }),
  );
}

/** The Works of each source a decision may choose from; `current` holds what clusters run now (the rendered branch). */
export interface WorkSources {
  readonly target: readonly Work[];
  readonly baseline: readonly Work[];
  readonly current: readonly Work[];
}

/**
 * The Works in force: the target's Works a strategy does not stage, plus, per cluster, the staged
 * Works of the source the decision chose. A failover target on another source takes the target's
 * `spec.replicas` for the same object (failover is never blocked). Sorted by namespace and name.
 */
export function worksInForce(spec: RolloutSpec, inForce: readonly InForce[], sources: WorkSources): Work[] {
  return [...sources.target.filter((w) => !isStaged(spec, w)), ...stagedWorksInForce(spec, inForce, sources)].sort(
    byWorkName,
  );
}

/**
 * How a failover target's replica count is read from the target's manifest and written into the one
 * in force: the resource interpreter's GetReplicas and ReviseReplica (fleet-rollouts.ts passes them),
 * so kinds that keep replicas elsewhere than `spec.replicas` are revised too.
 */
export interface ReplicaRevision {
  /** The manifest's desired replicas; undefined for a kind without replicas. */
  replicasOf(m: KubeObject): number | undefined;
  revise(m: KubeObject, replicas: number): KubeObject;
}

/** `spec.replicas`, for callers without an interpreter. */
const specReplicas: ReplicaRevision = {
  replicasOf: (m) => {
    const spec = (m as unknown as JsonObject)['spec'];
    const r = isPlainObject(spec) ? spec['replicas'] : undefined;
    return typeof r === 'number' ? r : undefined;
  },
  revise: (m, replicas) => {
    const spec = (m as unknown as JsonObject)['spec'];
    return isPlainObject(spec) ? ({ ...m, spec: { ...spec, replicas } } as unknown as KubeObject) : m;
  },
};

/** Only the strategy's staged Works in force (see worksInForce), unsorted. */
export function stagedWorksInForce(
  spec: RolloutSpec,
  inForce: readonly InForce[],
  sources: WorkSources,
  replicas: ReplicaRevision = specReplicas,
): Work[] {
  const out: Work[] = [];
  const staged = {
    Target: stagedByCluster(spec, sources.target),
    Baseline: stagedByCluster(spec, sources.baseline),
    Current: stagedByCluster(spec, sources.current),
  };
  const handled = new Set(inForce.map((f) => f.cluster));
  for (const f of inForce) {
    if (f.source === 'None') continue;
    const chosen = staged[f.source].get(f.cluster) ?? [];
    out.push(
      ...(f.replicasFromTarget
        ? chosen.map((w) => withReplicasOf(w, staged.Target.get(f.cluster) ?? [], replicas))
        : chosen),
    );
  }
  // A staged Work of a cluster outside the decision's scope cannot exist (the scope is every cluster with content); keep the target's if it does.
  for (const [c, ws] of staged.Target) if (!handled.has(c)) out.push(...ws);
  return out;
}

/** Works by execution namespace (cluster), then name: the plan's order. */
export function byWorkName(a: Work, b: Work): number {
  return compareStrings(a.metadata.namespace, b.metadata.namespace) || compareStrings(a.metadata.name, b.metadata.name);
}

function stagedByCluster(spec: RolloutSpec, works: readonly Work[]): Map<string, Work[]> {
  const m = new Map<string, Work[]>();
  for (const w of works
    .filter((x) => isStaged(spec, x))
    .toSorted((a, b) => compareStrings(a.metadata.name, b.metadata.name))) {
    const c = clusterOfWork(w);
    m.set(c, [...(m.get(c) ?? []), w]);
  }
  return m;
}

/** The Work with each manifest's replicas taken from the same-named Work of the target, when it has one. */
function withReplicasOf(w: Work, targets: readonly Work[], r: ReplicaRevision): Work {
  const t = targets.find((x) => x.metadata.name === w.metadata.name);
  if (!t) return w;
  const manifests = w.spec.workload.manifests.map((m, i): JsonObject => {
    const from = t.spec.workload.manifests[i];
    const replicas = from ? r.replicasOf(from as unknown as KubeObject) : undefined;
    if (replicas === undefined || r.replicasOf(m as unknown as KubeObject) === undefined) return m;
    return r.revise(m as unknown as KubeObject, replicas) as unknown as JsonObject;
  });
  return { ...w, spec: { workload: { manifests } } };
}
