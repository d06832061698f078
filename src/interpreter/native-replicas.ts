/**
 * Native GetReplicas and ReviseReplica (Karmada default/native/replica.go, revisereplica.go):
 * Deployment, ReplicaSet and StatefulSet use spec.replicas; a Job runs min(parallelism,
 * completions) pods at once and is revised through spec.parallelism; a Pod is one replica.
 */
import { cloneJson, type JsonObject, type KubeObject } from '../api/index.ts';
import { deployment, intField, job, kindKeyOf, objectField, pod, replicaSet, statefulSet } from './kinds.ts';
import { replicaRequirements, type RequirementOptions } from './pod-requirements.ts';
import type { ReplicaInfo } from './types.ts';

/** Kinds with a native GetReplicas (Karmada's replicaHandlers): the kinds that have replicas. */
export const nativeReplicaKinds: ReadonlySet<string> = new Set([deployment, replicaSet, statefulSet, job, pod]);

function withRequirements(
  replicas: number,
  obj: KubeObject,
  podSpec: JsonObject | undefined,
  options: RequirementOptions,
): ReplicaInfo {
  const requirements = replicaRequirements(podSpec, obj.metadata.namespace, options);
  return requirements ? { replicas, requirements } : { replicas };
}

/** Native GetReplicas; undefined for kinds without a handler. */
export function nativeGetReplicas(obj: KubeObject, options: RequirementOptions = {}): ReplicaInfo | undefined {
  const key = kindKeyOf(obj);
  if (key === deployment || key === replicaSet || key === statefulSet) {
    return withRequirements(
      intField(obj, 'spec', 'replicas'),
      obj,
      objectField(obj, 'spec', 'template', 'spec'),
      options,
    );
  }
  if (key === job) {
    // Karmada replica.go: parallelism, capped by completions (a fixed-count Job never runs more).
    const parallelism = intField(obj, 'spec', 'parallelism');
    const completions = objectField(obj, 'spec')?.['completions'];
    const replicas =
      typeof completions === 'number' && completions < parallelism ? Math.trunc(completions) : parallelism;
    return withRequirements(replicas, obj, objectField(obj, 'spec', 'template', 'spec'), options);
  }
  if (key === pod) return withRequirements(1, obj, objectField(obj, 'spec'), options);
  return undefined;
}

/** Native ReviseReplica; undefined for kinds without a handler. */
export function nativeReviseReplica(obj: KubeObject, replicas: number): KubeObject | undefined {
  const key = kindKeyOf(obj);
  const field =
    key === job
      ? 'parallelism'
      : key === deployment || key === replicaSet || key === statefulSet
        ? 'replicas'
        : undefined;
  if (!field) return undefined;
  const out = cloneJson(obj);
  // Karmada helper.ApplyReplica sets the field only where the template already has it.
  const spec = objectField(out, 'spec');
  if (spec && typeof spec[field] === 'number') spec[field] = replicas;
  return out;
}
