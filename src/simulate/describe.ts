/** Short human forms of impacts, shared by the table, the Markdown and the PR section. */
import type { ClusterLoad, LossReason, ReplicaMove, UsedCapacity, WorkloadImpact } from './types.ts';

/** `namespace/name` or `name`. */
export function workloadName(w: Pick<WorkloadImpact, 'resource'>): string {
  return `${w.resource.namespace ? `${w.resource.namespace}/` : ''}${w.resource.name}`;
}

/** `aws-use→gcp-use 3, aws-use→aws-euw 1`, or `-`. */
export function describeMoves(moves: readonly ReplicaMove[]): string {
  return moves.length ? moves.map((m) => `${m.from}→${m.to} ${m.replicas}`).join(', ') : '-';
}

/** The loss reasons, e.g. `NoFallback: 0/6 clusters are available: …`. */
export function describeReasons(reasons: readonly LossReason[]): string {
  return reasons.map((r) => `${r.kind}: ${r.message}`).join('; ');
}

/** `cpu 54→60/64, pods 20→26/220` for a surviving cluster. */
export function describeLoad(l: ClusterLoad): string {
  const part = (name: string, u: UsedCapacity | undefined, unit: (n: number) => string): string[] =>
    u
      ? [
          `${name} ${unit(u.before)}→${unit(u.after)}/${unit(u.allocatable)} (${percent(u.before, u.allocatable)}→${percent(u.after, u.allocatable)})`,
        ]
      : [];
  return (
    [...part('cpu', l.cpu, cores), ...part('memory', l.memory, gib), ...part('pods', l.pods, String)].join(', ') ||
    'capacity unknown'
  );
}

/** Share of allocatable above which a survivor is listed when several scenarios are shown. */
export const nearFullShare = 0.9;

/** Whether any resource of the survivor is used at or above {@link nearFullShare} after the moves. */
export function isNearFull(l: ClusterLoad): boolean {
  return [l.cpu, l.memory, l.pods].some(
    (u) => u !== undefined && u.allocatable > 0 && u.after >= u.allocatable * nearFullShare,
  );
}

function percent(n: number, of: number): string {
  return of > 0 ? `${Math.round((n * 100) / of)}%` : '-';
}

function cores(milli: number): string {
  return String(Math.round(milli / 10) / 100);
}

function gib(bytes: number): string {
  return `${Math.round((bytes / 1024 ** 3) * 10) / 10}Gi`;
}
