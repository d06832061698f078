/**
 * The WorkloadRebalancer `flotilla rebalance` writes (Karmada's shape, apps.karmada.io/v1alpha1):
 * workload arguments `KIND/NAMESPACE/NAME` (or `KIND/NAME` for cluster-scoped kinds) resolved
 * against the revision's templates, which give each its apiVersion. Pure: the shell reads the
 * revision, picks the name and writes the file.
 */
import {
  compareStrings,
  UsageError,
  type Loaded,
  type RebalanceWorkloadRef,
  type WorkloadRebalancer,
} from '../api/index.ts';

/** Where a rebalancer named `name` is written in the fleet repo. */
export function rebalancerPath(name: string): string {
  return `rebalancers/${name}.yaml`;
}

/** The reference of each `KIND/NS/NAME` argument, from the template it names; a UsageError names an argument that matches none or several. */
export function resolveWorkloads(args: readonly string[], templates: readonly Loaded[]): RebalanceWorkloadRef[] {
  const refs = args.map((arg): RebalanceWorkloadRef => {
    const parts = arg.split('/');
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === ''))
      throw new UsageError(`${arg}: expected KIND/NAMESPACE/NAME, or KIND/NAME for a cluster-scoped kind`);
    const [kind = '', a = '', b] = parts;
    const namespace = b === undefined ? undefined : a;
    const name = b ?? a;
    const found = templates.filter(
      (t) =>
        t.object.kind.toLowerCase() === kind.toLowerCase() &&
        t.object.metadata.name === name &&
        (t.object.metadata.namespace ?? undefined) === namespace,
    );
    const versions = [...new Set(found.map((t) => t.object.apiVersion))].sort(compareStrings);
    if (versions.length === 0)
      throw new UsageError(`${arg}: the fleet repo has no ${kind} ${namespace ? `${namespace}/` : ''}${name}`);
    if (versions.length > 1) throw new UsageError(`${arg}: ${kind} is ambiguous (${versions.join(', ')})`);
    const t = found[0] as Loaded;
    return {
      apiVersion: t.object.apiVersion,
      kind: t.object.kind,
      ...(namespace !== undefined ? { namespace } : {}),
      name,
    };
  });
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.apiVersion}|${r.kind}|${r.namespace ?? ''}|${r.name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The rebalancer object, Karmada's field order. */
export function rebalancerManifest(
  name: string,
  workloads: readonly RebalanceWorkloadRef[],
  ttlSecondsAfterFinished: number | undefined,
): WorkloadRebalancer {
  return {
    apiVersion: 'apps.karmada.io/v1alpha1',
    kind: 'WorkloadRebalancer',
    metadata: { name },
    spec: { workloads, ...(ttlSecondsAfterFinished !== undefined ? { ttlSecondsAfterFinished } : {}) },
  };
}
