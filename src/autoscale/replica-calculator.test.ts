import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { PodObservation } from './pods.ts';
import { resourceAverageValueReplicas, resourceUtilizationReplicas } from './replica-calculator.ts';

// Kubernetes' replica_calculator_test.go builds pods with readiness True unless told, a zero start time (so
// long past the cpu initialization period) and samples with a zero timestamp and a one-minute window. Its
// pods have two containers requesting 1 cpu each and using `level` each; here one pod requests 1 cpu and
// uses `level`, which gives the same utilization (its expectedValue is per pod, so twice ours).
const now = 1_800_000_000_000;
const hot = now - 60_000; // hotCpuCreationTime: inside the 5 min cpu initialization period
const cool = now - 10 * 60_000; // coolCpuCreationTime

interface PodSpec {
  level?: number;
  ready?: 'True' | 'False';
  phase?: string;
  deleting?: boolean;
  start?: number;
  request?: number;
}

function pods(specs: readonly PodSpec[]): PodObservation[] {
  return specs.map((s, i) => ({
    cluster: i % 2 === 0 ? 'member1' : 'member2',
    name: `test-pod-${i}`,
    phase: s.phase ?? 'Running',
    deleting: s.deleting ?? false,
    ready: { status: s.ready ?? 'True', lastTransitionTime: 0 },
    startTime: s.start ?? 0,
    requestsMilli: { cpu: s.request ?? 1000 },
    ...(s.level === undefined ? {} : { usage: { milli: { cpu: s.level }, timestamp: 0, windowMs: 60_000 } }),
  }));
}

const levels = (...ls: number[]): PodSpec[] => ls.map((level) => ({ level }));

describe('autoscale: resourceUtilizationReplicas (Kubernetes replica_calculator_test.go)', () => {
  const cases: { name: string; current: number; target: number; pods: PodSpec[]; want: [number, number, number] }[] = [
    { name: 'TestReplicaCalcScaleUp', current: 3, target: 30, pods: levels(300, 500, 700), want: [5, 50, 500] },
    {
      name: 'TestReplicaCalcScaleUpUnreadyLessScale',
      current: 3,
      target: 30,
      pods: [{ level: 300, ready: 'False' }, { level: 500 }, { level: 700 }],
      want: [4, 60, 600],
    },
    {
      name: 'TestReplicaCalcScaleUpHotCpuLessScale',
      current: 3,
      target: 30,
      pods: [
        { level: 300, start: hot },
        { level: 500, start: cool },
        { level: 700, start: cool },
      ],
      want: [4, 60, 600],
    },
    {
      name: 'TestReplicaCalcScaleUpUnreadyNoScale',
      current: 3,
      target: 30,
      pods: [{ level: 400 }, { level: 500, ready: 'False' }, { level: 700, ready: 'False' }],
      want: [3, 40, 400],
    },
    {
      name: 'TestReplicaCalcScaleHotCpuNoScale',
      current: 3,
      target: 30,
      pods: [
        { level: 400, start: cool },
        { level: 500, ready: 'False', start: hot },
        { level: 700, ready: 'False', start: hot },
      ],
      want: [3, 40, 400],
    },
    {
      name: 'TestReplicaCalcScaleUpIgnoresFailedPods',
      current: 2,
      target: 30,
      pods: [{ level: 500 }, { level: 700 }, { ready: 'False', phase: 'Failed' }, { ready: 'False', phase: 'Failed' }],
      want: [4, 60, 600],
    },
    {
      name: 'TestReplicaCalcScaleUpIgnoresDeletionPods',
      current: 2,
      target: 30,
      pods: [{ level: 500 }, { level: 700 }, { ready: 'False', deleting: true }, { ready: 'False', deleting: true }],
      want: [4, 60, 600],
    },
    {
      name: 'TestReplicaCalcScaleDown',
      current: 5,
      target: 50,
      pods: levels(100, 300, 500, 250, 250),
      want: [3, 28, 280],
    },
    {
      name: 'TestReplicaCalcScaleDownIncludeUnreadyPods',
      current: 5,
      target: 50,
      pods: [
        { level: 100 },
        { level: 300 },
        { level: 500 },
        { level: 250, ready: 'False' },
        { level: 250, ready: 'False' },
      ],
      want: [2, 30, 300],
    },
    {
      name: 'TestReplicaCalcScaleDownExcludeUnscheduledPods',
      current: 5,
      target: 50,
      pods: [
        { level: 100 },
        { ready: 'False', phase: 'Pending' },
        { ready: 'False', phase: 'Pending' },
        { ready: 'False', phase: 'Pending' },
        { ready: 'False', phase: 'Pending' },
      ],
      want: [1, 10, 100],
    },
    {
      name: 'TestReplicaCalcScaleDownIgnoreHotCpuPods',
      current: 5,
      target: 50,
      pods: [
        { level: 100, start: cool },
        { level: 300, start: cool },
        { level: 500, start: cool },
        { level: 250, start: hot },
        { level: 250, start: hot },
      ],
      want: [2, 30, 300],
    },
    {
      name: 'TestReplicaCalcScaleDownIgnoresFailedPods',
      current: 5,
      target: 50,
      pods: [
        ...levels(100, 300, 500, 250, 250),
        { ready: 'False', phase: 'Failed' },
        { ready: 'False', phase: 'Failed' },
      ],
      want: [3, 28, 280],
    },
    {
      name: 'TestReplicaCalcTolerance',
      current: 3,
      target: 100,
      pods: [
        { level: 1010, request: 900 },
        { level: 1030, request: 1000 },
        { level: 1020, request: 1100 },
      ],
      want: [3, 102, 1020],
    },
    {
      name: 'TestReplicaCalcMissingMetrics',
      current: 4,
      target: 100,
      pods: [{ level: 400 }, { level: 95 }, {}, {}],
      want: [3, 24, 247],
    },
    {
      name: 'TestReplicaCalcMissingMetricsNoChangeEq',
      current: 2,
      target: 100,
      pods: [{ level: 1000 }, {}],
      want: [2, 100, 1000],
    },
    {
      name: 'TestReplicaCalcMissingMetricsNoChangeGt',
      current: 2,
      target: 100,
      pods: [{ level: 1900 }, {}],
      want: [2, 190, 1900],
    },
    {
      name: 'TestReplicaCalcMissingMetricsNoChangeLt',
      current: 2,
      target: 100,
      pods: [{ level: 600 }, {}],
      want: [2, 60, 600],
    },
    {
      name: 'TestReplicaCalcMissingMetricsUnreadyChange',
      current: 3,
      target: 50,
      pods: [{ level: 100, ready: 'False' }, { level: 450 }, {}],
      want: [3, 45, 450],
    },
    {
      name: 'TestReplicaCalcMissingMetricsHotCpuNoChange',
      current: 3,
      target: 50,
      pods: [{ level: 100, start: hot }, { level: 450, start: cool }, { start: cool }],
      want: [3, 45, 450],
    },
    {
      name: 'TestReplicaCalcMissingMetricsUnreadyScaleUp',
      current: 3,
      target: 50,
      pods: [{ level: 100, ready: 'False' }, { level: 2000 }, {}],
      want: [4, 200, 2000],
    },
    {
      name: 'TestReplicaCalcMissingMetricsHotCpuScaleUp',
      current: 3,
      target: 50,
      pods: [{ level: 100, ready: 'False', start: hot }, { level: 2000, start: cool }, { start: cool }],
      want: [4, 200, 2000],
    },
    {
      name: 'TestReplicaCalcMissingMetricsUnreadyScaleDown',
      current: 4,
      target: 50,
      pods: [{ level: 100, ready: 'False' }, { level: 100 }, { level: 100 }, {}],
      want: [3, 10, 100],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = resourceUtilizationReplicas(c.current, c.target, 'cpu', pods(c.pods), now);
      assert.deepEqual(got, { kind: 'Replicas', replicas: c.want[0], value: c.want[1], averageMilli: c.want[2] });
    });
  }

  it('TestReplicaCalcEmptyMetrics / TestReplicaCalcMissingRequests / no pods: Invalid with the reason', () => {
    assert.equal(resourceUtilizationReplicas(4, 100, 'cpu', [], now).kind, 'Invalid');
    assert.equal(resourceUtilizationReplicas(4, 100, 'cpu', pods([{}, {}]), now).kind, 'Invalid');
    const noRequest = pods([{ level: 100 }]).map((p) => ({ ...p, requestsMilli: {} }));
    assert.deepEqual(resourceUtilizationReplicas(1, 100, 'cpu', noRequest, now), {
      kind: 'Invalid',
      reason: 'FailedGetResourceMetric',
      message: 'missing request for cpu in pod member1/test-pod-0',
    });
  });
});

describe('autoscale: resourceAverageValueReplicas (calcPlainMetricReplicas, replica_calculator_test.go)', () => {
  const cases: { name: string; current: number; target: number; pods: PodSpec[]; want: [number, number] }[] = [
    // TestReplicaCalcScaleUpCM: qps 20000, 10000, 30000 against 15000 → 20000 average, 4 replicas.
    {
      name: 'TestReplicaCalcScaleUpCM',
      current: 3,
      target: 15000,
      pods: levels(20000, 10000, 30000),
      want: [4, 20000],
    },
    {
      name: 'TestReplicaCalcScaleDownCM',
      current: 5,
      target: 20000,
      pods: levels(12000, 12000, 12000, 12000, 12000),
      want: [3, 12000],
    },
    // Not from Kubernetes' tests: the missing pod counts as using the target on a scale-down,
    // (2×1000 + 5000)/3 = 2333 → ratio 0.47, ceil(0.47 × 3) = 2.
    {
      name: 'a missing pod on a scale-down uses the target',
      current: 3,
      target: 5000,
      pods: [{ level: 1000 }, { level: 1000 }, {}],
      want: [2, 1000],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      // Memory is never "unready" by the cpu rules, so readiness does not matter here.
      const ps = pods(c.pods).map((p) =>
        p.usage ? { ...p, usage: { ...p.usage, milli: { memory: p.usage.milli['cpu'] ?? 0 } } } : p,
      );
      const got = resourceAverageValueReplicas(c.current, c.target, 'memory', ps, now);
      assert.deepEqual(got, { kind: 'Replicas', replicas: c.want[0], value: c.want[1], averageMilli: c.want[1] });
    });
  }
});
