/**
 * Karmada's taint-manager and toleration-helper test cases, case by case, against flotilla's
 * decideEvictions (eviction.ts) and clusterPurgeMode (eviction-task.ts). Each case cites
 * `<Go file> :: <Test function> :: <case name>`.
 *
 * Karmada's needEviction answers (needEviction, tolerationTime); flotilla's verdicts say the same:
 * evict = (true, 0), tolerate until T = (false, T - now), tolerate-forever or no verdict =
 * (false, -1). enqueueBinding's "immediate" / "delayed" / "skip" map onto evict / tolerate /
 * tolerate-forever or none.
 *
 * Skipped as Go plumbing: Reconcile and the "not exist" binding cases (fake client lookups),
 * needEviction's placement-annotation parse errors (flotilla's binding carries a typed placement;
 * the fail-safe "no placement → immediate" is ported from Test_enqueueBinding),
 * eviction_worker_test.go (work queue and rate limiter), and taint_test.go's TaintExists,
 * TolerationExists, AddTolerations and GenerateTaintsMessage (list helpers and event text with
 * no flotilla counterpart; taints match by key and effect in cluster-health.ts, ported in
 * karmada-cluster-controller.test.ts).
 */
import assert from 'node:assert/strict';
import type { FailoverBehavior, Taint, Toleration } from '../api/index.ts';
import { tolerates } from '../scheduler/filters/index.ts';
import type { EvictionVerdict, TaintedCluster } from './eviction.ts';
import { applyEvictions, decideEvictions } from './eviction.ts';
import type { EvictionBinding, EvictionSettings } from './eviction-task.ts';
import { clusterPurgeMode, defaultEvictionSettings } from './eviction-task.ts';
import { addSeconds, instant } from './time.ts';

const TM = 'pkg/controllers/cluster/taint_manager_test.go';
const TH = 'pkg/util/helper/taint_test.go';

// The fixed clock of Karmada's needEviction and GetMinTolerationTime tests.
const fixed = '2025-09-23T12:00:00Z';
const ago = (s: number): string => addSeconds(fixed, -s);
const taint = (key: string, effect: Taint['effect'], timeAdded?: string, value?: string): Taint => ({
  key,
  ...(value !== undefined ? { value } : {}),
  effect,
  ...(timeAdded !== undefined ? { timeAdded } : {}),
});
const exists = (key: string, seconds?: number): Toleration => ({
  key,
  operator: 'Exists',
  effect: 'NoExecute',
  ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
});
const binding = (tolerations: Toleration[] | undefined, cluster = 'test-cluster', replicas = 1): EvictionBinding => ({
  key: 'default/test-rb',
  ...(tolerations !== undefined ? { placement: { clusterTolerations: tolerations } } : {}),
  clusters: [{ name: cluster, replicas }],
});

/** Karmada's (needEviction, tolerationTime in seconds) for the one verdict (or none) of a binding. */
function needEviction(verdicts: readonly EvictionVerdict[], now: string): [boolean, number] {
  const v = verdicts[0];
  if (v === undefined || v.kind === 'tolerate-forever') return [false, -1];
  if (v.kind === 'evict') return [true, 0];
  return [false, (instant(v.until) - instant(now)) / 1000];
}

describe('Karmada taint manager: needEvictionWithCurrentTime', () => {
  const cases: {
    name: string;
    tolerations: Toleration[];
    clusters: TaintedCluster[];
    settings?: Partial<EvictionSettings>;
    want: [boolean, number];
  }[] = [
    {
      name: 'cluster not found',
      tolerations: [],
      clusters: [],
      want: [false, -1],
    },
    {
      name: 'no execute taint eviction disabled',
      tolerations: [],
      clusters: [{ name: 'test-cluster', taints: [taint('test-key', 'NoExecute')] }],
      settings: { enableNoExecuteTaintEviction: false },
      want: [false, -1],
    },
    {
      name: 'cluster has no NoExecute taints',
      tolerations: [],
      clusters: [{ name: 'test-cluster', taints: [taint('test-key', 'NoSchedule')] }],
      want: [false, -1],
    },
    {
      name: 'taint not tolerated - immediate eviction',
      tolerations: [],
      clusters: [{ name: 'test-cluster', taints: [taint('test-key', 'NoExecute', ago(1))] }],
      want: [true, 0],
    },
    {
      name: 'taint tolerated with zero toleration seconds - immediate eviction',
      tolerations: [exists('test-key', 0)],
      clusters: [{ name: 'test-cluster', taints: [taint('test-key', 'NoExecute', ago(1))] }],
      want: [true, 0],
    },
    {
      name: 'taint tolerated with positive toleration seconds - wait for toleration time',
      tolerations: [exists('test-key', 60)],
      clusters: [{ name: 'test-cluster', taints: [taint('test-key', 'NoExecute', ago(1))] }],
      want: [false, 59],
    },
    {
      name: 'taint tolerated forever - no eviction',
      tolerations: [exists('test-key')],
      clusters: [{ name: 'test-cluster', taints: [taint('test-key', 'NoExecute', ago(1))] }],
      want: [false, -1],
    },
    {
      name: 'multiple taints with mixed tolerations',
      tolerations: [exists('tolerated-key', 30)],
      clusters: [
        {
          name: 'test-cluster',
          taints: [taint('tolerated-key', 'NoExecute', ago(-1)), taint('not-tolerated-key', 'NoExecute', ago(1))],
        },
      ],
      want: [true, 0],
    },
    {
      name: 'toleration time expired - immediate eviction',
      tolerations: [exists('test-key', 1)],
      clusters: [{ name: 'test-cluster', taints: [taint('test-key', 'NoExecute', ago(2))] }],
      want: [true, 0],
    },
  ];
  for (const c of cases) {
    it(`${TM} :: TestNoExecuteTaintManager_needEvictionWithCurrentTime :: ${c.name}`, () => {
      const s = { ...defaultEvictionSettings, ...c.settings };
      assert.deepEqual(needEviction(decideEvictions([binding(c.tolerations)], c.clusters, fixed, s), fixed), c.want);
    });
  }
});

describe('Karmada taint manager: enqueueBinding', () => {
  const action = (vs: readonly EvictionVerdict[]): string => {
    const [evict, seconds] = needEviction(vs, fixed);
    if (evict) return 'immediate';
    return seconds > 0 ? 'delayed' : 'skip';
  };
  const one = (...taints: Taint[]): TaintedCluster[] => [{ name: 'member1', taints }];
  const cases: { name: string; tolerations: Toleration[] | undefined; clusters: TaintedCluster[]; want: string }[] = [
    { name: 'no taints - skip', tolerations: undefined, clusters: one(), want: 'skip' },
    {
      name: 'no placement annotation (fail-safe: immediate)',
      tolerations: undefined,
      clusters: one(taint('test-key', 'NoExecute', ago(1))),
      want: 'immediate',
    },
    {
      name: 'no tolerations - immediate eviction',
      tolerations: [],
      clusters: one(taint('test-key', 'NoExecute', ago(1))),
      want: 'immediate',
    },
    {
      name: 'finite tolerationSeconds unexpired - delayed eviction',
      tolerations: [exists('test-key', 60)],
      clusters: one(taint('test-key', 'NoExecute', ago(1))),
      want: 'delayed',
    },
    {
      name: 'infinite toleration (no tolerationSeconds) - skip',
      tolerations: [exists('test-key')],
      clusters: one(taint('test-key', 'NoExecute', ago(1))),
      want: 'skip',
    },
    {
      name: 'multiple taints - one not tolerated - immediate',
      tolerations: [exists('tolerated-key')],
      clusters: one(taint('tolerated-key', 'NoExecute', ago(1)), taint('not-tolerated-key', 'NoExecute', ago(1))),
      want: 'immediate',
    },
    {
      name: 'multiple taints - all tolerated indefinitely - skip',
      tolerations: [exists('key1'), exists('key2')],
      clusters: one(taint('key1', 'NoExecute', ago(1)), taint('key2', 'NoExecute', ago(1))),
      want: 'skip',
    },
    {
      name: 'multiple taints - one tolerated with finite seconds - delayed',
      tolerations: [exists('key1'), exists('key2', 120)],
      clusters: one(taint('key1', 'NoExecute', ago(1)), taint('key2', 'NoExecute', ago(1))),
      want: 'delayed',
    },
  ];
  for (const c of cases) {
    it(`${TM} :: Test_enqueueBinding :: ${c.name}`, () =>
      assert.equal(
        action(decideEvictions([binding(c.tolerations, 'member1')], c.clusters, fixed, defaultEvictionSettings)),
        c.want,
      ));
  }

  it(`${TM} :: Test_syncCluster_enqueuesBindingsCorrectly :: each binding on a cluster with a maintenance NoExecute taint`, () => {
    const maintenance = 'cluster.karmada.io/maintenance';
    const bindings: EvictionBinding[] = [
      { ...binding([exists(maintenance)]), key: 'default/infinite-rb' },
      { ...binding([exists(maintenance, 142)]), key: 'default/finite-rb' },
      { ...binding([]), key: 'default/no-toleration-rb' },
      { ...binding([]), key: 'no-toleration-crb' },
    ];
    const verdicts = decideEvictions(
      bindings,
      [{ name: 'test-cluster', taints: [taint(maintenance, 'NoExecute', ago(1))] }],
      fixed,
      defaultEvictionSettings,
    );
    const got = Object.fromEntries(verdicts.map((v) => [v.binding, action([v])]));
    assert.deepEqual(got, {
      'default/infinite-rb': 'skip',
      'default/finite-rb': 'delayed',
      'default/no-toleration-rb': 'immediate',
      'no-toleration-crb': 'immediate',
    });
  });
});

describe('Karmada taint manager: syncBindingEviction / syncClusterBindingEviction', () => {
  const notReady = taint('cluster.karmada.io/not-ready', 'NoExecute');
  const cluster: TaintedCluster[] = [{ name: 'test-cluster', taints: [notReady] }];
  for (const [fn, kind] of [
    ['TestNoExecuteTaintManager_syncBindingEviction', 'rb'],
    ['TestNoExecuteTaintManager_syncClusterBindingEviction', 'crb'],
  ] as const) {
    it(`${TM} :: ${fn} :: ${kind} without tolerations`, () => {
      const b = binding([exists('cluster.karmada.io/unreachable', 30)]);
      const verdicts = decideEvictions([b], cluster, fixed, defaultEvictionSettings);
      const after = applyEvictions(b, verdicts);
      assert.deepEqual(after.clusters, []);
      const [task] = after.gracefulEvictionTasks ?? [];
      // Karmada's task fields; flotilla adds the effective grace period, a message and the time.
      assert.deepEqual(
        {
          fromCluster: task?.fromCluster,
          purgeMode: task?.purgeMode,
          replicas: task?.replicas,
          reason: task?.reason,
          producer: task?.producer,
        },
        {
          fromCluster: 'test-cluster',
          purgeMode: 'Gracefully',
          replicas: 1,
          reason: 'TaintUntolerated',
          producer: 'TaintManager',
        },
      );
    });
    it(`${TM} :: ${fn} :: ${kind} with tolerations`, () => {
      // The taint has no timeAdded: a tolerated taint without a start time is tolerated forever.
      const b = binding([exists('cluster.karmada.io/not-ready', 30), exists('cluster.karmada.io/unreachable', 30)]);
      const verdicts = decideEvictions([b], cluster, fixed, defaultEvictionSettings);
      assert.deepEqual(
        verdicts.map((v) => v.kind),
        ['tolerate-forever'],
      );
      assert.equal(applyEvictions(b, verdicts), b);
    });
  }
  it(`${TM} :: TestNoExecuteTaintManager_syncClusterBindingEviction :: cluster not exist`, () =>
    assert.deepEqual(decideEvictions([binding([])], [], fixed, defaultEvictionSettings), []));
});

describe('Karmada taint manager: getPurgeMode', () => {
  const cases: {
    name: string;
    global: EvictionSettings['defaultPurgeMode'] | undefined;
    failover: FailoverBehavior | undefined;
    want: string;
  }[] = [
    {
      name: 'failover spec is nil, global config is empty, should default to Gracefully',
      global: undefined,
      failover: undefined,
      want: 'Gracefully',
    },
    {
      name: 'failover spec is nil, global config is Directly',
      global: 'Directly',
      failover: undefined,
      want: 'Directly',
    },
    {
      name: 'failover spec is nil, global config is Gracefully',
      global: 'Gracefully',
      failover: undefined,
      want: 'Gracefully',
    },
    {
      name: 'failover spec is present, but cluster is nil, should fallback to global config',
      global: 'Directly',
      failover: {},
      want: 'Directly',
    },
    {
      name: 'failover spec is present, PurgeMode is empty, should be Gracefully',
      global: 'Directly',
      failover: { cluster: {} },
      want: 'Gracefully',
    },
    {
      name: 'failover spec is present, PurgeMode is Directly',
      global: 'Gracefully',
      failover: { cluster: { purgeMode: 'Directly' } },
      want: 'Directly',
    },
    {
      name: 'failover spec is present, PurgeMode is Gracefully',
      global: 'Directly',
      failover: { cluster: { purgeMode: 'Gracefully' } },
      want: 'Gracefully',
    },
  ];
  for (const c of cases) {
    it(`${TM} :: Test_getPurgeMode :: ${c.name}`, () => {
      const s =
        c.global === undefined ? defaultEvictionSettings : { ...defaultEvictionSettings, defaultPurgeMode: c.global };
      assert.equal(clusterPurgeMode(c.failover, s), c.want);
    });
  }
});

describe('Karmada taint helpers: GetMinTolerationTimeWithCurrentTime (through decideEvictions)', () => {
  const cases: { name: string; taints: Taint[]; tolerations: Toleration[]; want: number }[] = [
    { name: 'no noExecuteTaints', taints: [], tolerations: [exists('key', 60)], want: -1 },
    { name: 'no usedTolerations', taints: [taint('key', 'NoExecute', fixed, 'value')], tolerations: [], want: 0 },
    {
      name: 'with noExecuteTaints and usedTolerations',
      taints: [taint('key', 'NoExecute', fixed, 'value')],
      tolerations: [exists('key', 60)],
      want: 60,
    },
    {
      name: 'usedTolerantion.TolerationSeconds is nil',
      taints: [taint('key', 'NoExecute', fixed, 'value')],
      tolerations: [exists('key')],
      want: -1,
    },
    {
      name: 'noExecuteTaints.TimeAdded is nil',
      taints: [taint('key', 'NoExecute', undefined, 'value')],
      tolerations: [exists('key', 60)],
      want: -1,
    },
    {
      name: 'find the latest trigger time',
      taints: [taint('key1', 'NoExecute', fixed, 'value1'), taint('key2', 'NoExecute', fixed, 'value2')],
      tolerations: [exists('key1', 120), exists('key2', 60)],
      want: 60,
    },
    {
      name: 'trigger time is up',
      taints: [taint('key', 'NoExecute', ago(120), 'value')],
      tolerations: [exists('key', 60)],
      want: 0,
    },
  ];
  for (const c of cases) {
    it(`${TH} :: TestGetMinTolerationTimeWithCurrentTime :: ${c.name}`, () => {
      const vs = decideEvictions(
        [binding(c.tolerations)],
        [{ name: 'test-cluster', taints: c.taints }],
        fixed,
        defaultEvictionSettings,
      );
      const [evict, seconds] = needEviction(vs, fixed);
      assert.equal(evict ? 0 : seconds, c.want);
    });
  }
});

describe('Karmada taint helpers: HasNoExecuteTaints / GetNoExecuteTaints (only NoExecute taints are judged)', () => {
  const unreachable = 'cluster.karmada.io/unreachable';
  const notReady = 'cluster.karmada.io/not-ready';
  const cases: { name: string; fn: string; taints: Taint[]; want: string[] }[] = [
    {
      name: 'has NoExecute taints',
      fn: 'TestHasNoExecuteTaints',
      taints: [taint(unreachable, 'NoExecute', ago(1)), taint(notReady, 'NoSchedule', ago(1))],
      want: ['evict untolerated cluster.karmada.io/unreachable'],
    },
    {
      name: 'no NoExecute taints',
      fn: 'TestHasNoExecuteTaints',
      taints: [taint(unreachable, 'PreferNoSchedule', ago(1)), taint(notReady, 'NoSchedule', ago(1))],
      want: [],
    },
    {
      name: 'has NoExecute taints',
      fn: 'TestGetNoExecuteTaints',
      taints: [taint(unreachable, 'NoExecute', ago(1)), taint(notReady, 'NoSchedule', ago(1))],
      want: ['evict untolerated cluster.karmada.io/unreachable'],
    },
    {
      name: 'no NoExecute taints',
      fn: 'TestGetNoExecuteTaints',
      taints: [taint(unreachable, 'PreferNoSchedule', ago(1)), taint(notReady, 'NoSchedule', ago(1))],
      want: [],
    },
  ];
  for (const c of cases) {
    it(`${TH} :: ${c.fn} :: ${c.name}`, () => {
      const vs = decideEvictions(
        [binding([])],
        [{ name: 'test-cluster', taints: c.taints }],
        fixed,
        defaultEvictionSettings,
      );
      assert.deepEqual(
        vs.map((v) =>
          v.kind === 'evict' && v.cause.kind !== 'application-unhealthy'
            ? `evict ${v.cause.kind} ${v.cause.taint.key}`
            : v.kind,
        ),
        c.want,
      );
    });
  }
});

describe('Karmada taint helpers: GetMatchingTolerations (every taint needs a toleration)', () => {
  const ns = (key: string, value: string): Taint => taint(key, 'NoSchedule', undefined, value);
  const eq = (key: string, value: string): Toleration => ({ key, value, effect: 'NoSchedule' });
  const cases: { name: string; taints: Taint[]; tolerations: Toleration[]; want: boolean }[] = [
    { name: 'taints is nil', taints: [], tolerations: [eq('key1', 'value1')], want: true },
    { name: 'tolerations is nil', taints: [ns('key1', 'value1')], tolerations: [], want: false },
    {
      name: 'tolerated is true',
      taints: [ns('key1', 'value1'), ns('key2', 'value2')],
      tolerations: [eq('key1', 'value1'), eq('key2', 'value2')],
      want: true,
    },
    {
      name: 'tolerated is false',
      taints: [ns('key1', 'value1'), ns('key2', 'value2')],
      tolerations: [eq('key1', 'value_1'), eq('key2', 'value_2')],
      want: false,
    },
  ];
  for (const c of cases) {
    it(`${TH} :: TestGetMatchingTolerations :: ${c.name}`, () =>
      assert.equal(
        c.taints.every((t) => c.tolerations.some((tol) => tolerates(tol, t))),
        c.want,
      ));
  }
});

// Not a Go table case: pkg/util/helper/taint.go GetMinTolerationTimeWithCurrentTime adds
// tolerationSeconds to timeAdded as written, a negative value included, so a negative toleration
// of a taint stamped after `now` has already run out.
describe('Karmada taint helpers: a negative tolerationSeconds counts back from timeAdded', () => {
  it('pkg/util/helper/taint.go :: GetMinTolerationTimeWithCurrentTime :: timeAdded 1s ahead, tolerationSeconds -5: evict', () => {
    const vs = decideEvictions(
      [binding([exists('test-key', -5)])],
      [{ name: 'test-cluster', taints: [taint('test-key', 'NoExecute', ago(-1))] }],
      fixed,
      defaultEvictionSettings,
    );
    assert.deepEqual(needEviction(vs, fixed), [true, 0]);
  });
  it('pkg/util/helper/taint.go :: GetMinTolerationTimeWithCurrentTime :: timeAdded 10s ahead, tolerationSeconds -5: tolerate 5s', () => {
    const vs = decideEvictions(
      [binding([exists('test-key', -5)])],
      [{ name: 'test-cluster', taints: [taint('test-key', 'NoExecute', ago(-10))] }],
      fixed,
      defaultEvictionSettings,
    );
    assert.deepEqual(needEviction(vs, fixed), [false, 5]);
  });
});
