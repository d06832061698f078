/**
 * Dynamic division (Karmada core/assignment.go assignByDynamicStrategy and division_algorithm.go) for
 * `dynamicWeight: AvailableReplicas` and `Aggregated`, in Steady mode: the previous assignment on
 * clusters that are still candidates is kept and only the difference is divided.
 *
 * | previous (A:B:C) | replicas | step                                   | result |
 * |------------------|----------|----------------------------------------|--------|
 * | 2:4:6            | 6        | scale down: divide 6 by 2:4:6          | 1:2:3  |
 * | 6:-:6 (C gone)   | 12       | scale up 6 by free replicas A 3, B 3   | 9:3:-  |
 * | 4:8:- , free 4:6:8| 24      | Aggregated: +12 by 6:4:8, previous first| 7:12:5 |
 */
import type { Candidate, StepFailure } from './candidate.ts';
import type { Division, DivisionInput } from './division.ts';
import type { TargetClusterCount } from './types.ts';
import { allocateWebsterSeats } from './webster.ts';

/** Assigns replicas by available replicas (DynamicWeight) or into as few clusters as possible (Aggregated). */
export function assignDynamic(candidates: readonly Candidate[], input: DivisionInput): Division | StepFailure {
  if (input.fresh) return assignFresh(candidates, input);
  const names = new Set(candidates.map((c) => c.name));
  // buildScheduledClusters: replicas on clusters that are no longer candidates count as a scale-up.
  const scheduled = input.previous.filter((p) => names.has(p.name));
  const assigned = scheduled.reduce((s, p) => s + p.replicas, 0);
  const strategy = input.view.strategy === 'Aggregated' ? 'Aggregated' : 'DynamicWeight';
  if (assigned === input.replicas) {
    return {
      ok: true,
      clusters: scheduled,
      explanation: {
        strategy,
        mode: 'Unchanged',
        replicas: input.replicas,
        kept: sortedCounts(scheduled),
        target: 0,
        inputs: [],
        tieBreak: input.tieBreak,
        result: sortedCounts(scheduled),
      },
    };
  }
  const scaleDown = assigned > input.replicas;
  // dynamicScaleDown weighs by the previous replicas and starts afresh; dynamicScaleUp divides the
  // extra replicas by the candidates' free replicas and keeps the previous ones.
  const target = scaleDown ? input.replicas : input.replicas - assigned;
  const kept = scaleDown ? [] : scheduled;
  let available = scaleDown
    ? stableSortDesc(scheduled.map((s) => ({ name: s.name, weight: s.replicas })))
    : stableSortDesc(candidates.map((c) => ({ name: c.name, weight: c.allocatable })));
  const total = available.reduce((s, a) => s + a.weight, 0);
  if (total < target) {
    return {
      ok: false,
      reason: 'Unschedulable',
      message: `failed to assign replicas: failed to scale ${scaleDown ? 'down' : 'up'}: Clusters available replicas ${total} are not enough to schedule.`,
    };
  }
  if (strategy === 'Aggregated') available = aggregate(available, kept, target);
  const divided = allocateWebsterSeats(target, available, [], input.tieBreak).filter((d) => d.replicas > 0);
  const merged = mergeTargetClusters(kept, divided);
  return {
    ok: true,
    clusters: merged,
    explanation: {
      strategy,
      mode: scaleDown ? 'ScaleDown' : 'ScaleUp',
      replicas: input.replicas,
      kept: sortedCounts(kept),
      target,
      inputs: available
        .map((a) => ({ cluster: a.name, weight: a.weight }))
        .sort((a, b) => (a.cluster < b.cluster ? -1 : 1)),
      tieBreak: input.tieBreak,
      result: sortedCounts(merged.filter((m) => m.replicas > 0)),
    },
  };
}

/**
 * Karmada dynamicFreshScale: every candidate's free replicas plus the replicas the previous
 * assignment has there (they are freed by the move), all the replicas divided as a first
 * schedule (no cluster kept, none preferred by Aggregated).
 * Example: previous A:6, free A 2, B 8, 6 replicas, Aggregated → weights A 8, B 8 → A:6 (ties by the tie-breaker).
 */
function assignFresh(candidates: readonly Candidate[], input: DivisionInput): Division | StepFailure {
  const strategy = input.view.strategy === 'Aggregated' ? 'Aggregated' : 'DynamicWeight';
  const before = new Map<string, number>();
  for (const p of input.previous) before.set(p.name, (before.get(p.name) ?? 0) + p.replicas);
  let available = stableSortDesc(
    candidates.map((c) => ({ name: c.name, weight: c.allocatable + (before.get(c.name) ?? 0) })),
  );
  const total = available.reduce((s, a) => s + a.weight, 0);
  if (total < input.replicas) {
    return {
      ok: false,
      reason: 'Unschedulable',
      message: `failed to assign replicas: failed to do fresh scale: Clusters available replicas ${total} are not enough to schedule.`,
    };
  }
  if (strategy === 'Aggregated') available = aggregate(available, [], input.replicas);
  const divided = allocateWebsterSeats(input.replicas, available, [], input.tieBreak).filter((d) => d.replicas > 0);
  return {
    ok: true,
    clusters: divided,
    explanation: {
      strategy,
      mode: 'Fresh',
      replicas: input.replicas,
      kept: [],
      target: input.replicas,
      inputs: available
        .map((a) => ({ cluster: a.name, weight: a.weight }))
        .sort((a, b) => (a.cluster < b.cluster ? -1 : 1)),
      tieBreak: input.tieBreak,
      result: sortedCounts(divided),
    },
  };
}

interface Weighted {
  readonly name: string;
  readonly weight: number;
}

/**
 * Aggregated (dynamicDivideReplicas): clusters already holding replicas first (resortAvailableClusters),
 * then the shortest prefix whose free replicas cover the target.
 */
function aggregate(available: readonly Weighted[], kept: readonly TargetClusterCount[], target: number): Weighted[] {
  const prior = new Set(kept.filter((k) => k.replicas > 0).map((k) => k.name));
  const ordered = [...available.filter((a) => prior.has(a.name)), ...available.filter((a) => !prior.has(a.name))];
  let sum = 0;
  for (let i = 0; i < ordered.length; i++) {
    sum += (ordered[i] as Weighted).weight;
    if (sum >= target) return ordered.slice(0, i + 1);
  }
  return ordered;
}

/**
 * Karmada sorts TargetClustersList by replicas descending with sort.Sort, which is an insertion sort
 * (stable) for the short lists it sees; a stable sort keeps the candidates' rank order for ties.
 */
function stableSortDesc(list: readonly Weighted[]): Weighted[] {
  return list.toSorted((a, b) => b.weight - a.weight);
}

/** util.MergeTargetClusters: adds the kept replicas to the new result per cluster. */
function mergeTargetClusters(
  old: readonly TargetClusterCount[],
  fresh: readonly TargetClusterCount[],
): TargetClusterCount[] {
  const sums = new Map<string, number>();
  for (const f of fresh) sums.set(f.name, f.replicas);
  for (const o of old) sums.set(o.name, (sums.get(o.name) ?? 0) + o.replicas);
  return [...sums].map(([name, replicas]) => ({ name, replicas }));
}

function sortedCounts(list: readonly TargetClusterCount[]): TargetClusterCount[] {
  return list.map((l) => ({ name: l.name, replicas: l.replicas })).sort((a, b) => (a.name < b.name ? -1 : 1));
}
