/** Native AggregateStatus dispatch (Karmada default/native/aggregatestatus.go handler table). */
import { cloneJson, type KubeObject } from '../api/index.ts';
import { aggregateJob } from './aggregate-job.ts';
import {
  aggregateCronJob,
  aggregateIngress,
  aggregatePersistentVolume,
  aggregatePersistentVolumeClaim,
  aggregatePod,
  aggregateService,
} from './aggregate-others.ts';
import {
  aggregateHorizontalPodAutoscaler,
  aggregatePodDisruptionBudget,
  aggregateWorkload,
  daemonSetAggregation,
  deploymentAggregation,
  replicaSetAggregation,
  statefulSetAggregation,
} from './aggregate-workloads.ts';
import * as k from './kinds.ts';
import type { AggregatedStatusItem } from './types.ts';

type Aggregator = (obj: KubeObject, items: readonly AggregatedStatusItem[], now: string | undefined) => KubeObject;

const aggregators: ReadonlyMap<string, Aggregator> = new Map<string, Aggregator>([
  [k.deployment, (o, i) => aggregateWorkload(o, i, deploymentAggregation)],
  [k.replicaSet, (o, i) => aggregateWorkload(o, i, replicaSetAggregation)],
  [k.statefulSet, (o, i) => aggregateWorkload(o, i, statefulSetAggregation)],
  [k.daemonSet, (o, i) => aggregateWorkload(o, i, daemonSetAggregation)],
  [k.service, aggregateService],
  [k.ingress, aggregateIngress],
  [k.job, aggregateJob],
  [k.cronJob, aggregateCronJob],
  [k.pod, aggregatePod],
  [k.persistentVolume, aggregatePersistentVolume],
  [k.persistentVolumeClaim, aggregatePersistentVolumeClaim],
  [k.podDisruptionBudget, aggregatePodDisruptionBudget],
  [k.horizontalPodAutoscaler, aggregateHorizontalPodAutoscaler],
]);

/** Native AggregateStatus; undefined for kinds without a handler. */
export function nativeAggregateStatus(
  obj: KubeObject,
  items: readonly AggregatedStatusItem[] | null,
  now: string | undefined,
): KubeObject | undefined {
  // Karmada aggregatePodStatus leaves the Pod alone when no items were collected at all.
  if (items === null && k.kindKeyOf(obj) === k.pod) return cloneJson(obj);
  return aggregators.get(k.kindKeyOf(obj))?.(obj, items ?? [], now);
}
