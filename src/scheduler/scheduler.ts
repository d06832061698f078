/**
 * createScheduler: binds the algorithm to a fleet, tries affinity terms in order and memoises.
 * Templates without history that share placement, kind, requirements and replicas share one result.
 */
import { resourceKey } from '../api/index.ts';
import type { Cluster, ClusterAffinity, Placement, ReplicaRequirements } from '../api/index.ts';
import { runAttempt } from './attempt.ts';
import type { AttemptContext, AttemptOutcome } from './attempt.ts';
import { requirementsKey } from './estimator.ts';
import { FeasibilityCache, placementFilterKey } from './feasibility.ts';
import type { History } from './feasibility.ts';
import { indexFleet } from './fleet-index.ts';
import { canonicalJson } from '../api/index.ts';
import { affinityTerms, viewPlacement } from './placement.ts';
import type { PlacementView } from './placement.ts';
import { RankingCache } from './ranking.ts';
import type { AttemptExplanation, ScheduleResult, Scheduler, SchedulingRequest } from './types.ts';
import { tieBreakOf } from './webster.ts';

/** What is derived from a placement object once. */
interface PlacementPlan {
  readonly key: string;
  readonly view: PlacementView;
  readonly terms: readonly {
    readonly name?: string;
    readonly affinity?: ClusterAffinity;
    readonly overflow?: readonly ClusterAffinity[];
    readonly filterKey: string;
  }[];
}

/** Builds a scheduler over a fleet inventory; the clusters are indexed once. */
export function createScheduler(clusters: readonly Cluster[]): Scheduler {
  const fleet = indexFleet(clusters);
  const ctx: AttemptContext = {
    numAllClusters: fleet.clusters.length,
    feasibility: new FeasibilityCache(fleet),
    ranking: new RankingCache(fleet),
  };
  const plans = new WeakMap<Placement, PlacementPlan>();
  const results = new Map<string, ScheduleResult>();
  const planOf = (p: Placement): PlacementPlan => {
    let plan = plans.get(p);
    if (plan === undefined) {
      const view = viewPlacement(p);
      const terms = affinityTerms(p).map((t) => ({ ...t, filterKey: placementFilterKey(p, view, t.affinity) }));
      plan = { key: canonicalJson(p), view, terms };
      plans.set(p, plan);
    }
    return plan;
  };
  return {
    schedule(req: SchedulingRequest): ScheduleResult {
      const plan = planOf(req.placement);
      const history = historyOf(req);
      const reqKey = requirementsKey(effectiveRequirements(req.requirements));
      const tieBreak = tieBreakOf(resourceKey(req.resource));
      const gvk = `${req.resource.apiVersion}|${req.resource.kind}`;
      const memoKey =
        history.previous.size === 0 && history.evicting.size === 0 && req.workloadGroups === undefined
          ? `${gvk}|${plan.key}|${reqKey}|${req.replicas}|${tieBreak}|${req.fresh ? '' : (req.observedAffinityName ?? '')}`
          : undefined;
      const hit = memoKey === undefined ? undefined : results.get(memoKey);
      if (hit !== undefined) return hit;
      const result = scheduleTerms(ctx, req, { plan, history, reqKey, tieBreak, gvk });
      if (memoKey !== undefined) results.set(memoKey, result);
      return result;
    },
  };
}

/**
 * Tries the terms from the observed one (or the first) until one schedules (Karmada
 * scheduleResourceBindingWithClusterAffinities); when all fail, the first failure decides the
 * reason and message.
 */
function scheduleTerms(
  ctx: AttemptContext,
  req: SchedulingRequest,
  s: {
    readonly plan: PlacementPlan;
    readonly history: History;
    readonly reqKey: string;
    readonly tieBreak: ReturnType<typeof tieBreakOf>;
    readonly gvk: string;
  },
): ScheduleResult {
  const { plan } = s;
  // getAffinityIndex: the observed term, or the first when none is observed or it is gone; a
  // reschedule from scratch (Fresh, RescheduleRequired) starts from the first term.
  const observed = req.fresh
    ? 0
    : plan.terms.findIndex((t) => t.name !== undefined && t.name === req.observedAffinityName);
  const attempts: AttemptExplanation[] = [];
  let first: AttemptOutcome | undefined;
  for (let i = Math.max(observed, 0); i < plan.terms.length; i++) {
    const term = plan.terms[i];
    if (term === undefined) break;
    // Overflow groups serve workloads only (plugins/clusteraffinity IsWorkload, core/common.go AssignReplicas).
    const overflow =
      term.overflow !== undefined && (req.replicas > 0 || effectiveRequirements(req.requirements) !== undefined)
        ? term.overflow
        : undefined;
    const outcome = runAttempt(ctx, {
      affinityName: term.name,
      filterKey: `${s.gvk}|${term.filterKey}${overflow ? `|overflow:${canonicalJson(overflow)}` : ''}`,
      filter: {
        gvk: s.gvk,
        affinity: term.affinity,
        tolerations: req.placement.clusterTolerations ?? [],
        spread: plan.view.spread,
        ...(overflow ? { overflow } : {}),
      },
      ...(overflow ? { overflow: { affinity: term.affinity, groups: overflow } } : {}),
      ...(req.workloadGroups ? { workloadGroups: req.workloadGroups } : {}),
      history: s.history,
      workload: {
        replicas: req.replicas,
        requirements: effectiveRequirements(req.requirements),
        requirementsKey: s.reqKey,
      },
      division: {
        view: plan.view,
        previous: previousCounts(req),
        tieBreak: s.tieBreak,
        ...(req.fresh ? { fresh: true } : {}),
      },
    });
    attempts.push(outcome.explanation);
    if (outcome.ok) {
      const explanation = term.name === undefined ? { attempts } : { affinityName: term.name, attempts };
      return { kind: 'Scheduled', clusters: outcome.clusters, explanation };
    }
    first ??= outcome;
  }
  if (first === undefined || first.ok) {
    return {
      kind: 'Unschedulable',
      reason: 'SchedulerError',
      message: 'no cluster affinity term to schedule with',
      explanation: { attempts },
    };
  }
  return { kind: 'Unschedulable', reason: first.reason, message: first.message, explanation: { attempts } };
}

/**
 * Requirements with nothing in them count as none: Karmada's GenerateReplicaRequirements returns nil
 * when a pod template has neither resource requests nor a node claim, and that nil decides whether a
 * template with 0 replicas is assigned like a workload (core/common.go AssignReplicas).
 */
function effectiveRequirements(r: ReplicaRequirements | undefined): ReplicaRequirements | undefined {
  if (r === undefined) return undefined;
  const empty =
    Object.keys(r.resourceRequest ?? {}).length === 0 &&
    r.nodeClaim === undefined &&
    !r.namespace &&
    !r.priorityClassName;
  return empty ? undefined : r;
}

function historyOf(req: SchedulingRequest): History {
  const previous = new Map<string, number>();
  for (const t of req.previous ?? []) previous.set(t.name, (previous.get(t.name) ?? 0) + (t.replicas ?? 0));
  return { previous, evicting: new Set(req.evictingClusters ?? []) };
}

function previousCounts(req: SchedulingRequest): readonly { readonly name: string; readonly replicas: number }[] {
  return (req.previous ?? []).map((t) => ({ name: t.name, replicas: t.replicas ?? 0 }));
}
