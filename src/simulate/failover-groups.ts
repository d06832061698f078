/**
 * Work shared between bindings: two bindings whose failover depends on the same inputs fail over
 * the same way in every scenario. The scheduler reads a template only through its kind, its
 * placement, its replicas and requirements, its previous clusters and the Webster tie-break (a
 * hash of its key with two outcomes); the taint manager reads the placement's tolerations, the
 * failover behaviour and the clusters. Templates matched by one policy share the placement
 * object, and templates without history were scheduled alike, so a fleet of thousands of
 * templates collapses into far fewer groups, each simulated once per scenario.
 */
import { tieBreakOf } from '../scheduler/webster.ts';
import { canonicalJson, resourceKey } from '../api/index.ts';
import type { Binding } from '../plan/index.ts';

/** The group of each binding, by index: equal numbers fail over alike. */
export function failoverGroups(bindings: readonly Binding[]): number[] {
  // By content (policies in different namespaces often carry the same placement), computed once per object.
  const contents = new Map<object, string>();
  const idOf = (o: object | undefined): string => {
    if (o === undefined) return '';
    let c = contents.get(o);
    if (c === undefined) {
      c = canonicalJson(o);
      contents.set(o, c);
    }
    return c;
  };
  const interned = new Map<string, number>();
  const intern = (s: string): number => {
    let id = interned.get(s);
    if (id === undefined) {
      id = interned.size;
      interned.set(s, id);
    }
    return id;
  };
  return bindings.map((b) => {
    const { spec } = b;
    const clusters = spec.clusters.map((c) => `${c.name}=${c.replicas ?? 0}`).join(',');
    const tasks = (spec.gracefulEvictionTasks ?? []).map((t) => t.fromCluster).join(',');
    // Duplicated assigns no seats, so the Webster tie-break cannot matter (division.ts assignDuplicated).
    const duplicated = spec.placement?.replicaScheduling?.replicaSchedulingType === 'Duplicated';
    return intern(
      [
        `${spec.resource.apiVersion}|${spec.resource.kind}`,
        idOf(spec.placement),
        idOf(spec.failover),
        spec.replicas ?? 0,
        idOf(spec.replicaRequirements),
        duplicated ? '' : tieBreakOf(resourceKey(spec.resource)),
        clusters,
        tasks,
      ].join('\u0000'),
    );
  });
}
