import assert from 'node:assert/strict';
import type { Taint, Toleration } from '../api/index.ts';
import type { EvictionVerdict, TaintedCluster } from './eviction.ts';
import { applyEvictions, decideEvictions, evictDecisions } from './eviction.ts';
import type { EvictionBinding } from './eviction-task.ts';
import { defaultEvictionSettings } from './eviction-task.ts';
import { describeDecision } from './decision.ts';

const at = (hms: string): string => `2026-01-01T${hms}Z`;
const notReady = (added: string): Taint => ({
  key: 'cluster.karmada.io/not-ready',
  effect: 'NoExecute',
  timeAdded: at(added),
});
const unreachable = (added: string): Taint => ({
  key: 'cluster.karmada.io/unreachable',
  effect: 'NoExecute',
  timeAdded: at(added),
});
const noSchedule: Taint = { key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule', timeAdded: at('10:00:00') };
const tol = (key: string, seconds?: number): Toleration => ({
  key,
  operator: 'Exists',
  effect: 'NoExecute',
  ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
});

function binding(
  key: string,
  opts: {
    tolerations?: Toleration[];
    purgeMode?: 'Directly' | 'Gracefully' | 'Never' | 'Immediately';
    clusters?: [string, number][];
  } = {},
): EvictionBinding {
  return {
    key,
    placement: { clusterTolerations: opts.tolerations ?? [] },
    ...(opts.purgeMode ? { failover: { cluster: { purgeMode: opts.purgeMode } } } : {}),
    clusters: (
      opts.clusters ?? [
        ['member1', 2],
        ['member2', 1],
      ]
    ).map(([name, replicas]) => ({ name, replicas })),
  };
}
const cluster = (name: string, ...taints: Taint[]): TaintedCluster => ({ name, taints });

/** A compact form of a verdict: kind, pair and the reason (taint or deadline). */
function brief(v: EvictionVerdict): string {
  switch (v.kind) {
    case 'evict':
      return `evict ${v.binding}@${v.cluster} ${v.cause.kind} ${v.cause.kind === 'application-unhealthy' ? v.cause.since : v.cause.taint.key.replace('cluster.karmada.io/', '')}${v.cause.kind === 'expired' ? ` ${v.cause.deadline.slice(11, 19)}` : ''} ${v.task.purgeMode}`;
    case 'tolerate':
      return `tolerate ${v.binding}@${v.cluster} until ${v.until.slice(11, 19)}`;
    case 'tolerate-forever':
      return `tolerate-forever ${v.binding}@${v.cluster}`;
  }
}

const cases: readonly {
  name: string;
  bindings: EvictionBinding[];
  clusters: TaintedCluster[];
  now: string;
  want: string[];
}[] = [
  {
    name: 'no NoExecute taint: no verdict',
    bindings: [binding('default/web')],
    clusters: [cluster('member1', noSchedule)],
    now: at('10:00:00'),
    want: [],
  },
  {
    name: 'untolerated NoExecute taint: evict at once (Gracefully by default)',
    bindings: [binding('default/web')],
    clusters: [cluster('member1', notReady('10:00:00'))],
    now: at('10:00:00'),
    want: ['evict default/web@member1 untolerated not-ready Gracefully'],
  },
  {
    name: 'a toleration with seconds: tolerate until timeAdded + seconds, then evict (timeline)',
    bindings: [binding('default/web', { tolerations: [tol('cluster.karmada.io/not-ready', 300)] })],
    clusters: [cluster('member1', notReady('10:00:00'))],
    now: at('10:04:59'),
    want: ['tolerate default/web@member1 until 10:05:00'],
  },
  {
    name: 'the deadline itself evicts',
    bindings: [binding('default/web', { tolerations: [tol('cluster.karmada.io/not-ready', 300)] })],
    clusters: [cluster('member1', notReady('10:00:00'))],
    now: at('10:05:00'),
    want: ['evict default/web@member1 expired not-ready 10:05:00 Gracefully'],
  },
  {
    name: 'a toleration without seconds tolerates forever',
    bindings: [binding('default/web', { tolerations: [tol('cluster.karmada.io/not-ready')] })],
    clusters: [cluster('member1', notReady('10:00:00'))],
    now: at('23:00:00'),
    want: ['tolerate-forever default/web@member1'],
  },
  {
    name: 'two taints: one untolerated evicts even though the other is tolerated',
    bindings: [binding('default/web', { tolerations: [tol('cluster.karmada.io/not-ready')] })],
    clusters: [cluster('member1', notReady('10:00:00'), unreachable('10:01:00'))],
    now: at('10:01:00'),
    want: ['evict default/web@member1 untolerated unreachable Gracefully'],
  },
  {
    name: 'two tolerated taints: the earliest deadline wins',
    bindings: [
      binding('default/web', {
        tolerations: [tol('cluster.karmada.io/not-ready', 600), tol('cluster.karmada.io/unreachable', 60)],
      }),
    ],
    clusters: [cluster('member1', notReady('10:00:00'), unreachable('10:02:00'))],
    now: at('10:02:30'),
    want: ['tolerate default/web@member1 until 10:03:00'],
  },
  {
    name: 'an empty-key Exists toleration with seconds tolerates every NoExecute taint for that long',
    bindings: [binding('default/web', { tolerations: [{ operator: 'Exists', tolerationSeconds: 120 }] })],
    clusters: [cluster('member1', notReady('10:00:00'), unreachable('10:01:00'))],
    now: at('10:01:30'),
    want: ['tolerate default/web@member1 until 10:02:00'],
  },
  {
    name: 'purge modes come from failover.cluster, old spellings mapped',
    bindings: [
      binding('a/directly', { purgeMode: 'Immediately' }),
      binding('b/never', { purgeMode: 'Never' }),
      binding('c/gracefully', { purgeMode: 'Gracefully' }),
    ],
    clusters: [cluster('member2', unreachable('10:00:00'))],
    now: at('10:00:00'),
    want: [
      'evict a/directly@member2 untolerated unreachable Directly',
      'evict b/never@member2 untolerated unreachable Never',
      'evict c/gracefully@member2 untolerated unreachable Gracefully',
    ],
  },
  {
    name: 'only clusters in the schedule are considered; output sorted by binding then cluster',
    bindings: [
      binding('z/last', {
        clusters: [
          ['member2', 1],
          ['member1', 1],
        ],
      }),
      binding('a/first', { clusters: [['member3', 4]] }),
    ],
    clusters: [
      cluster('member1', notReady('10:00:00')),
      cluster('member2', notReady('10:00:00')),
      cluster('member4', notReady('10:00:00')),
    ],
    now: at('10:00:00'),
    want: [
      'evict z/last@member1 untolerated not-ready Gracefully',
      'evict z/last@member2 untolerated not-ready Gracefully',
    ],
  },
];

describe('status: eviction decisions (taint manager)', () => {
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(decideEvictions(c.bindings, c.clusters, c.now, defaultEvictionSettings).map(brief), c.want),
    );

  it('--enable-no-execute-taint-eviction=false: no verdicts at all', () => {
    const vs = decideEvictions([binding('default/web')], [cluster('member1', notReady('10:00:00'))], at('10:00:00'), {
      ...defaultEvictionSettings,
      enableNoExecuteTaintEviction: false,
    });
    assert.deepEqual(vs, []);
  });

  it('a NoExecute taint without timeAdded starts no clock: tolerated forever by a timed toleration', () => {
    const vs = decideEvictions(
      [binding('default/web', { tolerations: [tol('cluster.karmada.io/not-ready', 60)] })],
      [cluster('member1', { key: 'cluster.karmada.io/not-ready', effect: 'NoExecute' })],
      at('23:00:00'),
      defaultEvictionSettings,
    );
    assert.deepEqual(vs.map(brief), ['tolerate-forever default/web@member1']);
  });

  it('builds the GracefulEvictionTask in Karmada shape', () => {
    const [v] = decideEvictions(
      [binding('default/web')],
      [cluster('member1', notReady('10:00:00'))],
      at('10:00:07'),
      defaultEvictionSettings,
    );
    assert.equal(v?.kind, 'evict');
    assert.deepEqual(v?.kind === 'evict' ? v.task : null, {
      fromCluster: 'member1',
      purgeMode: 'Gracefully',
      replicas: 2,
      reason: 'TaintUntolerated',
      message:
        'cluster member1 has taint cluster.karmada.io/not-ready:NoExecute (added 2026-01-01T10:00:00Z), which the placement does not tolerate',
      producer: 'TaintManager',
      gracePeriodSeconds: 600,
      creationTimestamp: at('10:00:07'),
    });
  });

  it('Never suppresses deletion; zero replicas are omitted as in Karmada', () => {
    const [v] = decideEvictions(
      [binding('default/web', { purgeMode: 'Never', clusters: [['member1', 0]] })],
      [cluster('member1', notReady('10:00:00'))],
      at('10:00:00'),
      defaultEvictionSettings,
    );
    assert.ok(v?.kind === 'evict');
    assert.equal(v.task.suppressDeletion, true);
    assert.equal(v.task.replicas, undefined);
    assert.equal(v.task.gracePeriodSeconds, undefined);
  });

  it('applyEvictions removes the cluster and appends one task per cluster', () => {
    const b = {
      ...binding('default/web'),
      gracefulEvictionTasks: [
        {
          fromCluster: 'member2',
          reason: 'TaintUntolerated',
          producer: 'TaintManager',
          creationTimestamp: at('09:00:00'),
        },
      ],
    };
    const vs = decideEvictions(
      [b],
      [cluster('member1', notReady('10:00:00')), cluster('member2', notReady('10:00:00'))],
      at('10:00:00'),
      defaultEvictionSettings,
    );
    const after = applyEvictions(b, vs);
    assert.deepEqual(after.clusters, []);
    assert.deepEqual(
      after.gracefulEvictionTasks?.map((t) => `${t.fromCluster}@${t.creationTimestamp}`),
      [`member2@${at('09:00:00')}`, `member1@${at('10:00:00')}`],
    );
  });

  it('evictDecisions groups by cluster, with since = the earliest evicting taint and the bindings named', () => {
    const vs = decideEvictions(
      [binding('b/api'), binding('a/web')],
      [cluster('member1', notReady('10:00:00'), unreachable('09:59:00'))],
      at('10:00:00'),
      defaultEvictionSettings,
    );
    const ds = evictDecisions(vs);
    assert.deepEqual(
      ds.map((d) => [d.cluster, d.since, d.bindings.map((b) => b.binding)]),
      [['member1', at('10:00:00'), ['a/web', 'b/api']]],
    );
    const text = describeDecision(ds[0]!);
    assert.equal(text.trailer, 'evict');
    assert.equal(text.subject, `flotilla: evict 2 bindings from member1 (tainted since ${at('10:00:00')})`);
  });
});
