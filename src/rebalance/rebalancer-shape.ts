/**
 * What a WorkloadRebalancer must hold for flotilla to act on it (the CRD's required fields,
 * pkg/apis/apps/v1alpha1/workloadrebalancer_types.go): `spec.workloads`, at least one, each with
 * apiVersion, kind and name strings; `ttlSecondsAfterFinished` a non-negative integer.
 */
import { isPlainObject } from '../api/index.ts';

/** One problem, at a path of the object. */
export interface ShapeProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Problems of a WorkloadRebalancer's spec; empty when flotilla can act on it. */
export function rebalancerProblems(object: Record<string, unknown>): ShapeProblem[] {
  const spec = object['spec'];
  if (!isPlainObject(spec)) return [{ path: ['spec'], message: 'spec.workloads is required' }];
  const out: ShapeProblem[] = [];
  const workloads = spec['workloads'];
  if (!Array.isArray(workloads) || workloads.length === 0)
    out.push({ path: ['spec'], message: 'spec.workloads must list at least one workload' });
  else
    workloads.forEach((w: unknown, i) => {
      if (!isPlainObject(w)) {
        out.push({ path: ['spec', 'workloads', i], message: 'a workload is {apiVersion, kind, namespace?, name}' });
        return;
      }
      for (const f of ['apiVersion', 'kind', 'name'])
        if (typeof w[f] !== 'string' || w[f] === '')
          out.push({ path: ['spec', 'workloads', i], message: `spec.workloads[${i}].${f} is required` });
      if (w['namespace'] !== undefined && typeof w['namespace'] !== 'string')
        out.push({
          path: ['spec', 'workloads', i, 'namespace'],
          message: `spec.workloads[${i}].namespace must be a string`,
        });
    });
  const ttl = spec['ttlSecondsAfterFinished'];
  if (ttl !== undefined && !(Number.isInteger(ttl) && (ttl as number) >= 0))
    out.push({
      path: ['spec', 'ttlSecondsAfterFinished'],
      message: 'spec.ttlSecondsAfterFinished must be a non-negative integer',
    });
  return out;
}
