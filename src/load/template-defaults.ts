/**
 * The defaults kube-apiserver gives a workload template before Karmada reads it (STYLE T1: applied
 * in load and only here). Karmada reads replicas from the object as its API server stored it, and
 * its native interpreter (pkg/resourceinterpreter/default/native/replica.go) takes an absent field
 * as 0; the stored object never lacks it, because the apps and batch API groups default it:
 * - Kubernetes pkg/apis/apps/v1/defaults.go SetDefaults_Deployment, SetDefaults_StatefulSet,
 *   SetDefaults_ReplicaSet: spec.replicas 1 when unset.
 * - Kubernetes pkg/apis/batch/v1/defaults.go SetDefaults_Job: parallelism and completions both 1
 *   when both are unset; otherwise parallelism 1 when unset (completions stays unset: a work queue).
 * The Work Karmada renders carries the stored (defaulted) object, so the rendered manifest has the
 * field too. `flotilla interpret` reads a file as `karmadactl interpret` does, without defaults.
 * Only the replica fields are defaulted: they are the ones scheduling reads.
 */
import { isPlainObject, splitApiVersion, type KubeObject } from '../api/index.ts';

const replicaKinds: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/** The template with kube-apiserver's replica defaults; the same object when none applies. */
export function withTemplateDefaults(o: KubeObject): KubeObject {
  const { group } = splitApiVersion(o.apiVersion);
  const spec = o['spec'];
  if (spec !== undefined && !isPlainObject(spec)) return o; // not a workload spec: schema problems are the member's to report
  const s = spec ?? {};
  if (group === 'apps' && replicaKinds.has(o.kind)) {
    return s['replicas'] === undefined || s['replicas'] === null ? { ...o, spec: { ...s, replicas: 1 } } : o;
  }
  if (group === 'batch' && o.kind === 'Job') {
    const noParallelism = s['parallelism'] === undefined || s['parallelism'] === null;
    const noCompletions = s['completions'] === undefined || s['completions'] === null;
    if (noParallelism && noCompletions) return { ...o, spec: { ...s, parallelism: 1, completions: 1 } };
    if (noParallelism) return { ...o, spec: { ...s, parallelism: 1 } };
  }
  return o;
}
