import assert from 'node:assert/strict';
import type { ClusterHealthState } from './cluster-health.ts';
import type { FailoverBinding, FailoverInput, FailoverOutcome } from './failover.ts';
import { decideFailover } from './failover.ts';
import { defaultEvictionSettings } from './eviction-task.ts';
import type { ClusterWorkloadStatus } from './purge.ts';
import { defaultHealthSettings } from './ready-condition.ts';
import { describeDecision } from './decision.ts';

const at = (hms: string): string => `2026-01-01T${hms}Z`;
const readyState = (cluster: string): ClusterHealthState => ({
  cluster,
  registeredAt: at('00:00:00'),
  ready: { type: 'Ready', status: 'True', reason: 'ClusterReady', lastTransitionTime: at('00:00:00') },
  probedAt: at('00:00:00'),
  streak: { status: 'True', since: at('00:00:00') },
  taints: [],
});
const web = (clusters: [string, number][], statuses: ClusterWorkloadStatus[], scheduled = true): FailoverBinding => ({
  key: 'default/web',
  placement: { clusterTolerations: [] },
  clusters: clusters.map(([name, replicas]) => ({ name, replicas })),
  scheduled,
  statuses,
});

/** Carries the outcome of one pass into the next pass's input, as the status branch would. */
function next(
  prev: FailoverOutcome,
  up: Record<string, boolean>,
  now: string,
  binding: (b: FailoverOutcome['bindings'][number]) => FailoverBinding,
): FailoverInput {
  return {
    clusters: prev.clusters.map((r) => ({
      state: r.state,
      observation: { reachable: up[r.state.cluster] ?? true, readyzOk: up[r.state.cluster] ?? true, observedAt: now },
      specTaints: [],
    })),
    bindings: prev.bindings.map(binding),
    now,
    health: defaultHealthSettings,
    eviction: defaultEvictionSettings,
  };
}
const kinds = (o: FailoverOutcome): string[] => o.decisions.map((d) => `${d.kind} ${d.cluster}`);

describe('status: one failover pass (worked timeline)', () => {
  it('member1 fails: NoSchedule, NoExecute after 5m, graceful eviction, purge once member2 is healthy', () => {
    const start: FailoverOutcome = {
      clusters: [readyState('member1'), readyState('member2')].map((state) => ({
        state,
        taintsAdded: [],
        taintsRemoved: [],
        decision: null,
      })),
      evictions: [],
      bindings: [
        { key: 'default/web', placement: { clusterTolerations: [] }, clusters: [{ name: 'member1', replicas: 3 }] },
      ],
      assessments: [],
      decisions: [],
    };
    const onMember1Only = (b: FailoverOutcome['bindings'][number]): FailoverBinding => ({
      ...b,
      scheduled: true,
      statuses: [{ cluster: 'member1', health: 'Unknown' }],
    });

    // 00:01:00 first failed probe: damped.
    let o = decideFailover(next(start, { member1: false }, at('00:01:00'), onMember1Only));
    assert.deepEqual(kinds(o), []);
    // 00:01:30 failure threshold reached: not-ready:NoSchedule.
    o = decideFailover(next(o, { member1: false }, at('00:01:30'), onMember1Only));
    assert.deepEqual(kinds(o), ['failover member1']);
    assert.deepEqual(o.evictions, []);
    // 00:06:31 eviction timeout passed: not-ready:NoExecute, default/web evicted from member1.
    o = decideFailover(next(o, { member1: false }, at('00:06:31'), onMember1Only));
    assert.deepEqual(kinds(o), ['evict member1', 'failover member1']);
    assert.deepEqual(o.bindings[0]?.clusters, []);
    assert.deepEqual(
      o.bindings[0]?.gracefulEvictionTasks?.map((t) => [t.fromCluster, t.replicas, t.purgeMode, t.creationTimestamp]),
      [['member1', 3, 'Gracefully', at('00:06:31')]],
    );
    const evict = o.decisions.find((d) => d.kind === 'evict');
    assert.ok(evict);
    assert.equal(
      describeDecision(evict).subject,
      `flotilla: evict 1 binding from member1 (tainted since ${at('00:06:31')})`,
    );

    // The scheduler (outside this slice) places the 3 replicas on member2; not healthy yet: the task stays.
    const onMember2 =
      (health: ClusterWorkloadStatus['health'], ready: number) =>
      (b: FailoverOutcome['bindings'][number]): FailoverBinding => ({
        ...b,
        clusters: [{ name: 'member2', replicas: 3 }],
        scheduled: true,
        statuses: [
          { cluster: 'member1', health: 'Unknown' },
          { cluster: 'member2', health, readyReplicas: ready },
        ],
      });
    o = decideFailover(next(o, { member1: false }, at('00:07:00'), onMember2('Unhealthy', 0)));
    assert.deepEqual(kinds(o), []);
    assert.deepEqual(
      o.assessments[0]?.verdicts.map((v) => `${v.kind} ${v.reason}`),
      ['keep AwaitingReplacement'],
    );
    assert.equal(o.assessments[0]?.nextCheck, at('00:16:31'));
    // member2 healthy: the eviction task ends and the old copy may be purged.
    o = decideFailover(next(o, { member1: false }, at('00:08:00'), onMember2('Healthy', 3)));
    assert.deepEqual(kinds(o), ['purge member1']);
    assert.deepEqual(o.bindings[0]?.gracefulEvictionTasks, []);
  });

  it('a user NoExecute taint on the only healthy cluster never purges its last ready copy', () => {
    const input: FailoverInput = {
      clusters: [
        {
          state: readyState('member1'),
          observation: { reachable: true, readyzOk: true, observedAt: at('00:20:00') },
          specTaints: [{ key: 'maintenance', effect: 'NoExecute', timeAdded: at('00:00:00') }],
        },
      ],
      bindings: [
        {
          ...web([], [{ cluster: 'member1', health: 'Healthy', readyReplicas: 2 }]),
          gracefulEvictionTasks: [
            {
              fromCluster: 'member1',
              purgeMode: 'Gracefully',
              replicas: 2,
              reason: 'TaintUntolerated',
              producer: 'TaintManager',
              gracePeriodSeconds: 600,
              creationTimestamp: at('00:00:00'),
            },
          ],
        },
      ],
      now: at('00:20:00'),
      health: defaultHealthSettings,
      eviction: defaultEvictionSettings,
    };
    const o = decideFailover(input);
    assert.deepEqual(
      o.assessments[0]?.verdicts.map((v) => `${v.kind} ${v.reason}`),
      ['keep LastReadyCopy'],
    );
    assert.deepEqual(kinds(o), []);
  });

  it('is deterministic: shuffled inputs give the same outcome', () => {
    const mk = (order: number[]): FailoverInput => {
      const clusters = ['member1', 'member2', 'member3'].map((c) => ({
        state: {
          ...readyState(c),
          taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoExecute' as const, timeAdded: at('00:00:00') }],
        },
        observation: null,
        specTaints: [],
      }));
      const bindings = ['a/x', 'b/y', 'c/z'].map((key) => ({
        ...web(
          [
            ['member1', 1],
            ['member2', 1],
            ['member3', 1],
          ],
          [],
        ),
        key,
      }));
      return {
        clusters: order.map((i) => clusters[i]!),
        bindings: order.map((i) => bindings[i]!),
        now: at('00:00:30'),
        health: defaultHealthSettings,
        eviction: defaultEvictionSettings,
      };
    };
    assert.deepEqual(decideFailover(mk([2, 0, 1])), decideFailover(mk([0, 1, 2])));
  });
});
