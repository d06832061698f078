/**
 * Karmada's graceful-eviction test cases (when a task is kept or removed, and when to look
 * again), case by case, against flotilla's assessEvictionTasks (purge.ts). Each case cites
 * `<Go file> :: <Test function> :: <case name>`.
 *
 * Karmada's assessEvictionTasks returns (kept tasks, evicted clusters) and nextRetry a duration;
 * flotilla's assessment has `kept`, the purge verdicts (in task order) and `nextCheck`, the
 * instant nextRetry's duration points at. Test_assessEvictionTasks runs every case with
 * hasScheduled true whatever the case says; so do these. None of these cases meets flotilla's
 * LastReadyCopy guard (docs/karmada-differences.md): no evicted cluster reports ready replicas.
 *
 * Skipped as Go plumbing: Reconcile's "binding marked for deletion" and "binding not found"
 * (fake client lookups), and the event recorder.
 */
import assert from 'node:assert/strict';
import type { GracefulEvictionTask } from './eviction-task.ts';
import { defaultEvictionSettings } from './eviction-task.ts';
import type { ClusterWorkloadStatus, TaskAssessment } from './purge.ts';
import { assessEvictionTasks } from './purge.ts';
import { addSeconds } from './time.ts';

const ET = 'pkg/controllers/gracefuleviction/evictiontask_test.go';
const RB = 'pkg/controllers/gracefuleviction/rb_graceful_eviction_controller_test.go';

const now = '2026-01-01T12:00:00Z';
const ago = (s: number): string => addSeconds(now, -s);
const min = 60;
const task = (from: string, createdAgo?: number, extra: Partial<GracefulEvictionTask> = {}): GracefulEvictionTask => ({
  fromCluster: from,
  reason: 'TaintUntolerated',
  producer: 'TaintManager',
  ...extra,
  ...(createdAgo !== undefined ? { creationTimestamp: ago(createdAgo) } : {}),
});
const st = (cluster: string, health: ClusterWorkloadStatus['health']): ClusterWorkloadStatus => ({ cluster, health });

interface Case {
  readonly name: string;
  readonly tasks: GracefulEvictionTask[];
  readonly clusters?: string[];
  readonly statuses?: ClusterWorkloadStatus[];
  readonly scheduled?: boolean;
  readonly timeoutSeconds?: number;
}
function assess(c: Case): TaskAssessment {
  return assessEvictionTasks(
    {
      binding: 'default/test-binding',
      tasks: c.tasks,
      clusters: (c.clusters ?? []).map((name) => ({ name })),
      scheduled: c.scheduled ?? true,
      statuses: c.statuses ?? [],
    },
    now,
    { ...defaultEvictionSettings, gracefulEvictionTimeoutSeconds: c.timeoutSeconds ?? 3 * min },
  );
}
const purged = (a: TaskAssessment): string[] =>
  a.verdicts.flatMap((v) => (v.kind === 'purge' ? [v.task.fromCluster] : []));

describe('Karmada graceful eviction: assessSingleTask', () => {
  const one = (name: string, t: GracefulEvictionTask, rest: Omit<Case, 'name' | 'tasks'> = {}) => ({
    name,
    tasks: [t],
    ...rest,
  });
  const cases: (Case & { keep: boolean })[] = [
    {
      ...one("task doesn't exceed the timeout, hasScheduled is false, task has no change", task('member1', 1 * min), {
        scheduled: false,
      }),
      keep: true,
    },
    {
      ...one('task exceeds the timeout, task will be nil', task('member1', 4 * min), { scheduled: false }),
      keep: false,
    },
    {
      ...one(
        "task doesn't exceed the timeout, hasScheduled is true, scheduled result is healthy, task will be nil",
        task('member1', 1 * min),
        { clusters: ['memberA'], statuses: [st('memberA', 'Healthy')] },
      ),
      keep: false,
    },
    {
      ...one(
        "task doesn't exceed the timeout, hasScheduled is true, scheduled result is unhealthy, task has no change",
        task('member1', 1 * min),
        { clusters: ['memberA'], statuses: [st('memberA', 'Unhealthy')] },
      ),
      keep: true,
    },
    {
      ...one(
        "task doesn't exceed the timeout, hasScheduled is true, scheduled result is unknown, task has no change",
        task('member1', 1 * min),
        { clusters: ['memberA'], statuses: [st('memberA', 'Unknown')] },
      ),
      keep: true,
    },
    {
      ...one('suppressDeletion is declared, value is true', task('member1', 1 * min, { suppressDeletion: true }), {
        scheduled: false,
      }),
      keep: true,
    },
    {
      ...one('suppressDeletion is declared, value is false', task('member1', 1 * min, { suppressDeletion: false }), {
        scheduled: false,
      }),
      keep: false,
    },
  ];
  for (const c of cases) {
    it(`${ET} :: Test_assessSingleTask :: ${c.name}`, () => {
      const a = assess(c);
      // A kept task is returned unchanged.
      assert.deepEqual(a.kept, c.keep ? c.tasks : []);
    });
  }
});

describe('Karmada graceful eviction: assessEvictionTasks', () => {
  const twoRecent = [task('member1', 1 * min), task('member2', 2 * min)];
  const cases: (Case & { wantKept: GracefulEvictionTask[]; wantPurged: string[] })[] = [
    {
      name: 'tasks without creation timestamp',
      tasks: [task('member1'), task('member2')],
      wantKept: [
        { ...task('member1'), creationTimestamp: now },
        { ...task('member2'), creationTimestamp: now },
      ],
      wantPurged: [],
    },
    {
      name: 'all tasks do not exceed the timeout, but hasScheduled is false, all tasks should do nothing',
      tasks: twoRecent,
      clusters: ['memberA'],
      wantKept: twoRecent,
      wantPurged: [],
    },
    {
      name: 'task that exceed the timeout should be removed, task do not exceed the timeout should do nothing',
      tasks: [task('member1', 4 * min), task('member2', 1 * min)],
      clusters: ['memberA'],
      wantKept: [task('member2', 1 * min)],
      wantPurged: ['member1'],
    },
    {
      name: 'mixed tasks',
      tasks: [task('member1'), task('member2', 2 * min), task('member3', 4 * min)],
      clusters: ['memberA', 'memberB'],
      wantKept: [{ ...task('member1'), creationTimestamp: now }, task('member2', 2 * min)],
      wantPurged: ['member3'],
    },
    {
      name: 'tasks that do not exceed the timeout and someone binding scheduled result is missing, should do nothing',
      tasks: twoRecent,
      clusters: ['memberA', 'memberB'],
      statuses: [st('memberA', 'Healthy')],
      wantKept: twoRecent,
      wantPurged: [],
    },
    {
      name: 'tasks that do not exceed the timeout and binding scheduled result is healthy, tasks need to be removed',
      tasks: twoRecent,
      clusters: ['memberA', 'memberB'],
      statuses: [st('memberA', 'Healthy'), st('memberB', 'Healthy')],
      wantKept: [],
      wantPurged: ['member1', 'member2'],
    },
    {
      name: 'tasks that do not exceed the timeout and someone binding scheduled result is unhealthy, should do nothing',
      tasks: twoRecent,
      clusters: ['memberA', 'memberB'],
      statuses: [st('memberA', 'Healthy'), st('memberB', 'Unhealthy')],
      wantKept: twoRecent,
      wantPurged: [],
    },
    {
      name: 'tasks that do not exceed the timeout and someone binding scheduled result is unknown, should do nothing',
      tasks: twoRecent,
      clusters: ['memberA', 'memberB'],
      statuses: [st('memberA', 'Healthy'), st('memberB', 'Unknown')],
      wantKept: twoRecent,
      wantPurged: [],
    },
    {
      name: 'task with custom GracePeriodSeconds should not leak timeout to subsequent tasks without it',
      tasks: [task('member1', 15, { gracePeriodSeconds: 10 }), task('member2', 15)],
      clusters: ['memberA'],
      wantKept: [task('member2', 15)],
      wantPurged: ['member1'],
    },
  ];
  for (const c of cases) {
    it(`${ET} :: Test_assessEvictionTasks :: ${c.name}`, () => {
      const a = assess(c);
      assert.deepEqual([a.kept, purged(a)], [c.wantKept, c.wantPurged]);
    });
  }
});

describe('Karmada graceful eviction: nextRetry (the assessment nextCheck)', () => {
  // Tasks kept (nothing scheduled is healthy yet), timeout 20 minutes.
  const cases: (Case & { wantSeconds: number | undefined })[] = [
    { name: 'empty tasks', tasks: [], wantSeconds: undefined },
    {
      name: 'retry interval is less than timeout / 10',
      tasks: [task('member1', 19 * min), task('member2', 10 * min)],
      wantSeconds: 1 * min,
    },
    {
      name: 'retry interval is equal to timeout / 10',
      tasks: [task('member1', 10 * min), task('member2', 5 * min)],
      wantSeconds: 10 * min,
    },
    {
      name: 'suppression and graciously tasks co-exist',
      tasks: [task('member1', 60 * min, { suppressDeletion: true }), task('member2', 5 * min)],
      wantSeconds: 15 * min,
    },
    {
      name: 'only suppression tasks',
      tasks: [
        task('member1', 60 * min, { suppressDeletion: true }),
        task('member2', 5 * min, { suppressDeletion: true }),
      ],
      wantSeconds: undefined,
    },
    {
      name: 'task with custom grace period - not expired',
      tasks: [task('member1', 5 * min, { gracePeriodSeconds: 600 })],
      wantSeconds: 5 * min,
    },
  ];
  for (const c of cases) {
    it(`${ET} :: Test_nextRetry :: ${c.name}`, () => {
      const a = assess({ ...c, clusters: ['memberA'], timeoutSeconds: 20 * min });
      assert.equal(a.nextCheck, c.wantSeconds === undefined ? undefined : addSeconds(now, c.wantSeconds));
    });
  }
});

describe('Karmada graceful eviction: the ResourceBinding controller', () => {
  // GracefulEvictionTimeout 5 minutes; a binding without clusters whose schedule is current.
  const cases: (Case & { fn: string; wantTasks: number })[] = [
    {
      fn: 'TestRBGracefulEvictionController_Reconcile',
      name: 'binding with no graceful eviction tasks',
      tasks: [],
      wantTasks: 0,
    },
    {
      fn: 'TestRBGracefulEvictionController_Reconcile',
      name: 'binding with active graceful eviction tasks',
      tasks: [task('cluster1', 0)],
      wantTasks: 0,
    },
    { fn: 'TestRBGracefulEvictionController_syncBinding', name: 'no eviction tasks', tasks: [], wantTasks: 0 },
    {
      fn: 'TestRBGracefulEvictionController_syncBinding',
      name: 'active eviction task',
      tasks: [task('cluster1', 0)],
      wantTasks: 0,
    },
    {
      fn: 'TestRBGracefulEvictionController_syncBinding',
      name: 'expired eviction task',
      tasks: [task('cluster1', 10 * min)],
      wantTasks: 0,
    },
  ];
  for (const c of cases) {
    it(`${RB} :: ${c.fn} :: ${c.name}`, () => {
      const a = assess({ ...c, timeoutSeconds: 5 * min });
      // Karmada's retryAfter is 0 in every case: no kept task runs out later.
      assert.deepEqual([a.kept.length, a.nextCheck], [c.wantTasks, undefined]);
    });
  }
});

describe('Karmada graceful eviction: the ClusterResourceBinding controller', () => {
  const CRB = 'pkg/controllers/gracefuleviction/crb_graceful_eviction_controller_test.go';
  // GracefulEvictionTimeout 5 minutes; scheduled to cluster1, whose status carries no health
  // (flotilla: Unknown).
  const cases: (Case & { wantTasks: number; wantSeconds: number | undefined })[] = [
    { name: 'no tasks', tasks: [], wantTasks: 0, wantSeconds: undefined },
    { name: 'task not expired', tasks: [task('cluster1', 2 * min)], wantTasks: 1, wantSeconds: 3 * min },
    { name: 'task expired', tasks: [task('cluster1', 6 * min)], wantTasks: 0, wantSeconds: undefined },
  ];
  for (const c of cases) {
    it(`${CRB} :: TestCRBGracefulEvictionController_syncBinding :: ${c.name}`, () => {
      const a = assess({
        ...c,
        clusters: ['cluster1'],
        statuses: [st('cluster1', 'Unknown')],
        timeoutSeconds: 5 * min,
      });
      assert.deepEqual(
        [a.kept.length, a.nextCheck],
        [c.wantTasks, c.wantSeconds === undefined ? undefined : addSeconds(now, c.wantSeconds)],
      );
    });
  }
});

// Not a Go table case: evictiontask.go nextRetry skips every task whose suppressDeletion is set,
// false as well as true (a person decides those), so a new task with suppressDeletion false sets
// no time to look again.
describe('Karmada graceful eviction: nextRetry skips a task with suppressDeletion set', () => {
  it(`${ET.replace('_test', '')} :: nextRetry :: a new task with suppressDeletion false`, () => {
    const a = assess({
      name: 'suppressDeletion false',
      tasks: [task('member1', undefined, { suppressDeletion: false })],
    });
    assert.deepEqual([a.kept.length, a.nextCheck], [1, undefined]);
  });
});
