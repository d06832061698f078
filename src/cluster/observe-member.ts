/**
 * Observing one member that is not yet in the fleet repo (`flotilla join`): what `flotilla
 * clusters` and the controller observe (observe.ts: readiness, version, APIs, capacity) plus the
 * Nodes, whose labels and providerIDs say where the member runs.
 */
import { clusterApiVersion } from '../api/index.ts';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../api/index.ts';
import { kubeConfigForContext } from './credentials.ts';
import { ClusterUnreachable, CredentialsMissing } from './errors.ts';
import type { Limits } from './member-access.ts';
import { MemberClient } from './member-client.ts';
import { observeAll } from './observe.ts';
import type { ReachableObservation } from './joined-cluster.ts';

/** What `join` needs of a member: its observation and its Nodes. */
export interface MemberObservation {
  readonly observation: ReachableObservation;
  readonly nodes: readonly KubeObject[];
}

/**
 * Observes the member `name` through `context` of `kc` (default: its current context).
 * Throws CredentialsMissing for an unknown context and ClusterUnreachable when it cannot be read.
 */
export async function observeMember(
  name: string,
  kc: KubeConfig,
  context: string | undefined,
  limits: Limits,
  now: string,
): Promise<MemberObservation> {
  const ctx = context ?? kc.getCurrentContext();
  if (!ctx || !kubeConfigForContext(kc, ctx))
    throw new CredentialsMissing({
      cluster: name,
      detail: context
        ? `the kubeconfig has no context "${context}"`
        : 'the kubeconfig has no current context; pass --context',
    });
  const credentials = { kubeconfig: kc, contextMap: new Map([[name, ctx]]) };
  const [observation] = await observeAll([{ apiVersion: clusterApiVersion, kind: 'Cluster', metadata: { name } }], {
    credentials,
    ...limits,
    concurrency: 1,
    now,
  });
  if (observation?.kind !== 'reachable')
    throw new ClusterUnreachable({
      cluster: name,
      reason: (observation?.reason ?? 'not observed').replace(/^cluster \S+( is unreachable)?: /, ''),
    });
  const member = kubeConfigForContext(kc, ctx);
  if (!member) throw new CredentialsMissing({ cluster: name, detail: `the kubeconfig has no context "${ctx}"` });
  const client = new MemberClient(name, member, {
    requestTimeoutMs: limits.requestTimeoutMs,
    deadline: AbortSignal.timeout(limits.timeoutMs),
  });
  try {
    return { observation, nodes: await client.list('v1', 'Node') };
  } finally {
    await client.close();
  }
}
