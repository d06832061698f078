import assert from 'node:assert/strict';
import type { GracefulEvictionTask, Taint } from '../api/index.ts';
import type { ClusterHealthState } from './cluster-health.ts';
import type { Decision } from './decision.ts';
import type { FailoverBinding } from './failover.ts';
import {
  keepRecordedClusterTimes,
  keepRecordedTaskTimes,
  keepRecordedUnhealthySince,
  unrecordedDecisions,
  type RecordedState,
} from './recorded-merge.ts';

const at = (hms: string): string => `2026-01-01T${hms}Z`;
const notReady = (timeAdded: string): Taint => ({
  key: 'cluster.karmada.io/not-ready',
  effect: 'NoExecute',
  timeAdded,
});
const state = (
  cluster: string,
  o: { since: string; taints: Taint[]; status?: 'True' | 'False' },
): ClusterHealthState => ({
  cluster,
  registeredAt: o.since,
  ready: { type: 'Ready', status: o.status ?? 'False', reason: 'ClusterNotReachable', lastTransitionTime: o.since },
  probedAt: at('00:10:00'),
  streak: { status: o.status ?? 'False', since: o.since },
  taints: o.taints,
});
const task = (fromCluster: string, creationTimestamp: string): GracefulEvictionTask => ({
  fromCluster,
  reason: 'TaintUntolerated',
  producer: 'TaintManager',
  creationTimestamp,
});
const binding = (key: string, tasks: GracefulEvictionTask[]): FailoverBinding => ({
  key,
  clusters: [{ name: 'member2', replicas: 2 }],
  scheduled: true,
  statuses: [],
  gracefulEvictionTasks: tasks,
});

describe('status: decisions idempotent against the recorded branch', () => {
  const clusterCases = [
    {
      name: 'a taint, transition and streak the branch records keep the recorded (earlier) times',
      ours: state('m1', { since: at('00:05:00'), taints: [notReady(at('00:05:00'))] }),
      recorded: state('m1', { since: at('00:04:00'), taints: [notReady(at('00:04:00'))] }),
      want: state('m1', { since: at('00:04:00'), taints: [notReady(at('00:04:00'))] }),
    },
    {
      name: 'a later recorded time still wins: recorded times never move',
      ours: state('m1', { since: at('00:03:00'), taints: [notReady(at('00:03:00'))] }),
      recorded: state('m1', { since: at('00:04:00'), taints: [notReady(at('00:04:00'))] }),
      want: state('m1', { since: at('00:04:00'), taints: [notReady(at('00:04:00'))] }),
    },
    {
      name: 'a Ready status that changed keeps our transition; a taint the branch lacks keeps our time',
      ours: state('m1', { since: at('00:05:00'), taints: [notReady(at('00:05:00'))] }),
      recorded: { ...state('m1', { since: at('00:01:00'), taints: [], status: 'True' }) },
      want: {
        ...state('m1', { since: at('00:05:00'), taints: [notReady(at('00:05:00'))] }),
        registeredAt: at('00:01:00'),
      },
    },
    {
      name: 'nothing recorded: ours as is',
      ours: state('m1', { since: at('00:05:00'), taints: [] }),
      recorded: undefined,
      want: state('m1', { since: at('00:05:00'), taints: [] }),
    },
  ];
  for (const c of clusterCases)
    it(`cluster times: ${c.name}`, () => assert.deepEqual(keepRecordedClusterTimes(c.ours, c.recorded), c.want));

  it('eviction tasks keep the recorded creationTimestamp of a task from the same cluster', () => {
    assert.deepEqual(
      keepRecordedTaskTimes([task('m1', at('00:06:00')), task('m3', at('00:06:00'))], [task('m1', at('00:05:00'))]),
      [task('m1', at('00:05:00')), task('m3', at('00:06:00'))],
    );
  });

  it('workload statuses keep the recorded unhealthySince while still unhealthy', () => {
    const ours = [
      { cluster: 'm1', health: 'Unhealthy' as const, unhealthySince: at('00:06:00') },
      { cluster: 'm2', health: 'Healthy' as const },
    ];
    const recorded = [
      { cluster: 'm1', health: 'Unhealthy' as const, unhealthySince: at('00:05:00') },
      { cluster: 'm2', health: 'Unhealthy' as const, unhealthySince: at('00:01:00') },
    ];
    assert.deepEqual(keepRecordedUnhealthySince(ours, recorded), [
      { cluster: 'm1', health: 'Unhealthy', unhealthySince: at('00:05:00') },
      { cluster: 'm2', health: 'Healthy' },
    ]);
  });

  const failover: Decision = {
    kind: 'failover',
    cluster: 'm1',
    since: at('00:05:00'),
    condition: { status: 'False' },
    taintsAdded: [notReady(at('00:05:00'))],
    taintsRemoved: [],
  };
  const recover: Decision = {
    kind: 'recover',
    cluster: 'm1',
    since: at('00:09:00'),
    condition: { status: 'True' },
    taintsRemoved: [notReady(at('00:05:00'))],
  };
  const evict: Decision = {
    kind: 'evict',
    cluster: 'm1',
    since: at('00:05:00'),
    bindings: [
      { binding: 'default/a', purgeMode: 'Gracefully', why: 'x' },
      { binding: 'default/b', purgeMode: 'Gracefully', why: 'x' },
    ],
  };
  const purge: Decision = {
    kind: 'purge',
    cluster: 'm1',
    since: at('00:05:00'),
    bindings: [
      { binding: 'default/a', why: 'y' },
      { binding: 'default/b', why: 'y' },
    ],
  };
  const recorded = (taints: Taint[], tasks: Record<string, GracefulEvictionTask[]>): RecordedState => ({
    clusters: [state('m1', { since: at('00:04:00'), taints })],
    bindings: Object.entries(tasks).map(([k, t]) => binding(k, t)),
  });
  const decisionCases = [
    {
      name: 'failover already recorded (the taint is there)',
      d: failover,
      r: recorded([notReady(at('00:04:00'))], {}),
      kept: [],
      dup: 1,
    },
    { name: 'failover not recorded yet', d: failover, r: recorded([], {}), kept: [failover], dup: 0 },
    { name: 'recover already recorded (the taint is gone)', d: recover, r: recorded([], {}), kept: [], dup: 1 },
    {
      name: 'recover not recorded yet',
      d: recover,
      r: recorded([notReady(at('00:04:00'))], {}),
      kept: [recover],
      dup: 0,
    },
    {
      name: 'evict recorded for one binding: only the other is kept',
      d: evict,
      r: recorded([], { 'default/a': [task('m1', at('00:05:00'))], 'default/b': [] }),
      kept: [{ ...evict, bindings: [evict.kind === 'evict' ? evict.bindings[1] : undefined] }],
      dup: 1,
    },
    {
      name: 'evict recorded for both',
      d: evict,
      r: recorded([], { 'default/a': [task('m1', at('00:05:00'))], 'default/b': [task('m1', at('00:05:00'))] }),
      kept: [],
      dup: 1,
    },
    {
      name: 'purge already recorded (the tasks are gone)',
      d: purge,
      r: recorded([], { 'default/a': [], 'default/b': [] }),
      kept: [],
      dup: 1,
    },
    {
      name: 'purge not recorded yet',
      d: purge,
      r: recorded([], { 'default/a': [task('m1', at('00:05:00'))], 'default/b': [task('m1', at('00:05:00'))] }),
      kept: [purge],
      dup: 0,
    },
  ];
  for (const c of decisionCases) {
    it(`decisions: ${c.name}`, () => {
      const got = unrecordedDecisions([c.d], c.r);
      assert.deepEqual(got.kept, c.kept);
      assert.equal(got.duplicates.length, c.dup);
    });
  }
});
