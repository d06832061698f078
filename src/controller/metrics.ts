/**
 * The controller's Prometheus metrics (prom-client), on a registry of its own so that two
 * controllers in one process (tests) never share counters. Names follow Prometheus conventions:
 * `flotilla_` prefix, `_seconds` and `_total` suffixes.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PassOutcome } from './fleet-pass.ts';
import { rolloutGauges } from './rollout-metrics.ts';

/** The metrics one controller updates. */
export interface ControllerMetrics {
  readonly registry: Registry;
  /** Records one pass: its duration, plan size, apply results, cluster readiness and failover events. */
  observePass(outcome: PassOutcome, seconds: number): void;
  /** 1 while this process holds the Lease. */
  setLeader(leader: boolean): void;
}

/** Creates the registry and its metrics (process metrics included). */
export function createMetrics(): ControllerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'flotilla_' });
  const duration = new Histogram({
    name: 'flotilla_reconcile_duration_seconds',
    help: 'Duration of one controller pass (fetch, observe, failover, plan, apply, status).',
    labelNames: ['result'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const bindings = new Gauge({
    name: 'flotilla_plan_bindings',
    help: 'Bindings in the plan in force.',
    registers: [registry],
  });
  const works = new Gauge({ name: 'flotilla_plan_works', help: 'Works in the plan in force.', registers: [registry] });
  const applies = new Counter({
    name: 'flotilla_apply_results_total',
    help: 'Member cluster applies by cluster and result reason.',
    labelNames: ['cluster', 'reason'],
    registers: [registry],
  });
  const ready = new Gauge({
    name: 'flotilla_cluster_ready',
    help: '1 when the member cluster is Ready, 0 otherwise.',
    labelNames: ['cluster'],
    registers: [registry],
  });
  const failovers = new Counter({
    name: 'flotilla_failover_events_total',
    help: 'Failover decisions by kind (failover, recover, evict, purge).',
    labelNames: ['kind'],
    registers: [registry],
  });
  const pushRetries = new Counter({
    name: 'flotilla_git_push_retries_total',
    help: 'Status-branch pushes that had to be retried on a moved tip.',
    registers: [registry],
  });
  const invalid = new Gauge({
    name: 'flotilla_revision_valid',
    help: '1 when the head revision of the source branch is valid.',
    registers: [registry],
  });
  const concurrent = new Counter({
    name: 'flotilla_status_concurrent_writer_passes_total',
    help: 'Passes that found another flotilla writing decisions to the status branch (a second active writer).',
    registers: [registry],
  });
  const concurrentNow = new Gauge({
    name: 'flotilla_status_concurrent_writer',
    help: '1 when the last pass found another flotilla writing the status branch.',
    registers: [registry],
  });
  const removed = new Gauge({
    name: 'flotilla_cluster_removed',
    help: '1 for each cluster removed from the fleet repo whose objects flotilla keeps (until its status file is deleted).',
    labelNames: ['cluster'],
    registers: [registry],
  });
  const gitUp = new Gauge({
    name: 'flotilla_git_remote_reachable',
    help: '1 when the git remote answered the last pass; 0 while passes run on the cached revision and keep their commits locally.',
    registers: [registry],
  });
  const rollout = rolloutGauges(registry);
  const leader = new Gauge({
    name: 'flotilla_leader',
    help: '1 while this process holds the leader Lease.',
    registers: [registry],
  });
  return {
    registry,
    observePass(o, seconds) {
      duration.observe({ result: o.kind }, seconds);
      if (o.kind !== 'passed') return;
      bindings.set(o.bindings);
      works.set(o.works);
      invalid.set(o.valid ? 1 : 0);
      for (const c of o.applied?.clusters ?? []) applies.inc({ cluster: c.cluster, reason: c.reason });
      for (const r of o.readiness) ready.set({ cluster: r.cluster }, r.ready ? 1 : 0);
      for (const d of o.decisions) failovers.inc({ kind: d.kind });
      if (o.status.kind === 'committed' && o.status.attempts > 1) pushRetries.inc(o.status.attempts - 1);
      if (o.concurrent) concurrent.inc();
      if (o.gitReachable !== undefined) gitUp.set(o.gitReachable ? 1 : 0);
      removed.reset();
      for (const c of o.removed ?? []) removed.set({ cluster: c }, 1);
      concurrentNow.set(o.concurrent ? 1 : 0);
      if (o.rollouts) rollout.set(o.rollouts);
    },
    setLeader(isLeader) {
      leader.set(isLeader ? 1 : 0);
    },
  };
}
