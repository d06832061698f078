/**
 * The pods an autoscaler sees, and Kubernetes' grouping of them (pkg/controller/podautoscaler/
 * replica_calculator.go, groupPods). Karmada's FederatedHPA runs the same grouping over the pods of every
 * member the workload is placed on (pkg/controllers/federatedhpa/replica_calculator.go); flotilla keys a
 * pod by cluster and name, as two members may run pods of the same name.
 */

/** The Ready condition of a pod: its status and when it last changed (ms since the epoch). */
export interface PodReadiness {
  readonly status: 'True' | 'False' | 'Unknown';
  readonly lastTransitionTime: number;
}

/** One pod's usage sample from metrics.k8s.io: milli-units per resource, its timestamp and window (ms). */
export interface PodUsage {
  readonly milli: Readonly<Record<string, number>>;
  readonly timestamp: number;
  readonly windowMs: number;
}

/** What the shell observed of one pod of the workload on one member. */
export interface PodObservation {
  readonly cluster: string;
  readonly name: string;
  readonly phase: string;
  readonly deleting: boolean;
  readonly ready?: PodReadiness;
  /** ms since the epoch; absent while the kubelet has not started the pod. */
  readonly startTime?: number;
  /** The sum of the containers' requests in milli-units; absent for a resource some container does not request. */
  readonly requestsMilli: Readonly<Record<string, number>>;
  readonly usage?: PodUsage;
}

/** Kubernetes' defaults (kube-controller-manager --horizontal-pod-autoscaler-*; Karmada's controller has the same flags). */
export const cpuInitializationPeriodMs = 5 * 60 * 1000;
export const delayOfInitialReadinessStatusMs = 30 * 1000;

/** The key of a pod across members. */
export function podKey(pod: Pick<PodObservation, 'cluster' | 'name'>): string {
  return `${pod.cluster}/${pod.name}`;
}

/** Pods by their part in a calculation (groupPods' four results). */
export interface PodGroups {
  readonly readyPodCount: number;
  readonly unready: ReadonlySet<string>;
  readonly missing: ReadonlySet<string>;
  readonly ignored: ReadonlySet<string>;
}

/**
 * groupPods: deleted and failed pods are ignored, pending pods unready, pods without a sample missing; for
 * cpu, a pod is unready when it has no Ready condition or start time, when within its initialization period
 * it is not ready or its sample predates readiness, and after that period when it never became ready.
 */
export function groupPods(pods: readonly PodObservation[], resource: string, now: number): PodGroups {
  let readyPodCount = 0;
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  for (const pod of pods) {
    const key = podKey(pod);
    if (pod.deleting || pod.phase === 'Failed') {
      ignored.add(key);
      continue;
    }
    if (pod.phase === 'Pending') {
      unready.add(key);
      continue;
    }
    if (pod.usage?.milli[resource] === undefined) {
      missing.add(key);
      continue;
    }
    if (resource === 'cpu' && isUnreadyForCpu(pod, pod.usage, now)) {
      unready.add(key);
      continue;
    }
    readyPodCount++;
  }
  return { readyPodCount, unready, missing, ignored };
}

function isUnreadyForCpu(pod: PodObservation, usage: PodUsage, now: number): boolean {
  const ready = pod.ready;
  if (ready === undefined || pod.startTime === undefined) return true;
  if (pod.startTime + cpuInitializationPeriodMs > now) {
    return ready.status === 'False' || usage.timestamp < ready.lastTransitionTime + usage.windowMs;
  }
  return ready.status === 'False' && pod.startTime + delayOfInitialReadinessStatusMs > ready.lastTransitionTime;
}
