/**
 * A workload's pods and their resource usage on the members, as Karmada's FederatedHPA reads them:
 * the pods matching the workload's selector (`/api/v1/namespaces/NS/pods?labelSelector=…`) and their
 * samples from the member's metrics.k8s.io (`/apis/metrics.k8s.io/v1beta1/namespaces/NS/pods?labelSelector=…`,
 * served by metrics-server). Reading is I/O here; turning the objects into observations is the pure
 * `podObservations`.
 */
import { compareStrings, type Cluster, type KubeObject, parseMilli } from '../api/index.ts';
import type { PodObservation } from '../autoscale/index.ts';
import { mapLimit } from './concurrency.ts';
import { memberKubeConfig, type CredentialSource } from './credentials.ts';
import { MemberClient } from './member-client.ts';
import { objectIdOf } from './object-id.ts';

/** What the autoscaler reads of one member: the namespace and the label selector of the workload. */
export interface PodMetricsTarget {
  readonly cluster: Cluster;
  readonly namespace: string;
  readonly labelSelector: string;
  /** The workload itself, whose `spec.replicas` on the member is read too (Karmada's scale subresource). */
  readonly workload: { readonly apiVersion: string; readonly kind: string; readonly name: string };
}

/** One member's pods, or why they could not be read. */
export type MemberPods =
  | {
      readonly kind: 'read';
      readonly cluster: string;
      readonly pods: PodObservation[];
      /** The workload's spec.replicas on the member (0 when it is not there). */
      readonly replicas: number;
    }
  | { readonly kind: 'unreadable'; readonly cluster: string; readonly message: string };

interface PodShape {
  metadata: { name?: string; deletionTimestamp?: string };
  spec?: { containers?: { resources?: { requests?: Record<string, string | number> } }[] };
  status?: {
    phase?: string;
    startTime?: string;
    conditions?: { type?: string; status?: string; lastTransitionTime?: string }[];
  };
}

interface PodMetricsShape {
  metadata: { name?: string };
  timestamp?: string;
  window?: string;
  containers?: { usage?: Record<string, string | number> }[];
}

/** A Go duration as metrics-server writes a window (`30s`, `1m0s`, `20.5s`) in ms; 0 when unreadable. */
export function durationMs(text: string | undefined): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  let total = 0;
  for (const m of (text ?? '').matchAll(/([\d.]+)(h|ms|m|s|us|µs|ns)/g))
    total += Number(m[1]) * (units[m[2] ?? ''] ?? 0);
  return Math.round(total);
}

function sumMilli(
  entries: readonly (Record<string, string | number> | undefined)[],
  resource: string,
): number | undefined {
  let sum = 0;
  for (const e of entries) {
    const v = e?.[resource];
    const milli = v === undefined ? undefined : parseMilli(v);
    if (milli === undefined) return undefined;
    sum += Number(milli);
  }
  return sum;
}

/** The observations of one member's pods (sorted by name), with the samples metrics.k8s.io had for them. */
export function podObservations(
  cluster: string,
  pods: readonly KubeObject[],
  metrics: readonly KubeObject[],
  resources: readonly string[],
): PodObservation[] {
  const byName = new Map(metrics.map((m) => [m.metadata.name ?? '', m as unknown as PodMetricsShape] as const));
  return pods
    .map((o) => {
      const pod = o as unknown as PodShape;
      const name = pod.metadata.name ?? '';
      const containers = pod.spec?.containers ?? [];
      const requestsMilli: Record<string, number> = {};
      for (const r of resources) {
        const v = sumMilli(
          containers.map((c) => c.resources?.requests),
          r,
        );
        if (v !== undefined) requestsMilli[r] = v;
      }
      const ready = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
      const sample = byName.get(name);
      const usage: Record<string, number> = {};
      for (const r of resources) {
        const v = sample
          ? sumMilli(
              (sample.containers ?? []).map((c) => c.usage),
              r,
            )
          : undefined;
        if (v !== undefined) usage[r] = v;
      }
      const start = pod.status?.startTime ? Date.parse(pod.status.startTime) : Number.NaN;
      const timestamp = sample?.timestamp ? Date.parse(sample.timestamp) : Number.NaN;
      const obs: PodObservation = {
        cluster,
        name,
        phase: pod.status?.phase ?? 'Pending',
        deleting: pod.metadata.deletionTimestamp !== undefined,
        ...(ready && (ready.status === 'True' || ready.status === 'False' || ready.status === 'Unknown')
          ? { ready: { status: ready.status, lastTransitionTime: Date.parse(ready.lastTransitionTime ?? '') || 0 } }
          : {}),
        ...(Number.isNaN(start) ? {} : { startTime: start }),
        requestsMilli,
        ...(sample && !Number.isNaN(timestamp)
          ? { usage: { milli: usage, timestamp, windowMs: durationMs(sample.window) } }
          : {}),
      };
      return obs;
    })
    .sort((a, b) => compareStrings(a.name, b.name));
}

/** What reading members needs. */
export interface PodMetricsOptions {
  readonly credentials: CredentialSource;
  readonly timeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly resources: readonly string[];
}

/** The pods of each target, in the targets' order; a member that cannot be read says why (never throws). */
export async function observeWorkloadPods(
  targets: readonly PodMetricsTarget[],
  opts: PodMetricsOptions,
): Promise<MemberPods[]> {
  return mapLimit(targets, 8, async (t): Promise<MemberPods> => {
    const name = t.cluster.metadata.name ?? '';
    let client: MemberClient | undefined;
    try {
      client = new MemberClient(name, await memberKubeConfig(t.cluster, opts.credentials), {
        requestTimeoutMs: Math.min(opts.requestTimeoutMs, opts.timeoutMs),
        deadline: AbortSignal.timeout(opts.timeoutMs),
      });
      const query = { namespace: t.namespace, labelSelector: t.labelSelector };
      const pods = await client.list('v1', 'Pod', query);
      const metrics = await client.list('metrics.k8s.io/v1beta1', 'PodMetrics', query);
      const workload = await client.get(
        objectIdOf({ ...t.workload, metadata: { name: t.workload.name, namespace: t.namespace } }),
      );
      const replicas = (workload as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas;
      return {
        kind: 'read',
        cluster: name,
        pods: podObservations(name, pods, metrics, opts.resources),
        replicas: typeof replicas === 'number' ? replicas : 0,
      };
    } catch (err) {
      // An unreadable member (or one without metrics.k8s.io) is left out of the calculation, and the decision says so.
      return { kind: 'unreadable', cluster: name, message: err instanceof Error ? err.message : String(err) };
    } finally {
      await client?.close();
    }
  });
}
