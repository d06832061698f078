/**
 * Plans a revision by re-planning only the templates a change can affect and taking everything
 * else from an earlier plan: a preview's head from its base, a controller pass from the pass
 * before. Karmada schedules and renders each binding on its own (pkg/scheduler/scheduler.go
 * handles one binding per queue item; the binding controller renders its Works alone), so with
 * the same clusters, interpreter customizations and rebalancers, a template whose content,
 * claiming policy, selecting override policies and own history (reuse-inputs.ts) are unchanged
 * plans exactly as in the base. Anything fleet-wide that differs falls back to a full plan; the
 * result is byte for byte the full plan of the head input.
 */
import { compareDiagnostics, resourceKeyOf, type Diagnostic, type Loaded, type ResourceKey } from '../api/index.ts';
import { rebalancerOutcome } from '../rebalance/index.ts';
import { reachOf, type Reach } from './affected-templates.ts';
import { capacityReaders, clusterChange } from './capacity-change.ts';
import { closeOverDependencies } from './dependency-closure.ts';
import { keyOfBinding, mergePlans } from './merge-plans.ts';
import { planFleet, type Plan, type PlanInput } from './plan-fleet.ts';
import { coverageCodes, coverageWarnings } from './policy-coverage.ts';
import { fleetWideChange, historyChanges, isNamespaceTemplate, sameList, sameValue } from './reuse-inputs.ts';
import { rememberWorkIndex, workIndexOf } from './work-index.ts';

/** An earlier revision as already planned: what it was planned from, and its plan. */
export interface PlannedBase {
  readonly input: PlanInput;
  readonly plan: Plan;
}

/** How the head plan was made: in full (and why), or by re-planning part of it. */
export type Reuse =
  | { readonly kind: 'full'; readonly reason: string }
  | { readonly kind: 'partial'; readonly replanned: number; readonly reused: number };

/** The head plan and how it was made; either way it equals `planFleet(head)`. */
export interface HeadPlan {
  readonly plan: Plan;
  readonly reuse: Reuse;
}

/** Above this share of re-planned templates a full plan is as cheap and simpler. */
const maxReplannedShare = 0.5;

/** Plans `head`, reusing the base plan's bindings and Works for every template the change cannot affect. */
export function planHeadReusingBase(base: PlannedBase, head: PlanInput): HeadPlan {
  const full = (reason: string): HeadPlan => ({ plan: planFleet(head), reuse: { kind: 'full', reason } });
  if (base.plan.errors.length) return full('the base revision is invalid');
  if (head.diagnostics.some((d) => d.severity === 'error')) return full('the head revision is invalid');
  const clusters = clusterChange(base.input.fleet, head.fleet);
  if (clusters === 'other') return full('the clusters changed beyond their observed capacity');
  const fleetWide = fleetWideChange(base.input, head);
  if (fleetWide) return full(fleetWide);
  const reach = reachOf(base.input, head);
  for (const k of historyChanges(base.input, head)) reach.affected.add(k);
  if (clusters === 'capacity') for (const k of capacityReaders(head.fleet)) reach.affected.add(k);
  const affected = closeOverDependencies(base.plan, head.fleet, reach);
  if (affected === undefined) return full('a dependency could not be interpreted');
  // Namespace templates are always re-planned: planFleet renders namespace Works from them.
  for (const t of head.fleet.templates) if (isNamespaceTemplate(t.object)) affected.add(resourceKeyOf(t.object));
  if (affected.size > head.fleet.templates.length * maxReplannedShare)
    return full(`${affected.size} of ${head.fleet.templates.length} templates are affected`);
  const subset = planSubset(head, affected);
  if (subset.errors.length) return full('the re-planned templates do not plan');
  const keptWarnings = warningsKept(base, new Set([...affected, ...reach.removed]));
  if (keptWarnings === undefined) return full("the base plan's warnings could not be split by template");
  const headKeys = new Set(head.fleet.templates.map((t) => resourceKeyOf(t.object)));
  const kept = base.plan.bindings.filter((b) => {
    const k = keyOfBinding(b);
    return headKeys.has(k) && !affected.has(k);
  });
  const merged = mergePlans(base.plan, subset, kept, [...keptWarnings, ...nonCoverage(subset.warnings)]);
  if (!merged) return full('a namespace Work could not be reused');
  const coverage = sameCoverageInputs(base, head, reach, merged)
    ? base.plan.warnings.filter((w) => coverageCodes.has(w.code))
    : coverageWarnings(head.fleet, new Set(merged.bindings.map(keyOfBinding)));
  const plan = withRebalancers(
    { ...merged, warnings: [...merged.warnings, ...coverage].sort(compareDiagnostics) },
    head,
  );
  // The next reuse starts from this plan: it keeps the index of its Works, not only the merge's.
  rememberWorkIndex(plan, workIndexOf(merged));
  return { plan, reuse: { kind: 'partial', replanned: affected.size, reused: kept.length } };
}

/**
 * The base plan's own warnings (coverage apart) about the templates not re-planned: all of them
 * but those a plan of the re-planned ones alone makes. Undefined when that plan warns of
 * something the base plan did not (the warnings do not split by template).
 */
function warningsKept(base: PlannedBase, replanned: ReadonlySet<ResourceKey>): Diagnostic[] | undefined {
  const own = nonCoverage(base.plan.warnings);
  return own.length ? withoutEach(own, nonCoverage(planSubset(base.input, replanned).warnings)) : [];
}

/** The plan of `input` restricted to the given templates. */
function planSubset(input: PlanInput, keys: ReadonlySet<ResourceKey>): Plan {
  const templates = input.fleet.templates.filter((t) => keys.has(resourceKeyOf(t.object)));
  return planFleet({ ...input, fleet: { ...input.fleet, templates } });
}

/**
 * Whether the coverage warnings (templates no policy selects, idle policies, priority ties: about
 * the whole fleet) are the base's: the same policies, templates and propagated templates, and no
 * re-planned template changed what a resource selector reads (apiVersion, kind, namespace, name,
 * labels) or where it was read. Otherwise they are made again from the whole head fleet.
 */
function sameCoverageInputs(base: PlannedBase, head: PlanInput, reach: Reach, merged: Plan): boolean {
  if (reach.added.size || reach.removed.size) return false;
  const a = base.input.fleet;
  const b = head.fleet;
  if (!sameList(a.propagationPolicies, b.propagationPolicies) || !sameList(a.overridePolicies, b.overridePolicies))
    return false;
  const before = new Map(a.templates.map((t) => [resourceKeyOf(t.object), t] as const));
  for (const t of b.templates) {
    if (!reach.affected.has(resourceKeyOf(t.object))) continue;
    const was = before.get(resourceKeyOf(t.object));
    if (was === undefined || !sameValue(selectedBy(was), selectedBy(t))) return false;
  }
  return (
    merged.bindings.length === base.plan.bindings.length &&
    merged.bindings.every((x, i) => keyOfBinding(x) === keyOfBinding(base.plan.bindings[i] ?? x))
  );
}

/** What resource selectors read of a template, and where it was read. */
function selectedBy(t: Loaded): unknown {
  const o = t.object;
  return [o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name, o.metadata.labels ?? {}, t.source];
}

/** Each WorkloadRebalancer's outcome, as planFleet derives it from every template bound in the plan. */
function withRebalancers(plan: Plan, head: PlanInput): Plan {
  const rebalancers = head.fleet.rebalancers;
  if (!rebalancers?.length) return plan;
  const bound = new Set(plan.explanations.map((e) => e.key));
  return {
    ...plan,
    rebalancers: rebalancers.map((r) =>
      rebalancerOutcome(r.object, head.rebalanced?.get(r.object.metadata.name ?? ''), bound, head.now),
    ),
  };
}

function nonCoverage(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds.filter((d) => !coverageCodes.has(d.code));
}

/** `all` with one occurrence of each of `some` taken out; undefined when one is not there. */
function withoutEach(all: readonly Diagnostic[], some: readonly Diagnostic[]): Diagnostic[] | undefined {
  const left = new Map<string, number>();
  for (const d of some) left.set(JSON.stringify(d), (left.get(JSON.stringify(d)) ?? 0) + 1);
  const out = all.filter((d) => {
    const text = JSON.stringify(d);
    const n = left.get(text) ?? 0;
    if (n === 0) return true;
    left.set(text, n - 1);
    return false;
  });
  return [...left.values()].every((n) => n === 0) ? out : undefined;
}
