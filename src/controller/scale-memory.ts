/**
 * The autoscaler records a controller keeps between commits (the recommendations the stabilization
 * windows read, as Kubernetes' HPA controller keeps them in memory), reconciled with the status branch
 * on every pass: a record on the branch that differs from the one this process last committed or read
 * was written by another controller (a leadership change, or two writers), so it replaces what this
 * process remembers. A new leader, or an old one leading again, starts from the last committed record.
 */
import type { AutoscalerRecord, CronRecord } from '../autoscale/index.ts';
import { formatAutoscalerRecord, formatCronRecord } from '../writeback/index.ts';

/** What a controller remembers: the records, and the text of each as it last committed or read it. */
export interface ScaleMemory {
  readonly autoscalers: ReadonlyMap<string, AutoscalerRecord>;
  readonly crons: ReadonlyMap<string, CronRecord>;
  /** `FederatedHPA/<ns>/<name>` or `CronFederatedHPA/<ns>/<name>` → the record's text on the branch as this process knows it. */
  readonly committed: ReadonlyMap<string, string>;
}

const keyOf = (s: { namespace: string; name: string }): string => `${s.namespace}/${s.name}`;

/** The memory of a process that has only read the branch (a start, or a new leader). */
export function memoryFromBranch(branch: {
  readonly autoscalers: readonly AutoscalerRecord[];
  readonly crons: readonly CronRecord[];
}): ScaleMemory {
  return reconcileMemory({ autoscalers: new Map(), crons: new Map(), committed: new Map() }, branch);
}

/** Takes into `records` each branch record whose text differs from the one this process knows. */
function adopt<R extends { namespace: string; name: string }>(
  kind: string,
  branch: readonly R[],
  format: (r: R) => string,
  records: Map<string, R>,
  committed: Map<string, string>,
): void {
  for (const r of branch) {
    const text = format(r);
    const id = `${kind}/${keyOf(r)}`;
    if (committed.get(id) === text) continue;
    records.set(keyOf(r), r);
    committed.set(id, text);
  }
}

/** The memory with every branch record this process did not write or read itself taken from the branch. */
export function reconcileMemory(
  memory: ScaleMemory,
  branch: { readonly autoscalers: readonly AutoscalerRecord[]; readonly crons: readonly CronRecord[] },
): ScaleMemory {
  const autoscalers = new Map(memory.autoscalers);
  const crons = new Map(memory.crons);
  const committed = new Map(memory.committed);
  adopt('FederatedHPA', branch.autoscalers, formatAutoscalerRecord, autoscalers, committed);
  adopt('CronFederatedHPA', branch.crons, formatCronRecord, crons, committed);
  return { autoscalers, crons, committed };
}

/** The memory after a pass: its records, and the texts of the records it hands the status write. */
export function memoryAfterPass(
  memory: ScaleMemory,
  pass: {
    readonly autoscalers: readonly AutoscalerRecord[];
    readonly crons: readonly CronRecord[];
    readonly changed: { readonly autoscalers: readonly AutoscalerRecord[]; readonly crons: readonly CronRecord[] };
    readonly removed: { readonly autoscalers: readonly AutoscalerRecord[]; readonly crons: readonly CronRecord[] };
  },
): ScaleMemory {
  const committed = new Map(memory.committed);
  for (const r of pass.changed.autoscalers) committed.set(`FederatedHPA/${keyOf(r)}`, formatAutoscalerRecord(r));
  for (const r of pass.changed.crons) committed.set(`CronFederatedHPA/${keyOf(r)}`, formatCronRecord(r));
  for (const r of pass.removed.autoscalers) committed.delete(`FederatedHPA/${keyOf(r)}`);
  for (const r of pass.removed.crons) committed.delete(`CronFederatedHPA/${keyOf(r)}`);
  return {
    autoscalers: new Map(pass.autoscalers.map((r) => [keyOf(r), r] as const)),
    crons: new Map(pass.crons.map((r) => [keyOf(r), r] as const)),
    committed,
  };
}

/** True when the memory holds a record (a removed autoscaler's file may still be on the branch). */
export function remembersRecords(memory: ScaleMemory | undefined): boolean {
  return memory !== undefined && (memory.autoscalers.size > 0 || memory.crons.size > 0);
}

/** The conditions of a record as one line (`AbleToScale True ReadyForNewScale, …`). */
export function conditionLine(r: AutoscalerRecord): string {
  return r.conditions.map((c) => `${c.type} ${c.status} ${c.reason}`).join(', ');
}

/**
 * The records a pass did not commit whose conditions changed since the memory's: why a count now
 * holds (a stabilization window, members unreachable, metrics that cannot be computed) is logged
 * once when it starts, not on every pass, and never committed.
 */
export function heldWithNewConditions(
  memory: ScaleMemory,
  pass: {
    readonly autoscalers: readonly AutoscalerRecord[];
    readonly changed: { readonly autoscalers: readonly AutoscalerRecord[] };
  },
): AutoscalerRecord[] {
  const committed = new Set(pass.changed.autoscalers.map(keyOf));
  return pass.autoscalers.filter((r) => {
    if (committed.has(keyOf(r))) return false;
    const before = memory.autoscalers.get(keyOf(r));
    return before === undefined || conditionLine(before) !== conditionLine(r);
  });
}
