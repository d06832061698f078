/** Native InterpretHealth (Karmada default/native/healthy.go). */
import type { KubeObject } from '../api/index.ts';
import {
  daemonSet,
  deployment,
  ingress,
  intField,
  kindKeyOf,
  objectField,
  persistentVolumeClaim,
  pod,
  podDisruptionBudget,
  replicaSet,
  service,
  statefulSet,
  stringField,
} from './kinds.ts';

type HealthCheck = (obj: KubeObject) => boolean;

/** spec.replicas when set (a nil pointer in Go skips the check). */
function specReplicas(obj: KubeObject): number | undefined {
  const v = objectField(obj, 'spec')?.['replicas'];
  return typeof v === 'number' ? v : undefined;
}

const generationObserved = (obj: KubeObject): boolean =>
  intField(obj, 'status', 'observedGeneration') === intField(obj, 'metadata', 'generation');

/** Deployment and StatefulSet: generation observed, all replicas updated, all updated ones available. */
const rolledOut: HealthCheck = (obj) => {
  if (!generationObserved(obj)) return false;
  const replicas = specReplicas(obj);
  const updated = intField(obj, 'status', 'updatedReplicas');
  if (replicas !== undefined && updated < replicas) return false;
  return intField(obj, 'status', 'availableReplicas') >= updated;
};

const replicaSetHealth: HealthCheck = (obj) => {
  if (!generationObserved(obj)) return false;
  const replicas = specReplicas(obj);
  return replicas === undefined || intField(obj, 'status', 'availableReplicas') >= replicas;
};

const daemonSetHealth: HealthCheck = (obj) => {
  if (!generationObserved(obj)) return false;
  const updated = intField(obj, 'status', 'updatedNumberScheduled');
  if (updated < intField(obj, 'status', 'desiredNumberScheduled')) return false;
  return intField(obj, 'status', 'numberAvailable') >= updated;
};

/** A load balancer has an address once any ingress entry has a hostname or an IP. */
function hasLoadBalancerAddress(obj: KubeObject): boolean {
  const entries = objectField(obj, 'status', 'loadBalancer')?.['ingress'];
  return (
    Array.isArray(entries) &&
    entries.some((e) => stringField({ e }, 'e', 'hostname') !== '' || stringField({ e }, 'e', 'ip') !== '')
  );
}

const serviceHealth: HealthCheck = (obj) =>
  stringField(obj, 'spec', 'type') !== 'LoadBalancer' || hasLoadBalancerAddress(obj);

const podHealth: HealthCheck = (obj) => {
  const phase = stringField(obj, 'status', 'phase');
  if (phase === 'Succeeded') return true;
  const conditions = objectField(obj, 'status')?.['conditions'];
  const ready = Array.isArray(conditions)
    ? conditions.find((c) => stringField({ c }, 'c', 'type') === 'Ready')
    : undefined;
  return phase === 'Running' && stringField({ ready }, 'ready', 'status') === 'True';
};

const healthChecks: ReadonlyMap<string, HealthCheck> = new Map([
  [deployment, rolledOut],
  [statefulSet, rolledOut],
  [replicaSet, replicaSetHealth],
  [daemonSet, daemonSetHealth],
  [service, serviceHealth],
  [ingress, hasLoadBalancerAddress],
  [persistentVolumeClaim, (obj: KubeObject) => stringField(obj, 'status', 'phase') === 'Bound'],
  [pod, podHealth],
  [
    podDisruptionBudget,
    (obj: KubeObject) => intField(obj, 'status', 'currentHealthy') >= intField(obj, 'status', 'desiredHealthy'),
  ],
]);

/** Native InterpretHealth; undefined for kinds without a handler (Karmada then treats them as healthy). */
export function nativeInterpretHealth(obj: KubeObject): boolean | undefined {
  return healthChecks.get(kindKeyOf(obj))?.(obj);
}
