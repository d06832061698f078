/**
 * Native ReflectStatus (Karmada default/native/reflectstatus.go): workloads report their replica
 * counters plus `generation` (the member object's metadata.generation) and
 * `resourceTemplateGeneration` (its resourcetemplate.karmada.io/generation annotation), so that
 * aggregation can tell whether every member caught up; other kinds reflect their whole status.
 */
import type { JsonObject, JsonValue, KubeObject } from '../api/index.ts';
import {
  daemonSet,
  deployment,
  horizontalPodAutoscaler,
  intField,
  job,
  kindKeyOf,
  objectField,
  podDisruptionBudget,
  replicaSet,
  service,
  statefulSet,
  stringField,
} from './kinds.ts';

/** Karmada's annotation with the resource template generation a member object was rendered from. */
export const resourceTemplateGenerationAnnotation = 'resourcetemplate.karmada.io/generation';

type Reflector = (obj: KubeObject, status: JsonObject) => JsonObject | null;

/** Builds a status object as Go marshals a typed struct: `omitempty` fields are dropped when zero. */
function typed(fields: readonly [string, JsonValue | undefined, 'omitempty' | 'always'][]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v, mode] of fields) {
    if (v === undefined || v === null) continue;
    if (
      mode === 'omitempty' &&
      (v === 0 ||
        v === '' ||
        (Array.isArray(v) && v.length === 0) ||
        (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0))
    )
      continue;
    out[k] = v;
  }
  return out;
}

/**
 * flotilla differs (git is the source of truth, so rendered manifests carry no template
 * generation): Karmada fails to reflect a workload whose resourcetemplate.karmada.io/generation
 * annotation is missing or not an integer, as its Works always carry it; flotilla's manifests do
 * not, so a missing or unreadable annotation reads as 0 and resourceTemplateGeneration is left out.
 */
function generations(obj: KubeObject): [string, number, 'omitempty'][] {
  const annotation = obj.metadata.annotations?.[resourceTemplateGenerationAnnotation] ?? '';
  const rtg = /^-?\d+$/.test(annotation) ? Number(annotation) : 0;
  return [
    ['generation', intField(obj, 'metadata', 'generation'), 'omitempty'],
    ['resourceTemplateGeneration', rtg, 'omitempty'],
  ];
}

const count = (status: JsonObject, field: string): number => intField(status, field);
const emptyIsNull = (o: JsonObject): JsonObject | null => (Object.keys(o).length === 0 ? null : o);

const reflectors: ReadonlyMap<string, Reflector> = new Map<string, Reflector>([
  [
    deployment,
    (obj, s) =>
      emptyIsNull(
        typed([
          ...generations(obj),
          ['observedGeneration', count(s, 'observedGeneration'), 'omitempty'],
          ['replicas', count(s, 'replicas'), 'omitempty'],
          ['updatedReplicas', count(s, 'updatedReplicas'), 'omitempty'],
          ['readyReplicas', count(s, 'readyReplicas'), 'omitempty'],
          ['availableReplicas', count(s, 'availableReplicas'), 'omitempty'],
          ['unavailableReplicas', count(s, 'unavailableReplicas'), 'omitempty'],
        ]),
      ),
  ],
  [
    replicaSet,
    (obj, s) =>
      emptyIsNull(
        typed([
          ...generations(obj),
          ['replicas', count(s, 'replicas'), 'always'],
          ['readyReplicas', count(s, 'readyReplicas'), 'omitempty'],
          ['availableReplicas', count(s, 'availableReplicas'), 'omitempty'],
          ['observedGeneration', count(s, 'observedGeneration'), 'omitempty'],
        ]),
      ),
  ],
  [
    daemonSet,
    (obj, s) =>
      typed([
        ...generations(obj),
        ['currentNumberScheduled', count(s, 'currentNumberScheduled'), 'always'],
        ['numberMisscheduled', count(s, 'numberMisscheduled'), 'always'],
        ['desiredNumberScheduled', count(s, 'desiredNumberScheduled'), 'always'],
        ['numberReady', count(s, 'numberReady'), 'always'],
        ['observedGeneration', count(s, 'observedGeneration'), 'omitempty'],
        ['updatedNumberScheduled', count(s, 'updatedNumberScheduled'), 'omitempty'],
        ['numberAvailable', count(s, 'numberAvailable'), 'omitempty'],
        ['numberUnavailable', count(s, 'numberUnavailable'), 'omitempty'],
      ]),
  ],
  // Karmada reflectStatefulSetStatus copies no observedGeneration.
  [
    statefulSet,
    (obj, s) =>
      typed([
        ...generations(obj),
        ['replicas', count(s, 'replicas'), 'always'],
        ['readyReplicas', count(s, 'readyReplicas'), 'omitempty'],
        ['currentReplicas', count(s, 'currentReplicas'), 'omitempty'],
        ['updatedReplicas', count(s, 'updatedReplicas'), 'omitempty'],
        ['availableReplicas', count(s, 'availableReplicas'), 'always'],
      ]),
  ],
  [
    service,
    (obj, s) =>
      // Karmada reflectServiceStatus keeps the typed LoadBalancerStatus: its ingress list, omitted when empty.
      stringField(obj, 'spec', 'type') === 'LoadBalancer'
        ? { loadBalancer: typed([['ingress', objectField(s, 'loadBalancer')?.['ingress'], 'omitempty']]) }
        : null,
  ],
  [
    job,
    (_obj, s) =>
      typed([
        ['conditions', s['conditions'], 'omitempty'],
        ['startTime', s['startTime'], 'omitempty'],
        ['completionTime', s['completionTime'], 'omitempty'],
        ['active', count(s, 'active'), 'omitempty'],
        ['succeeded', count(s, 'succeeded'), 'omitempty'],
        ['failed', count(s, 'failed'), 'omitempty'],
      ]),
  ],
  [
    podDisruptionBudget,
    (_obj, s) =>
      typed([
        ['disruptedPods', s['disruptedPods'], 'omitempty'],
        ['disruptionsAllowed', count(s, 'disruptionsAllowed'), 'always'],
        ['currentHealthy', count(s, 'currentHealthy'), 'always'],
        ['desiredHealthy', count(s, 'desiredHealthy'), 'always'],
        ['expectedPods', count(s, 'expectedPods'), 'always'],
      ]),
  ],
  [
    horizontalPodAutoscaler,
    (_obj, s) =>
      typed([
        ['currentReplicas', count(s, 'currentReplicas'), 'omitempty'],
        ['desiredReplicas', count(s, 'desiredReplicas'), 'always'],
      ]),
  ],
]);

/** Native ReflectStatus: null when the object has no status (or, for a Service, is no load balancer). */
export function nativeReflectStatus(obj: KubeObject): JsonObject | null {
  const status = objectField(obj, 'status');
  if (!status) return null;
  const reflector = reflectors.get(kindKeyOf(obj));
  return reflector ? reflector(obj, status) : status;
}
