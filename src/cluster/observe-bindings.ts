/**
 * Reads each binding's objects from the members it is placed on, then computes its status
 * (gather, then decide: B3). Unreachable members report their objects as errors, never as absent.
 */
import { bindingAnnotation, compareStrings, refOf, type Cluster, type KubeObject } from '../api/index.ts';
import { desiredByCluster, type PlanToApply } from './apply-fleet.ts';
import { bindingStatus, type BindingStatus, type MemberObject, type StatusInterpreter } from './binding-status.ts';
import { mapLimit } from './concurrency.ts';
import { memberKubeConfig, type CredentialSource } from './credentials.ts';
import { ClusterUnreachable, CredentialsMissing } from './errors.ts';
import { MemberClient } from './member-client.ts';
import { describeObject } from './object-id.ts';

/** Options for reading binding status. */
export interface BindingObserveOptions {
  readonly credentials: CredentialSource;
  readonly timeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly concurrency: number;
  readonly interpreter: StatusInterpreter;
}

/** The status of every binding of the plan's Works, sorted by binding. */
export async function observeBindings(plan: PlanToApply, opts: BindingObserveOptions): Promise<BindingStatus[]> {
  const byCluster = desiredByCluster(plan.works);
  const names = [...byCluster.keys()].sort(compareStrings);
  const clusters = new Map(plan.clusters.map((c) => [c.metadata.name ?? '', c] as const));
  const read = await mapLimit(names, opts.concurrency, (name) =>
    readCluster(clusters.get(name) ?? clusterNamed(name), byCluster.get(name) ?? [], opts),
  );
  const byBinding = new Map<string, { template: KubeObject; members: MemberObject[] }>();
  for (const rows of read) {
    for (const row of rows) {
      const binding = row.manifest.metadata.annotations?.[bindingAnnotation] ?? '';
      const key = `${binding}\u0000${describeObject({ group: '', version: '', kind: row.manifest.kind, namespace: row.manifest.metadata.namespace ?? '', name: row.manifest.metadata.name ?? '' })}`;
      const entry = byBinding.get(key) ?? { template: row.manifest, members: [] };
      entry.members.push(row.member);
      byBinding.set(key, entry);
    }
  }
  return [...byBinding.keys()].sort(compareStrings).map((k) => {
    const e = byBinding.get(k) as { template: KubeObject; members: MemberObject[] };
    return bindingStatus({
      resource: refOf(e.template),
      binding: e.template.metadata.annotations?.[bindingAnnotation] ?? '',
      template: e.template,
      members: e.members,
      interpreter: opts.interpreter,
    });
  });
}

/** Reads each desired object of one member (missing, found, or why it could not be read). */
export async function readCluster(
  cluster: Cluster,
  desired: readonly { id: import('./object-id.ts').ObjectId; manifest: KubeObject }[],
  opts: BindingObserveOptions,
): Promise<{ manifest: KubeObject; member: MemberObject }[]> {
  const name = cluster.metadata.name ?? '';
  let client: MemberClient | undefined;
  try {
    client = new MemberClient(name, await memberKubeConfig(cluster, opts.credentials), {
      requestTimeoutMs: Math.min(opts.requestTimeoutMs, opts.timeoutMs),
      deadline: AbortSignal.timeout(opts.timeoutMs),
    });
    const c = client;
    return await mapLimit(desired, 16, async (d) => {
      try {
        const live = await c.get(d.id);
        return {
          manifest: d.manifest,
          member: live ? { kind: 'found' as const, cluster: name, live } : { kind: 'missing' as const, cluster: name },
        };
      } catch (err) {
        return {
          manifest: d.manifest,
          member: {
            kind: 'error' as const,
            cluster: name,
            message: err instanceof Error ? err.message : String(err),
            unreachable: err instanceof ClusterUnreachable,
          },
        };
      }
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const unreachable = err instanceof ClusterUnreachable || err instanceof CredentialsMissing;
    return desired.map((d) => ({
      manifest: d.manifest,
      member: { kind: 'error' as const, cluster: name, message, unreachable },
    }));
  } finally {
    await client?.close();
  }
}

function clusterNamed(name: string): Cluster {
  return { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name } };
}
