/**
 * A cluster's health for the rollout gate (docs/rollouts.md "Health"): every selected template's copy
 * there is healthy by the resource interpreter's InterpretHealth, has as many ready replicas as it
 * wants, and is the target's copy, so an old healthy copy never opens the gate.
 */
import { compareStrings } from '../api/index.ts';

/** What the shell observed of one template's copy on one cluster. */
export interface CopyObservation {
  /** The template, as `apiVersion/kind/namespace/name`. */
  readonly template: string;
  /** InterpretHealth's answer; undefined when the copy could not be read. */
  readonly healthy: boolean | undefined;
  readonly readyReplicas: number;
  readonly desiredReplicas: number;
  /** True when the copy's manifest hash is the target's. */
  readonly isTarget: boolean;
}

/** The gate's view of a cluster. */
export type ClusterHealth =
  | { readonly kind: 'Healthy' }
  | { readonly kind: 'Progressing'; readonly template: string; readonly why: string }
  | { readonly kind: 'Unknown'; readonly why: string };

/** The cluster's health from its copies' observations; an unreachable cluster is Unknown. */
export function clusterHealthOf(reachable: boolean, copies: readonly CopyObservation[]): ClusterHealth {
  if (!reachable) return { kind: 'Unknown', why: 'the cluster could not be observed' };
  for (const c of copies.toSorted((a, b) => compareStrings(a.template, b.template))) {
    if (!c.isTarget)
      return { kind: 'Progressing', template: c.template, why: 'the target manifests are not applied yet' };
    if (c.healthy === undefined)
      return { kind: 'Progressing', template: c.template, why: 'the copy could not be read' };
    if (!c.healthy) return { kind: 'Progressing', template: c.template, why: 'InterpretHealth says unhealthy' };
    if (c.readyReplicas !== c.desiredReplicas)
      return {
        kind: 'Progressing',
        template: c.template,
        why: `${c.readyReplicas}/${c.desiredReplicas} replicas ready`,
      };
  }
  return { kind: 'Healthy' };
}
