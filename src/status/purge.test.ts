import assert from 'node:assert/strict';
import type { ClusterWorkloadStatus, TaskAssessmentInput, TaskVerdict } from './purge.ts';
import { assessEvictionTasks, purgeDecisions } from './purge.ts';
import type { GracefulEvictionTask } from './eviction-task.ts';
import { defaultEvictionSettings } from './eviction-task.ts';
import { describeDecision } from './decision.ts';

const at = (hms: string): string => `2026-01-01T${hms}Z`;
const task = (from: string, extra: Partial<GracefulEvictionTask> = {}): GracefulEvictionTask => ({
  fromCluster: from,
  purgeMode: 'Gracefully',
  replicas: 2,
  reason: 'TaintUntolerated',
  producer: 'TaintManager',
  gracePeriodSeconds: 600,
  creationTimestamp: at('10:00:00'),
  ...extra,
});
/** A task without one of its optional fields. */
function omit(t: GracefulEvictionTask, key: 'gracePeriodSeconds' | 'creationTimestamp'): GracefulEvictionTask {
  const { [key]: _dropped, ...rest } = t;
  return rest;
}
const st = (
  cluster: string,
  health: ClusterWorkloadStatus['health'],
  readyReplicas?: number,
): ClusterWorkloadStatus => ({ cluster, health, ...(readyReplicas !== undefined ? { readyReplicas } : {}) });
function input(
  tasks: GracefulEvictionTask[],
  statuses: ClusterWorkloadStatus[],
  clusters = ['member2'],
  scheduled = true,
): TaskAssessmentInput {
  return {
    binding: 'default/web',
    tasks,
    clusters: clusters.map((name) => ({ name, replicas: 2 })),
    scheduled,
    statuses,
  };
}
const brief = (v: TaskVerdict): string =>
  `${v.kind} ${v.task.fromCluster} ${v.reason}${v.kind === 'keep' && v.until ? ` until ${v.until.slice(11, 19)}` : ''}`;

const cases: readonly { name: string; input: TaskAssessmentInput; now: string; want: string[] }[] = [
  {
    name: 'replacement not healthy yet: keep until the grace period ends',
    input: input([task('member1')], [st('member2', 'Unknown')]),
    now: at('10:03:00'),
    want: ['keep member1 AwaitingReplacement until 10:10:00'],
  },
  {
    name: 'replacement healthy on every new cluster: purge',
    input: input([task('member1')], [st('member2', 'Healthy', 2)]),
    now: at('10:04:00'),
    want: ['purge member1 ReplacementHealthy'],
  },
  {
    name: 'one new cluster of two still unhealthy: keep',
    input: input(
      [task('member1')],
      [st('member2', 'Healthy', 1), st('member3', 'Unhealthy', 0)],
      ['member2', 'member3'],
    ),
    now: at('10:04:00'),
    want: ['keep member1 AwaitingReplacement until 10:10:00'],
  },
  {
    name: 'a new cluster without status yet counts as not healthy',
    input: input([task('member1')], [st('member2', 'Healthy', 1)], ['member2', 'member3']),
    now: at('10:04:00'),
    want: ['keep member1 AwaitingReplacement until 10:10:00'],
  },
  {
    name: 'healthy but the schedule is stale: keep (Karmada hasScheduled)',
    input: input([task('member1')], [st('member2', 'Healthy', 2)], ['member2'], false),
    now: at('10:04:00'),
    want: ['keep member1 AwaitingReplacement until 10:10:00'],
  },
  {
    name: 'grace period elapsed with the old cluster down: purge',
    input: input([task('member1')], [st('member1', 'Unknown'), st('member2', 'Unhealthy', 0)]),
    now: at('10:10:01'),
    want: ['purge member1 GracePeriodElapsed'],
  },
  {
    name: 'the grace period end itself still keeps (Karmada: strictly after)',
    input: input([task('member1')], [st('member2', 'Unhealthy', 0)]),
    now: at('10:10:00'),
    want: ['keep member1 AwaitingReplacement until 10:10:00'],
  },
  {
    name: 'no gracePeriodSeconds: --graceful-eviction-timeout applies',
    input: input([omit(task('member1'), 'gracePeriodSeconds')], [st('member2', 'Unhealthy', 0)]),
    now: at('10:05:00'),
    want: ['keep member1 AwaitingReplacement until 10:10:00'],
  },
  {
    name: 'purge mode Directly (and Immediately, normalised upstream): purge at once',
    input: input([task('member1', { purgeMode: 'Directly' })], [st('member2', 'Unknown')]),
    now: at('10:00:01'),
    want: ['purge member1 PurgeDirectly'],
  },
  {
    name: 'purge mode Never: suppressed forever, even after the grace period',
    input: input([task('member1', { purgeMode: 'Never', suppressDeletion: true })], [st('member2', 'Healthy', 2)]),
    now: at('23:00:00'),
    want: ['keep member1 Suppressed'],
  },
  {
    name: 'suppressDeletion set to false by a person: purge',
    input: input([task('member1', { purgeMode: 'Never', suppressDeletion: false })], []),
    now: at('10:00:01'),
    want: ['purge member1 SuppressionLifted'],
  },
  {
    name: 'a task without creationTimestamp is stamped with now and kept',
    input: input([omit(task('member1'), 'creationTimestamp')], [st('member2', 'Healthy', 2)]),
    now: at('11:00:00'),
    want: ['keep member1 Stamped until 11:10:00'],
  },
  {
    name: 'guard: grace period elapsed but the old cluster is the last ready copy → held',
    input: input([task('member1')], [st('member1', 'Healthy', 2), st('member2', 'Unhealthy', 0)]),
    now: at('10:10:01'),
    want: ['keep member1 LastReadyCopy until 10:10:00'],
  },
  {
    name: 'guard: Directly is held too while the old copy is the only ready one',
    input: input([task('member1', { purgeMode: 'Directly' })], [st('member1', 'Healthy', 2), st('member2', 'Unknown')]),
    now: at('10:00:01'),
    want: ['keep member1 LastReadyCopy until 10:10:00'],
  },
  {
    name: 'guard: two old copies, only one ready, both due: the one without ready replicas goes, the ready one is held',
    input: input(
      [task('member3'), task('member1')],
      [st('member1', 'Unknown'), st('member3', 'Healthy', 1), st('member2', 'Unhealthy', 0)],
    ),
    now: at('10:10:01'),
    want: ['keep member3 LastReadyCopy until 10:10:00', 'purge member1 GracePeriodElapsed'],
  },
  {
    name: 'guard: no schedule left at all and the old cluster is gone: purge (nothing ready to lose)',
    input: input([task('member1')], [st('member1', 'Unknown')], []),
    now: at('10:00:30'),
    want: ['purge member1 ReplacementHealthy'],
  },
];

describe('status: eviction task removal (graceful eviction)', () => {
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(assessEvictionTasks(c.input, c.now, defaultEvictionSettings).verdicts.map(brief), c.want),
    );

  it('kept tasks stay in input order; nextCheck is the earliest grace-period end', () => {
    const a = assessEvictionTasks(
      input(
        [
          task('member3', { creationTimestamp: at('10:05:00') }),
          task('member1'),
          task('member4', { purgeMode: 'Never', suppressDeletion: true }),
        ],
        [st('member2', 'Unknown')],
      ),
      at('10:06:00'),
      defaultEvictionSettings,
    );
    assert.deepEqual(
      a.kept.map((t) => t.fromCluster),
      ['member3', 'member1', 'member4'],
    );
    assert.equal(a.nextCheck, at('10:10:00'));
  });

  it('only suppressed tasks: no nextCheck', () => {
    const a = assessEvictionTasks(
      input([task('member1', { purgeMode: 'Never', suppressDeletion: true })], []),
      at('10:06:00'),
      defaultEvictionSettings,
    );
    assert.equal(a.nextCheck, undefined);
  });

  it('purgeDecisions groups by evicted cluster with since and why; describeDecision has trailer purge', () => {
    const a = assessEvictionTasks(
      input([task('member1')], [st('member2', 'Healthy', 2)]),
      at('10:04:00'),
      defaultEvictionSettings,
    );
    const b = assessEvictionTasks(
      {
        ...input([task('member1', { creationTimestamp: at('09:58:00'), purgeMode: 'Directly' })], []),
        binding: 'default/api',
      },
      at('10:04:00'),
      defaultEvictionSettings,
    );
    const ds = purgeDecisions([a, b]);
    assert.deepEqual(ds, [
      {
        kind: 'purge',
        cluster: 'member1',
        since: at('09:58:00'),
        bindings: [
          { binding: 'default/api', why: 'purge mode Directly: the old copy is removed at once' },
          { binding: 'default/web', why: 'the workload is healthy on every cluster it moved to' },
        ],
      },
    ]);
    const d = describeDecision(ds[0]!);
    assert.equal(d.trailer, 'purge');
    assert.equal(d.subject, `flotilla: purge 2 bindings from member1 (evicting since ${at('09:58:00')})`);
  });
});

describe('status/assessEvictionTasks: a Directly task carrying preserved state', () => {
  it('is kept while the replacement is not healthy (its record feeds the injection), and ends once it is', () => {
    const stateful = task('member1', { purgeMode: 'Directly', preservedLabelState: { ck: '7' } });
    const waiting = assessEvictionTasks(
      input([stateful], [st('member2', 'Unknown')]),
      at('10:01:00'),
      defaultEvictionSettings,
    );
    assert.deepEqual(waiting.kept, [stateful]);
    const done = assessEvictionTasks(
      input([stateful], [st('member2', 'Healthy', 2)]),
      at('10:02:00'),
      defaultEvictionSettings,
    );
    assert.deepEqual(done.kept, []);
  });
  it('without state it still ends at once', () => {
    assert.deepEqual(
      assessEvictionTasks(
        input([task('member1', { purgeMode: 'Directly' })], [st('member2', 'Unknown')]),
        at('10:01:00'),
        defaultEvictionSettings,
      ).kept,
      [],
    );
  });
});
