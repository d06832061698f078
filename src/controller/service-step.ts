/**
 * The controller pass's multi-cluster service step (Karmada's mcs and multiclusterservice
 * controllers as one step of the sweep, after apply): gather the providers' EndpointSlices,
 * decide every member's objects (src/mcs), write them, and hand back the status summaries.
 * Runs in the deciding process (shard 0): endpoints go from one member to another, and only the
 * decider reaches every member in one pass; worker shards neither collect nor dispatch.
 */
import { compareStrings, type Cluster, type Fleet } from '../api/index.ts';
import { mapLimit } from '../cluster/concurrency.ts';
import { dispatchServiceObjects } from '../cluster/service-dispatch.ts';
import { collectEndpointSlices, type ServiceAccess } from '../cluster/service-endpoints.ts';
import {
  exportedServices,
  memberObjects,
  providerViews,
  serviceSummaries,
  servicesRoot,
  summaryFiles,
  type ProviderRead,
} from '../mcs/index.ts';
import type { Plan } from '../plan/index.ts';
import type { ClusterHealthState } from '../status/index.ts';
import type { StatusFiles } from '../writeback/index.ts';
import type { ControllerContext, PassOutcome } from './fleet-pass.ts';
import type { PassState } from './fleet-pass-steps.ts';
import { memberReach } from './owned-members.ts';
import type { LogFields } from './reconcile.ts';
import { need } from './reconcile-steps.ts';
import { proceed, type Step } from './step-engine.ts';

/** What the step reads from the pass. */
export interface ServiceStepInput {
  readonly plan: Plan;
  readonly fleet: Fleet;
  /** The fleet's Clusters (with credentials references), any shard's. */
  readonly clusters: readonly Cluster[];
  /** Clusters this pass found reachable (its own observations, other shards' reports). */
  readonly reachable: ReadonlySet<string>;
  /** Each cluster's health after the failover pass (its controller taints say whether the grace is over). */
  readonly states: readonly ClusterHealthState[];
}

/**
 * The pass step, after the binding status is read and before the status branch is written:
 * members this pass found reachable, and other shards' members their reports say are.
 */
export const servicesPassStep: Step<ControllerContext, PassState, PassOutcome> = {
  name: 'services',
  failureReason: 'ServicesFailed',
  async run(ctx, state) {
    const inForce = need(state.inForce);
    const reachable = new Set([
      ...need(state.reachable),
      ...need(state.reports)
        .filter((r) => r.reachable)
        .map((r) => r.cluster),
    ]);
    state.services = await runServiceStep(
      {
        plan: need(state.inForcePlan),
        fleet: inForce.fleet,
        clusters: inForce.fleet.clusters.map((c) => c.object as Cluster),
        reachable,
        states: need(state.failover).clusters.map((r) => r.state),
      },
      { ...memberReach(ctx), concurrency: 8 },
      ctx.log,
    );
    return proceed;
  },
};

/** Runs the step; the summary files for the status branch. Never throws for a member's failure. */
export async function runServiceStep(
  input: ServiceStepInput,
  access: ServiceAccess,
  log: (f: LogFields) => void,
): Promise<Map<string, string>> {
  const { plan, fleet } = input;
  const services = exportedServices({
    works: plan.works,
    clusters: plan.clusters,
    templates: fleet.templates.map((t) => t.object),
    multiClusterServices: (fleet.multiClusterServices ?? []).map((m) => m.object),
  });
  const byName = new Map(input.clusters.map((c) => [c.metadata.name ?? '', c] as const));
  const namespaces = new Map<string, Set<string>>();
  for (const s of services)
    for (const p of s.providers) namespaces.set(p, (namespaces.get(p) ?? new Set()).add(s.namespace));
  const providers = [...namespaces.keys()].filter((p) => input.reachable.has(p) && byName.has(p));
  const collected = await collectEndpointSlices(
    providers.map((p) => ({
      cluster: byName.get(p) as Cluster,
      namespaces: [...(namespaces.get(p) ?? [])].toSorted(compareStrings),
    })),
    access,
  );
  const read = new Map<string, ProviderRead>();
  for (const [p, c] of collected) {
    if (c.kind === 'unreachable')
      log({ level: 'warn', msg: 'multi-cluster services: provider unreachable', cluster: p, reason: c.reason });
    read.set(p, c.kind === 'observed' ? c : { kind: 'unreachable' });
  }
  const views = providerViews(
    [...namespaces.keys()].toSorted(compareStrings),
    read,
    new Map(input.states.map((s) => [s.cluster, s.taints] as const)),
  );
  const wanted = new Map(memberObjects(services, views).map((m) => [m.cluster, m] as const));
  // Every reachable member, not only those that want objects: one that wanted some before may need pruning.
  const members = input.clusters.filter((c) => input.reachable.has(c.metadata.name ?? ''));
  const results = await mapLimit(members, access.concurrency, (c) =>
    dispatchServiceObjects(
      c,
      wanted.get(c.metadata.name ?? '') ?? { cluster: c.metadata.name ?? '', objects: [], held: [] },
      plan.revision,
      access,
    ),
  );
  for (const r of results) {
    const written = r.applied.filter((o) => o.outcome.action === 'created' || o.outcome.action === 'configured').length;
    const deleted = r.pruned.filter((o) => o.outcome.action === 'deleted').length;
    if (r.ok && written === 0 && deleted === 0 && r.message === undefined) continue;
    log({
      level: r.ok ? (r.message === undefined ? 'info' : 'warn') : 'error',
      msg: 'multi-cluster services dispatched',
      cluster: r.cluster,
      revision: plan.revision,
      objects: r.applied.length,
      written,
      pruned: deleted,
      ok: r.ok,
      ...(r.message ? { message: r.message } : {}),
    });
  }
  return summaryFiles(serviceSummaries(services, views));
}

/** The status files with the service summaries: the step owns `services/` (a summary whose service is gone is removed). */
export function withServiceSummaries(status: StatusFiles, summaries: ReadonlyMap<string, string>): StatusFiles {
  return {
    ...status,
    files: new Map([...status.files, ...summaries].toSorted(([a], [b]) => compareStrings(a, b))),
    owns: (p) => status.owns(p) || p.startsWith(`${servicesRoot}/`),
  };
}
