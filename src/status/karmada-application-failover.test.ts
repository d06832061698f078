/**
 * Karmada's application-failover test cases (common_test.go and the rb_/crb_ controller tests:
 * unhealthy timers, which clusters are evicted, the task each eviction records), case by case, against flotilla's trackUnhealthy and
 * decideApplicationEvictions (application-failover.ts) and withPreservedState /
 * buildPreservedLabelState (state-preservation.ts). Each case cites
 * `<Go file> :: <Test function> :: <case name>`.
 *
 * Karmada's workloadUnhealthyMap lives in controller memory; flotilla keeps the same time as
 * `unhealthySince` on the binding's status (docs/karmada-differences.md), so the map's cases
 * become trackUnhealthy over the recorded and observed statuses. detectFailure's cases use the
 * tolerance against a clock: "now" and "two seconds later" replace Karmada's sleep.
 *
 * Skipped as Go plumbing: Reconcile ("failed in bindingFilter", "failed in c.Client.Get"),
 * updateBinding (fake client update), bindingFilter's "error occurs in ConstructClusterWideKey",
 * and the requeue durations detectFailure and syncBinding return (flotilla's controller looks
 * again every health interval).
 */
import assert from 'node:assert/strict';
import type { ApplicationFailoverBehavior, FailoverBehavior, GracefulEvictionTask } from '../api/index.ts';
import type { ApplicationBinding } from './application-failover.ts';
import { applicationFailoverProducers, decideApplicationEvictions, trackUnhealthy } from './application-failover.ts';
import type { ClusterWorkloadStatus } from './purge.ts';
import { buildPreservedLabelState, withPreservedState } from './state-preservation.ts';
import { addSeconds } from './time.ts';

const CM = 'pkg/controllers/applicationfailover/common_test.go';
const RB = 'pkg/controllers/applicationfailover/rb_application_failover_controller_test.go';
const CRB = 'pkg/controllers/applicationfailover/crb_application_failover_controller_test.go';

const now = '2026-01-01T12:00:00Z';
const ago = (s: number): string => addSeconds(now, -s);
const app = (a: Partial<ApplicationFailoverBehavior> = {}): FailoverBehavior => ({
  application: { decisionConditions: { tolerationSeconds: 1 }, purgeMode: 'Gracefully', gracePeriodSeconds: 600, ...a },
});
const st = (cluster: string, health: ClusterWorkloadStatus['health'], since?: string): ClusterWorkloadStatus => ({
  cluster,
  health,
  ...(since !== undefined ? { unhealthySince: since } : {}),
});
const binding = (clusters: string[], statuses: ClusterWorkloadStatus[], over: Partial<ApplicationBinding> = {}) => ({
  key: 'default/test',
  clusters: clusters.map((name) => ({ name, replicas: 1 })),
  failover: app(),
  propagateDeps: true,
  statuses,
  ...over,
});
const evicted = (b: ApplicationBinding, at = now): string[] =>
  decideApplicationEvictions([b], at).map((v) => v.cluster);

describe('Karmada application failover: the unhealthy timestamps (workloadUnhealthyMap)', () => {
  it(`${CM} :: TestTimeStampProcess :: a timestamp is set when the workload turns unhealthy`, () => {
    const got = trackUnhealthy([st('cluster-1', 'Unhealthy')], [], now);
    assert.deepEqual(got, [st('cluster-1', 'Unhealthy', now)]);
  });
  it(`${CM} :: TestWorkloadUnhealthyMap_deleteIrrelevantClusters :: normal case`, () => {
    // cluster-1 left the binding, cluster-3 is healthy again, cluster-2 is still unhealthy.
    const recorded = ['cluster-1', 'cluster-2', 'cluster-3'].map((c) => st(c, 'Unhealthy', ago(30)));
    const got = trackUnhealthy([st('cluster-2', 'Unhealthy'), st('cluster-3', 'Healthy')], recorded, now);
    assert.deepEqual(
      got.filter((s) => s.unhealthySince !== undefined).map((s) => [s.cluster, s.unhealthySince]),
      [['cluster-2', ago(30)]],
    );
  });
  it(`${CM} :: TestWorkloadUnhealthyMap_deleteIrrelevantClusters :: unhealthyClusters is nil`, () => {
    const got = trackUnhealthy([st('cluster-3', 'Healthy')], [], now);
    assert.equal(
      got.some((s) => s.cluster === 'cluster-2'),
      false,
    );
  });
});

describe('Karmada application failover: distinguishUnhealthyClustersWithOthers (who is evicted)', () => {
  const cases: { name: string; statuses: ClusterWorkloadStatus[]; tasks?: GracefulEvictionTask[]; want: string[] }[] = [
    {
      name: 'all applications are healthy',
      statuses: [st('member1', 'Healthy'), st('member2', 'Healthy')],
      want: [],
    },
    {
      name: 'all applications are unknown',
      statuses: [st('member1', 'Unknown'), st('member2', 'Unknown')],
      want: [],
    },
    {
      name: 'one application is unhealthy and not in gracefulEvictionTasks',
      statuses: [st('member1', 'Healthy'), st('member2', 'Unhealthy', ago(3600))],
      want: ['member2'],
    },
    {
      name: 'one application is unhealthy and in gracefulEvictionTasks',
      statuses: [st('member1', 'Healthy'), st('member2', 'Unhealthy', ago(3600))],
      tasks: [
        { fromCluster: 'member2', reason: 'ApplicationFailure', producer: applicationFailoverProducers.namespaced },
      ],
      want: [],
    },
  ];
  for (const c of cases) {
    it(`${CM} :: TestDistinguishUnhealthyClustersWithOthers :: ${c.name}`, () => {
      const b = binding(['member1', 'member2'], c.statuses, c.tasks ? { gracefulEvictionTasks: c.tasks } : {});
      assert.deepEqual(evicted(b), c.want);
    });
  }
});

// The ClusterResourceBinding controller's tests (crb_application_failover_controller_test.go) repeat
// the ResourceBinding ones case for case; both run here.
for (const [file, kind, namespaced] of [
  [RB, 'RB', true],
  [CRB, 'CRB', false],
] as const) {
  describe(`Karmada application failover (${kind}): detectFailure and syncBinding`, () => {
    // tolerationSeconds as in each case; the clock of the pass is `now`.
    const pass = (tolerationSeconds: number, observed: ClusterWorkloadStatus[], recorded: ClusterWorkloadStatus[]) => {
      const statuses = trackUnhealthy(observed, recorded, now);
      const b = binding(['cluster1', 'cluster2'], statuses, {
        failover: app({ decisionConditions: { tolerationSeconds } }),
        namespaced,
      });
      return evicted(b);
    };
    const both = [st('cluster1', 'Unhealthy'), st('cluster2', 'Unhealthy')];
    it(`${file} :: Test${kind}ApplicationFailoverController_detectFailure :: hasWorkloadBeenUnhealthy return false`, () =>
      assert.deepEqual(pass(1, both, []), []));
    it(`${file} :: Test${kind}ApplicationFailoverController_detectFailure :: more than the tolerance time`, () =>
      assert.deepEqual(pass(1, both, [st('cluster1', 'Unhealthy', ago(2))]), ['cluster1']));
    it(`${file} :: Test${kind}ApplicationFailoverController_detectFailure :: less than the tolerance time`, () =>
      assert.deepEqual(pass(100, both, [st('cluster1', 'Unhealthy', now)]), []));
    it(`${file} :: Test${kind}ApplicationFailoverController_detectFailure :: final duration is 0`, () =>
      assert.deepEqual(pass(100, [], []), []));
    it(`${file} :: Test${kind}ApplicationFailoverController_syncBinding :: a workload first seen unhealthy is not evicted`, () => {
      const statuses = trackUnhealthy([st('member1', 'Healthy'), st('member2', 'Unhealthy')], [], now);
      const b = binding(['member1', 'member2'], statuses, {
        failover: app({ decisionConditions: { tolerationSeconds: 5 } }),
        namespaced,
      });
      assert.deepEqual(evicted(b), []);
      assert.deepEqual(statuses[1], st('member2', 'Unhealthy', now));
    });
  });

  describe(`Karmada application failover (${kind}): evictBinding and bindingFilter`, () => {
    for (const purgeMode of ['Gracefully', 'Never', 'Directly'] as const) {
      it(`${file} :: Test${kind}ApplicationFailoverController_evictBinding :: PurgeMode is ${purgeMode} (a binding without those clusters is left alone)`, () => {
        const b = binding([], [st('member1', 'Unhealthy', ago(3600)), st('member2', 'Unhealthy', ago(3600))], {
          failover: app({ purgeMode }),
          namespaced,
        });
        assert.deepEqual(evicted(b), []);
      });
    }
    const unhealthyLongAgo = [st('memberA', 'Unhealthy', ago(3600))];
    it(`${file} :: Test${kind}ApplicationFailoverController_clusterResourceBindingFilter :: crb.Spec.Failover and crb.Spec.Failover.Application is nil`, () =>
      assert.deepEqual(evicted(binding(['memberA'], unhealthyLongAgo, { failover: {}, namespaced })), []));
    it(`${file} :: Test${kind}ApplicationFailoverController_clusterResourceBindingFilter :: crb.Status.AggregatedStatus is 0`, () =>
      assert.deepEqual(evicted(binding(['memberA'], [], { namespaced })), []));
  });
}

describe('Karmada application failover: buildTaskOptions', () => {
  const rules = [
    { aliasLabelName: 'key-a', jsonPath: '{ .replicas }' },
    { aliasLabelName: 'key-b', jsonPath: '{ .health }' },
  ];
  const c1 = { replicas: 2, health: true };
  const c2 = { replicas: 3, health: false };
  /** The task application failover records for c1, each copy's state read from its collected status. */
  function taskFor(a: ApplicationFailoverBehavior, statuses: Record<string, unknown>, namespaced: boolean) {
    const observed: ClusterWorkloadStatus[] = Object.entries(statuses).map(([cluster, status]) => {
      const state = a.statePreservation ? buildPreservedLabelState(a.statePreservation.rules, status) : undefined;
      return { ...st(cluster, 'Unhealthy', ago(3600)), ...(state ? { preservedLabelState: state } : {}) };
    });
    // c0 is where the workload ran before (Karmada's clustersBeforeFailover is the binding's clusters).
    const b = binding(['c0', 'c1'], observed, { failover: { application: a }, namespaced });
    const verdicts = withPreservedState(
      decideApplicationEvictions([b], now).filter((v) => v.cluster === 'c1'),
      [b],
    );
    const v = verdicts[0];
    assert.ok(v && v.kind === 'evict');
    const fields = [
      'purgeMode',
      'producer',
      'reason',
      'gracePeriodSeconds',
      'suppressDeletion',
      'preservedLabelState',
      'clustersBeforeFailover',
    ] as const;
    return Object.fromEntries(fields.flatMap((f) => (v.task[f] !== undefined ? [[f, v.task[f]]] : [])));
  }
  const behavior = (a: Partial<ApplicationFailoverBehavior>): ApplicationFailoverBehavior => ({
    decisionConditions: { tolerationSeconds: 100 },
    ...a,
  });
  const state = { 'key-a': '2', 'key-b': 'true' };
  const rbProducer = applicationFailoverProducers.namespaced;
  const crbProducer = applicationFailoverProducers.clusterScoped;
  const withState = { preservedLabelState: state, clustersBeforeFailover: ['c0', 'c1'] };
  const gracefulRb = {
    purgeMode: 'Gracefully',
    producer: rbProducer,
    reason: 'ApplicationFailure',
    gracePeriodSeconds: 120,
  };
  const cases: {
    name: string;
    a: ApplicationFailoverBehavior;
    statuses: Record<string, unknown>;
    namespaced: boolean;
    want: Record<string, unknown>;
  }[] = [
    {
      name: 'Gracefully purgeMode with ResourceBinding',
      a: behavior({ purgeMode: 'Gracefully', gracePeriodSeconds: 120, statePreservation: { rules } }),
      statuses: { c1, c2 },
      namespaced: true,
      want: { ...gracefulRb, ...withState },
    },
    {
      name: 'Never purgeMode with ClusterResourceBinding',
      a: behavior({ purgeMode: 'Never', statePreservation: { rules } }),
      statuses: { c1, c2 },
      namespaced: false,
      want: {
        purgeMode: 'Never',
        producer: crbProducer,
        reason: 'ApplicationFailure',
        suppressDeletion: true,
        ...withState,
      },
    },
    {
      name: 'Directly purgeMode with ClusterResourceBinding',
      a: behavior({ purgeMode: 'Directly', statePreservation: { rules } }),
      statuses: { c1, c2 },
      namespaced: false,
      want: {
        purgeMode: 'Directly',
        producer: crbProducer,
        reason: 'ApplicationFailure',
        ...withState,
      },
    },
    {
      name: 'Gracefully purgeMode with ResourceBinding, StatePreservation is nil',
      a: behavior({ purgeMode: 'Gracefully', gracePeriodSeconds: 120 }),
      statuses: { c1, c2 },
      namespaced: true,
      want: gracefulRb,
    },
    {
      name: 'Gracefully purgeMode with ResourceBinding, StatePreservation.Rules is nil',
      a: behavior({ purgeMode: 'Gracefully', gracePeriodSeconds: 120, statePreservation: { rules: [] } }),
      statuses: { c1, c2 },
      namespaced: true,
      want: gracefulRb,
    },
    {
      // flotilla differs (docs/karmada-differences.md, "Stateful failover"): Karmada returns an
      // error and does not evict; flotilla evicts, and the task carries no state.
      name: 'Gracefully purgeMode with ResourceBinding, target cluster status in not collected',
      a: behavior({ purgeMode: 'Gracefully', gracePeriodSeconds: 120, statePreservation: { rules } }),
      statuses: { c1: undefined, c2 },
      namespaced: true,
      want: gracefulRb,
    },
  ];
  for (const c of cases) {
    it(`${CM} :: Test_buildTaskOptions :: ${c.name}`, () =>
      assert.deepEqual(taskFor(c.a, c.statuses, c.namespaced), c.want));
  }
  it(`${CM} :: Test_getClusterNamesFromTargetClusters :: normal case (clustersBeforeFailover lists the binding's clusters)`, () =>
    assert.deepEqual(
      taskFor(behavior({ purgeMode: 'Directly', statePreservation: { rules } }), { c1 }, true)[
        'clustersBeforeFailover'
      ],
      ['c0', 'c1'],
    ));
});
