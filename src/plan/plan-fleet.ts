/**
 * The pure planning pipeline (DESIGN "Pipeline"): match → schedule → dependencies → render.
 * Same inputs give the same plan, byte for byte. An invalid revision yields no bindings and no
 * Works, only its diagnostics: never a partial plan.
 */
import {
  compareDiagnostics,
  compareStrings,
  describeRef,
  errorAt,
  refOf,
  resourceKeyOf,
  warningAt,
  type Cluster,
  type Condition,
  type Diagnostic,
  type Fleet,
  type GracefulEvictionTask,
  type Loaded,
  type PropagationSpec,
  type ResourceKey,
  type TargetCluster,
} from '../api/index.ts';
import { createInterpreter, InterpreterScriptError, type Interpreter } from '../interpreter/index.ts';
import { selectOverridePolicies } from '../override/index.ts';
import { indexPolicies, matchClaimed, type PolicyMatch } from '../policy/index.ts';
import {
  attachedDispatchPolicy,
  jobCompletionsOf,
  renderBinding,
  reservedLabelState,
  type DispatchPolicy,
  type Work,
} from '../render/index.ts';
import { clustersAfterSchedule, createScheduler, type Explanation, type ScheduleResult } from '../scheduler/index.ts';
import { activeSpec } from './activation.ts';
import { coverageWarnings } from './policy-coverage.ts';
import { checkBindingRenders, OverrideClasses } from './render-check.ts';
import { collectPeers, workloadGroupsOf } from './workload-groups.ts';
import { otherSchedulerCondition, otherSchedulerResult, otherSchedulerWarning } from './other-scheduler.ts';
import { bindingId, buildBinding, type Binding, type BindingSnapshot } from './binding.ts';
import { mergeTargetClusters, resolveDependencies, type DependencySource } from './dependencies.ts';
import { checkNamespaceWorks, namespaceWorks } from './namespace-works.ts';
import type { AppliedPlacements, PreviousPlacement, PreviousRecords } from './previous.ts';
import { scheduleTrigger } from './schedule-trigger.ts';
import {
  keepRemovedClusters,
  pendingRebalance,
  rebalancerOutcome,
  rebalanceTaskProducer,
  type RebalanceRecords,
  type RebalancerOutcome,
} from '../rebalance/index.ts';

/** Everything planning needs: the loaded fleet, its load diagnostics, and the earlier placement. */
export interface PlanInput {
  readonly fleet: Fleet;
  readonly diagnostics: readonly Diagnostic[];
  readonly revision: string;
  readonly previous?: PreviousPlacement;
  /** The placements the previous schedules were made with: unchanged Divided workloads keep their clusters. */
  readonly applied?: AppliedPlacements;
  /** What the previous bindings recorded (the claiming policy, a Lazy policy's template version). */
  readonly records?: PreviousRecords;
  /**
   * Graceful-eviction tasks per template (the status stage's failover decisions): the scheduler
   * avoids those clusters, and the evicted copy is still rendered there, with the replicas it
   * had, until the task is purged (Karmada keeps the Work of a cluster in an eviction task).
   */
  readonly evictions?: ReadonlyMap<ResourceKey, readonly GracefulEvictionTask[]>;
  /**
   * `check`: the plan rejects exactly what a full plan rejects, but no Work is kept (`works` is
   * empty) and a binding renders once per class of equivalent clusters (render-check.ts): for
   * commands that print no Work (`plan -o table`, `validate`, `explain`), whose cost would
   * otherwise grow with clusters × templates.
   * Default `keep`. `none`: nothing is rendered (no Work, no render diagnostic): for
   * `flotilla simulate`, which reads only the bindings.
   */
  readonly works?: 'keep' | 'check' | 'none';
  /**
   * What the status branch recorded of each WorkloadRebalancer (src/rebalance): a workload of a
   * rebalancer without a recorded outcome is scheduled from scratch in this plan, once.
   */
  readonly rebalanced?: RebalanceRecords;
  /** The pass's time: the rebalancers' finishTime and the tasks they create. Absent outside the controller. */
  readonly now?: string;
}

/** The scheduling story of one binding, for `flotilla explain` and previews. */
export interface BindingExplanation {
  readonly key: ResourceKey;
  readonly policy: Loaded;
  /** Set when an earlier revision's claim decided the policy (kept, or preempted). */
  readonly claim?: string;
  readonly result: ScheduleResult;
}

/** A plan: the DESIGN contract's fields plus explanations (not part of `-o json`). */
export interface Plan {
  readonly revision: string;
  readonly bindings: readonly Binding[];
  readonly works: readonly Work[];
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  readonly explanations: readonly BindingExplanation[];
  /** The names of the inventory's clusters, sorted (every one gets a rendered kustomization). */
  readonly clusters: readonly string[];
  /** Each WorkloadRebalancer's status after this plan, by name (absent when the revision has none). */
  readonly rebalancers?: readonly RebalancerOutcome[];
}

/** Plans a fleet. */
export function planFleet(input: PlanInput): Plan {
  const diagnostics: Diagnostic[] = [...input.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) return finish(input.revision, [], [], diagnostics, [], []);
  const { fleet } = input;
  const interpreter = createInterpreter(fleet.customizations);
  const fresh = pendingRebalance(fleet.rebalancers ?? [], input.rebalanced ?? new Map());
  const scheduled = scheduleTemplates(
    fleet,
    interpreter,
    {
      previous: input.previous,
      applied: input.applied,
      records: input.records,
      evictions: input.evictions,
      fresh,
      now: input.now,
    },
    diagnostics,
  );
  const templates = new Map(fleet.templates.map((t) => [resourceKeyOf(t.object), t] as const));
  const byNamespace = groupByNamespace(fleet.templates);
  const sources: DependencySource[] = scheduled
    // Karmada's dependencies distributor reads the binding's clusters, not its Scheduled condition:
    // an unschedulable binding keeps its clusters, and its dependencies stay with it. It watches
    // ResourceBindings only: a cluster-scoped template's dependencies stay behind.
    .filter((s) => s.propagateDeps && s.binding.spec.clusters.length > 0 && s.binding.kind === 'ResourceBinding')
    .map((s) => ({ template: s.template, bindingName: s.binding.metadata.name, clusters: s.binding.spec.clusters }));
  const deps = resolveDependencies(sources, templates, byNamespace, interpreter);
  diagnostics.push(...deps.diagnostics);
  diagnostics.push(...coverageWarnings(fleet, new Set([...scheduled.map((s) => s.key), ...deps.requiredBy.keys()])));

  const bindings: Binding[] = [];
  const works: Work[] = [];
  const clusters = new Map(fleet.clusters.map((c) => [c.object.metadata.name ?? '', c] as const));
  const own = new Set(scheduled.map((s) => s.key));
  const toRender: {
    template: Loaded;
    binding: Binding;
    clusters: readonly TargetCluster[];
    isWorkload: boolean;
    dispatch: DispatchPolicy;
    jobCompletions?: ReadonlyMap<string, number> | undefined;
  }[] = [];
  const dispatchOf = new Map(scheduled.map((s) => [bindingId(s.binding), dispatchPolicyOf(s.binding)] as const));
  for (const s of scheduled) {
    const requiredBy = deps.requiredBy.get(s.key) ?? [];
    const binding = requiredBy.length ? { ...s.binding, spec: { ...s.binding.spec, requiredBy } } : s.binding;
    bindings.push(binding);
    toRender.push({
      template: s.template,
      binding,
      clusters: mergeTargetClusters(withEvicted(binding.spec.clusters, binding.spec.gracefulEvictionTasks), requiredBy),
      isWorkload: s.isWorkload,
      dispatch: dispatchPolicyOf(binding),
      // Karmada ensureWork divides over the scheduled and requiring clusters, not the evicted ones.
      jobCompletions: jobCompletionsOf(
        s.template.object,
        binding.spec,
        mergeTargetClusters(binding.spec.clusters, requiredBy),
      ),
    });
  }
  for (const [key, requiredBy] of [...deps.requiredBy].sort(([a], [b]) => compareStrings(a, b))) {
    const template = templates.get(key);
    if (!template || own.has(key)) continue;
    const dispatch = attachedDispatchPolicy(
      requiredBy.map((r) => dispatchOf.get(r.namespace ? `${r.namespace}/${r.name}` : r.name) ?? {}),
    );
    const binding = attachedBinding(template, requiredBy, dispatch);
    bindings.push(binding);
    toRender.push({ template, binding, clusters: mergeTargetClusters([], requiredBy), isWorkload: false, dispatch });
  }
  const overrideClasses = new OverrideClasses(clusters, fleet.overridePolicies);
  for (const r of input.works === 'none' ? [] : toRender) {
    const req = {
      template: r.template,
      binding: bindingId(r.binding),
      clusters: r.clusters,
      isWorkload: r.isWorkload,
      overrides: selectOverridePolicies(fleet.overridePolicies, r.template.object),
      dispatch: r.dispatch,
      jobCompletions: r.jobCompletions,
      injectLabels: injectedLabels(r.binding),
    };
    if (input.works === 'check') {
      diagnostics.push(...checkBindingRenders({ clusters, interpreter }, req, overrideClasses));
      continue;
    }
    const out = renderBinding({ clusters, interpreter, classes: overrideClasses }, req);
    works.push(...out.works);
    diagnostics.push(...out.diagnostics);
  }
  if (input.works === 'check') diagnostics.push(...checkNamespaceWorks(toRender, fleet, clusters));
  if (input.works === undefined || input.works === 'keep')
    works.push(...namespaceWorks(works, fleet, clusters, diagnostics));
  const explanations = scheduled.map((s) => ({
    key: s.key,
    policy: s.policy.policy as Loaded,
    ...(s.policy.claim ? { claim: s.policy.claim } : {}),
    result: s.result,
  }));
  const plan = finish(input.revision, bindings, works, diagnostics, explanations, [...clusters.keys()]);
  if (plan.errors.length || !fleet.rebalancers?.length) return plan;
  const bound = new Set(scheduled.map((s) => s.key));
  const rebalancers = fleet.rebalancers.map((r) =>
    rebalancerOutcome(r.object, input.rebalanced?.get(r.object.metadata.name ?? ''), bound, input.now),
  );
  return { ...plan, rebalancers };
}

interface Scheduled {
  readonly key: ResourceKey;
  readonly template: Loaded;
  readonly policy: PolicyMatch;
  readonly binding: Binding;
  readonly result: ScheduleResult;
  readonly isWorkload: boolean;
  readonly propagateDeps: boolean;
}

/** The placement history a schedule reads: the previous clusters and the eviction tasks. */
interface History {
  readonly previous: PreviousPlacement | undefined;
  readonly applied: AppliedPlacements | undefined;
  readonly records: PreviousRecords | undefined;
  readonly evictions: ReadonlyMap<ResourceKey, readonly GracefulEvictionTask[]> | undefined;
  /** Templates a WorkloadRebalancer has scheduled from scratch in this plan, with its name. */
  readonly fresh: ReadonlyMap<ResourceKey, string>;
  readonly now: string | undefined;
}

/** The clusters a binding's Works go to: its schedule plus the clusters still being evicted from (with the replicas they held). */
function withEvicted(
  clusters: readonly TargetCluster[],
  tasks: readonly GracefulEvictionTask[] | undefined,
): readonly TargetCluster[] {
  if (!tasks?.length) return clusters;
  const placed = new Set(clusters.map((c) => c.name));
  // Karmada deletes a Directly task's Work at once; the task record stays only for its preserved state.
  const kept = tasks
    .filter((t) => !placed.has(t.fromCluster) && t.purgeMode !== 'Directly')
    .map(
      (t): TargetCluster =>
        t.replicas !== undefined ? { name: t.fromCluster, replicas: t.replicas } : { name: t.fromCluster },
    );
  return [...clusters, ...kept].sort((a, b) => compareStrings(a.name, b.name));
}

function scheduleTemplates(
  fleet: Fleet,
  interpreter: Interpreter,
  history: History,
  diagnostics: Diagnostic[],
): Scheduled[] {
  const { previous, applied, records, evictions, fresh } = history;
  // HasTerminatingTargetClusters: a Cluster being deleted (deletionTimestamp set) counts as gone.
  const clusterNames = new Set(
    fleet.clusters
      .filter((c) => c.object.metadata['deletionTimestamp'] == null)
      .map((c) => c.object.metadata.name ?? ''),
  );
  const index = indexPolicies(fleet.propagationPolicies);
  const scheduler = createScheduler(fleet.clusters.map((c) => c.object as Cluster));
  const peers = collectPeers(fleet, index, { previous, records });
  const out: Scheduled[] = [];
  for (const template of fleet.templates) {
    const key = resourceKeyOf(template.object);
    const record = records?.get(key);
    const match = matchClaimed(index, template.object, record?.claim);
    if (!match) continue;
    const resource = refOf(template.object);
    let replicas: { replicas: number; requirements?: import('../api/index.ts').ReplicaRequirements };
    try {
      replicas = interpreter.getReplicas(template.object);
    } catch (err) {
      if (!(err instanceof InterpreterScriptError)) throw err;
      diagnostics.push(
        errorAt('InterpreterError', template.source, `${describeRef(resource)}: ${err.message}`, err.notes()),
      );
      continue;
    }
    const spec = activeSpec(match.policy.object, template.object, record);
    const placement = spec.placement ?? {};
    const prev = previous?.get(key);
    const isWorkload = replicas.replicas > 0 || replicas.requirements !== undefined;
    const groups = peers ? workloadGroupsOf(template.object, placement) : undefined;
    // Karmada RescheduleRequired → assignment mode Fresh (pkg/scheduler/core/assignment.go): the
    // previous assignment is disregarded; the clusters it leaves keep their copy until the
    // replacement is ready (src/rebalance/keep-until-ready.ts).
    const rebalancedBy = spec.otherScheduler === undefined ? fresh.get(key) : undefined;
    const evicting = evictions?.get(key);
    const trigger =
      rebalancedBy !== undefined
        ? { kind: 'schedule' as const }
        : scheduleTrigger({
            placement,
            applied: applied?.get(key),
            previous: prev,
            replicas: replicas.replicas,
            isWorkload,
            clusterExists: (n) => clusterNames.has(n),
            ...(record?.observedAffinityName ? { observedAffinityName: record.observedAffinityName } : {}),
            ...(record?.unscheduled ? { unscheduled: true } : {}),
          });
    const scheduledNow: ScheduleResult =
      spec.otherScheduler !== undefined
        ? otherSchedulerResult(spec.otherScheduler, prev)
        : trigger.kind === 'keep'
          ? { kind: 'Scheduled', clusters: trigger.clusters, explanation: { attempts: [], kept: trigger.reason } }
          : scheduler.schedule({
              resource,
              placement,
              replicas: replicas.replicas,
              ...(replicas.requirements ? { requirements: replicas.requirements } : {}),
              ...(prev ? { previous: prev } : {}),
              ...(record?.observedAffinityName ? { observedAffinityName: record.observedAffinityName } : {}),
              ...(rebalancedBy !== undefined ? { fresh: true } : {}),
              ...(evicting?.length ? { evictingClusters: evicting.map((t) => t.fromCluster) } : {}),
              ...(peers && groups ? { workloadGroups: peers.constraint(key, resource.namespace ?? '', groups) } : {}),
            });
    const result: ScheduleResult =
      rebalancedBy === undefined
        ? scheduledNow
        : { ...scheduledNow, explanation: { ...scheduledNow.explanation, rebalancedBy } };
    const tasks =
      rebalancedBy !== undefined && result.kind === 'Scheduled'
        ? keepRemovedClusters(prev, result.clusters, evicting, {
            producer: rebalanceTaskProducer,
            message: `rescheduled from scratch by WorkloadRebalancer ${rebalancedBy}`,
            now: history.now,
          })
        : evicting;
    if (spec.otherScheduler !== undefined) {
      diagnostics.push(otherSchedulerWarning(match.policy, resource, spec.otherScheduler));
    } else if (result.kind === 'Unschedulable') {
      diagnostics.push(
        warningAt(
          'Unschedulable',
          match.policy.source,
          `${describeRef(resource)} cannot be scheduled by ${match.policy.object.kind} ${match.policy.object.metadata.namespace ? `${match.policy.object.metadata.namespace}/` : ''}${match.policy.object.metadata.name}: ${result.message}`,
        ),
      );
    }
    const binding = buildBinding({
      template: template.object,
      resource,
      annotations: spec.annotations,
      replicas: replicas.replicas,
      requirements: replicas.requirements,
      // A failed schedule keeps the clusters it had, but no cluster fitting (NoClusterFit) clears
      // them, as Karmada's scheduler patches its empty result then (scheduled-clusters.ts).
      clusters: clustersAfterSchedule(result, prev),
      placement: spec.placement,
      propagateDeps: spec.propagateDeps,
      requiredBy: [],
      condition:
        spec.otherScheduler !== undefined ? otherSchedulerCondition(spec.otherScheduler) : scheduledCondition(result),
      // Karmada patches the observed term only when a term schedules; otherwise the binding keeps it.
      affinityName: affinityNameOf(result.explanation) ?? record?.observedAffinityName,
      failover: spec.failover,
      evictionTasks: tasks,
      schedulerName: spec.otherScheduler,
      workloadAffinityGroups: groups,
      // The dispatch fields are the policy's own, also while a Lazy policy's placement waits (flotilla differs: Karmada holds them back too).
      dispatch: dispatchFieldsOf(match.policy.object.spec),
    });
    if (peers && groups) peers.place(key, resource.namespace ?? '', binding.spec.clusters);
    out.push({ key, template, policy: match, binding, result, isWorkload, propagateDeps: spec.propagateDeps });
  }
  return out;
}

/** The preserved state of the binding's last eviction for each cluster it moved to (render/state-injection.ts); undefined without tasks. */
function injectedLabels(b: Binding): ((cluster: string) => Readonly<Record<string, string>> | undefined) | undefined {
  const tasks = b.spec.gracefulEvictionTasks;
  if (!tasks?.length) return undefined;
  // Karmada counts the clusters ensureWork renders for: the schedule and the bindings that need this one.
  const scheduled = mergeTargetClusters(b.spec.clusters, b.spec.requiredBy ?? []);
  return (cluster) =>
    scheduled.some((c) => c.name === cluster) ? reservedLabelState(scheduled, tasks, cluster) : undefined;
}

/** A policy's suspension, preservation and conflict resolution (Karmada copies them onto its bindings). */
function dispatchFieldsOf(spec: PropagationSpec): DispatchPolicy {
  return {
    suspension: spec.suspension,
    preserveResourcesOnDeletion: spec.preserveResourcesOnDeletion,
    conflictResolution: spec.conflictResolution,
  };
}

/** The dispatch fields a binding carries (Karmada copies them from the policy). */
function dispatchPolicyOf(b: Binding): DispatchPolicy {
  return {
    suspension: b.spec.suspension,
    preserveResourcesOnDeletion: b.spec.preserveResourcesOnDeletion,
    conflictResolution: b.spec.conflictResolution,
  };
}

function scheduledCondition(result: ScheduleResult): Condition {
  return result.kind === 'Scheduled'
    ? { type: 'Scheduled', status: 'True', reason: 'Success', message: 'Binding has been scheduled successfully.' }
    : { type: 'Scheduled', status: 'False', reason: result.reason, message: result.message };
}

function affinityNameOf(e: Explanation): string | undefined {
  const name = (e as { affinityName?: unknown }).affinityName;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * The binding of a dependency no policy places (Karmada buildAttachedBinding): it carries the
 * effective conflict resolution and preservation of the bindings that require it, as Karmada's
 * createOrUpdateAttachedBinding writes them (both always set).
 */
function attachedBinding(template: Loaded, requiredBy: readonly BindingSnapshot[], dispatch: DispatchPolicy): Binding {
  return buildBinding({
    template: template.object,
    resource: refOf(template.object),
    annotations: {},
    replicas: 0,
    requirements: undefined,
    clusters: [],
    placement: undefined,
    propagateDeps: false,
    requiredBy,
    condition: {
      type: 'Scheduled',
      status: 'True',
      reason: 'Success',
      message: 'Attached to the bindings that depend on it.',
    },
    affinityName: undefined,
    dispatch,
  });
}

function groupByNamespace(templates: readonly Loaded[]): Map<string, Loaded[]> {
  const out = new Map<string, Loaded[]>();
  for (const t of templates) {
    const ns = t.object.metadata.namespace ?? '';
    const list = out.get(ns) ?? [];
    list.push(t);
    out.set(ns, list);
  }
  return out;
}

function finish(
  revision: string,
  bindings: Binding[],
  works: Work[],
  diagnostics: Diagnostic[],
  explanations: BindingExplanation[],
  clusters: string[],
): Plan {
  const sorted = diagnostics.sort(compareDiagnostics);
  const errors = sorted.filter((d) => d.severity === 'error');
  const warnings = sorted.filter((d) => d.severity === 'warning');
  if (errors.length) return { revision, bindings: [], works: [], errors, warnings, explanations: [], clusters: [] };
  return {
    revision,
    bindings: bindings.sort((a, b) => compareStrings(resourceKeyOfBinding(a), resourceKeyOfBinding(b))),
    works: works.sort(
      (a, b) =>
        compareStrings(a.metadata.namespace, b.metadata.namespace) || compareStrings(a.metadata.name, b.metadata.name),
    ),
    errors,
    warnings,
    explanations: explanations.sort((a, b) => compareStrings(a.key, b.key)),
    clusters: clusters.sort(compareStrings),
  };
}

function resourceKeyOfBinding(b: Binding): string {
  const r = b.spec.resource;
  return `${r.apiVersion}|${r.kind}|${r.namespace ?? ''}|${r.name}`;
}
