/**
 * Failover decisions as data (STYLE X1, X4): each says which cluster, since when, which
 * bindings and why, and `describeDecision` turns one into a status commit message.
 */
import type { Condition, Taint } from '../api/index.ts';
import { assertNever, compareStrings } from '../api/index.ts';
import { formatTaint } from '../scheduler/filters/index.ts';
import { unreachableTaintKey } from './cluster-health.ts';

/** The `Flotilla-Decision` trailer values of failover commits, and of rebalancing and descheduling (src/rebalance). */
export type DecisionKind = 'failover' | 'recover' | 'evict' | 'purge' | 'rebalance' | 'deschedule' | 'scale';

/** A cluster turned not ready or unreachable: controller taints were added. */
export interface FailoverDecision {
  readonly kind: 'failover';
  readonly cluster: string;
  /** When the cluster's Ready condition last changed (or it was last observed, when stale). */
  readonly since: string;
  readonly condition: Pick<Condition, 'status' | 'reason' | 'message'>;
  readonly taintsAdded: readonly Taint[];
  readonly taintsRemoved: readonly Taint[];
}
/** A cluster came back: controller taints were removed and none added. */
export interface RecoverDecision {
  readonly kind: 'recover';
  readonly cluster: string;
  readonly since: string;
  readonly condition: Pick<Condition, 'status' | 'reason' | 'message'>;
  readonly taintsRemoved: readonly Taint[];
}
/** One binding moved off one cluster. */
export interface EvictedBinding {
  readonly binding: string;
  readonly replicas?: number;
  readonly purgeMode: string;
  /** Why: the untolerated taint, or the toleration that ran out. */
  readonly why: string;
}
/** Bindings evicted from a cluster whose NoExecute taints they no longer tolerate. */
export interface EvictDecision {
  readonly kind: 'evict';
  readonly cluster: string;
  /** When the earliest NoExecute taint involved was added (or the workload turned unhealthy). */
  readonly since: string;
  /** A cluster taint (taint manager) or an unhealthy workload (application failover). */
  readonly cause?: 'taint' | 'application';
  readonly bindings: readonly EvictedBinding[];
}
/** One eviction task ended: the old copy on `fromCluster` may be deleted. */
export interface PurgedTask {
  readonly binding: string;
  readonly why: string;
}
/** Eviction tasks removed from bindings for one cluster. */
export interface PurgeDecision {
  readonly kind: 'purge';
  readonly cluster: string;
  /** When the earliest of these eviction tasks was created. */
  readonly since: string;
  readonly bindings: readonly PurgedTask[];
}
/** Any failover decision. */
export type Decision = FailoverDecision | RecoverDecision | EvictDecision | PurgeDecision;

/** A commit message's parts: subject line, body lines and the trailer value. */
export interface DecisionDescription {
  readonly subject: string;
  readonly body: readonly string[];
  readonly trailer: DecisionKind;
}

/** Total order on decisions: kind, then cluster (D2). */
export function compareDecisions(a: Decision, b: Decision): number {
  return compareStrings(a.kind, b.kind) || compareStrings(a.cluster, b.cluster);
}

const listed = 20;

/**
 * Subject, body and trailer for a status commit, for example:
 *   flotilla: failover member2 (not ready since 2026-01-01T00:00:00Z)
 *   Ready=False ClusterNotReady: cluster is reachable but health endpoint responded without ok
 *   added taint cluster.karmada.io/not-ready:NoSchedule
 *   trailer: failover
 */
export function describeDecision(d: Decision): DecisionDescription {
  switch (d.kind) {
    case 'failover':
      return {
        subject: `flotilla: failover ${d.cluster} (${d.taintsAdded.some((t) => t.key === unreachableTaintKey) ? 'unreachable' : 'not ready'} since ${d.since})`,
        body: [
          conditionLine(d.condition),
          ...d.taintsAdded.map((t) => `added taint ${formatTaint(t)}`),
          ...d.taintsRemoved.map((t) => `removed taint ${formatTaint(t)}`),
        ],
        trailer: 'failover',
      };
    case 'recover':
      return {
        subject: `flotilla: recover ${d.cluster} (ready since ${d.since})`,
        body: [conditionLine(d.condition), ...d.taintsRemoved.map((t) => `removed taint ${formatTaint(t)}`)],
        trailer: 'recover',
      };
    case 'evict':
      return {
        subject: `flotilla: evict ${count(d.bindings.length, 'binding')} from ${d.cluster} (${d.cause === 'application' ? 'unhealthy' : 'tainted'} since ${d.since})`,
        body: clip(
          d.bindings.map(
            (b) =>
              `${b.binding}${b.replicas !== undefined ? ` (${b.replicas} replicas)` : ''}, purge ${b.purgeMode}: ${b.why}`,
          ),
        ),
        trailer: 'evict',
      };
    case 'purge':
      return {
        subject: `flotilla: purge ${count(d.bindings.length, 'binding')} from ${d.cluster} (evicting since ${d.since})`,
        body: clip(d.bindings.map((b) => `${b.binding}: ${b.why}`)),
        trailer: 'purge',
      };
    default:
      return assertNever(d, 'decision');
  }
}

function conditionLine(c: Pick<Condition, 'status' | 'reason' | 'message'>): string {
  return `Ready=${c.status}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function clip(lines: readonly string[]): string[] {
  return lines.length <= listed ? [...lines] : [...lines.slice(0, listed), `…and ${lines.length - listed} more`];
}
