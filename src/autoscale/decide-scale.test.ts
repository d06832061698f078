import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { FederatedHPASpec } from '../api/autoscaling.ts';
import type { ScaleHistory } from './behavior.ts';
import { decideScale } from './decide-scale.ts';
import type { PodObservation } from './pods.ts';

const now = 1_800_000_000_000;
const empty: ScaleHistory = { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };

function spec(over: Partial<FederatedHPASpec> = {}): FederatedHPASpec {
  return {
    namespace: 'default',
    name: 'web',
    target: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 1,
    maxReplicas: 10,
    metrics: [{ resource: 'cpu', kind: 'Utilization', averageUtilization: 50 }],
    // Kubernetes' default behavior (SetDefaults_HorizontalPodAutoscalerBehavior).
    behavior: {
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: {
        stabilizationWindowSeconds: 300,
        selectPolicy: 'Max',
        policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
      },
    },
    ...over,
  };
}

/** Running, ready pods across two members, each requesting 1 cpu and using `milli`. */
function load(...milli: number[]): PodObservation[] {
  return milli.map((m, i) => ({
    cluster: i % 2 === 0 ? 'member1' : 'member2',
    name: `web-${i}`,
    phase: 'Running',
    deleting: false,
    ready: { status: 'True', lastTransitionTime: 0 },
    startTime: 0,
    requestsMilli: { cpu: 1000 },
    usage: { milli: { cpu: m }, timestamp: now - 10_000, windowMs: 30_000 },
  }));
}

describe('autoscale: decideScale', () => {
  it('scales up over the pods of every member, within the scale-up policies', () => {
    // 4 pods at 100% against 50% → 8; Pods 4 / Percent 100 allow max(4+4, 4×2) = 8.
    const d = decideScale(spec(), 4, { pods: load(1000, 1000, 1000, 1000), unreachableClusters: [] }, empty, now);
    assert.deepEqual([d.desiredReplicas, d.rescale], [8, true]);
    assert.deepEqual(d.metrics, [{ resource: 'cpu', averageUtilization: 100, averageValueMilli: 1000 }]);
    assert.deepEqual(d.history.scaleUpEvents, [{ change: 4, time: now }]);
    assert.deepEqual(
      d.conditions.map((c) => [c.type, c.reason]),
      [
        ['AbleToScale', 'ReadyForNewScale'],
        ['ScalingActive', 'ValidMetricFound'],
        ['ScalingLimited', 'DesiredWithinRange'],
      ],
    );
  });

  it("divides by Karmada's calibration: Duplicated over two members, each running the whole total", () => {
    // Total 2 on each of 2 members: 4 pods at 100% against 50% → ceil(2 × 4 / (4/2)) = 4, not 8.
    const d = decideScale(
      spec(),
      2,
      { pods: load(1000, 1000, 1000, 1000), unreachableClusters: [], replicasRead: 4 },
      empty,
      now,
    );
    assert.equal(d.desiredReplicas, 4);
  });

  it('with a member unreadable, the pods read stand for the whole total (calibration 3/6)', () => {
    // Divided 3/3, member2 unreadable: 3 pods at 100% against 50% → ceil(2 × 3 / 0.5) = 12.
    const d = decideScale(
      spec({ maxReplicas: 20 }),
      6,
      { pods: load(1000, 1000, 1000), unreachableClusters: ['member2'], replicasRead: 3 },
      empty,
      now,
    );
    assert.deepEqual([d.desiredReplicas, d.unreachableClusters], [12, ['member2']]);
  });

  it('caps at maxReplicas (TooManyReplicas)', () => {
    const d = decideScale(
      spec({ maxReplicas: 6 }),
      4,
      { pods: load(1000, 1000, 1000, 1000), unreachableClusters: [] },
      empty,
      now,
    );
    assert.equal(d.desiredReplicas, 6);
    assert.equal(d.conditions.find((c) => c.type === 'ScalingLimited')?.reason, 'TooManyReplicas');
  });

  it('holds a scale-down within the stabilization window, then scales down once it has passed', () => {
    const high = { recommendations: [{ replicas: 8, time: now - 60_000 }], scaleUpEvents: [], scaleDownEvents: [] };
    const idle = { pods: load(100, 100, 100, 100, 100, 100, 100, 100), unreachableClusters: [] };
    const held = decideScale(spec(), 8, idle, high, now);
    assert.deepEqual([held.desiredReplicas, held.rescale], [8, false]);
    assert.equal(held.conditions[0]?.reason, 'ScaleDownStabilized');
    const later = decideScale(spec(), 8, idle, held.history, now + 301_000);
    // 8 pods at 10% against 50% → ceil(0.2 × 8) = 2; the recommendations of the window were 2 as well.
    assert.deepEqual([later.desiredReplicas, later.rescale], [2, true]);
  });

  it('never scales down while a member is unreachable, and says which', () => {
    const d = decideScale(spec(), 4, { pods: load(100, 100), unreachableClusters: ['member3'] }, empty, now);
    assert.deepEqual([d.desiredReplicas, d.rescale, d.unreachableClusters], [4, false, ['member3']]);
    assert.equal(d.conditions[0]?.reason, 'MembersUnreachable');
  });

  it('brings a count below minReplicas up to it without reading metrics', () => {
    const d = decideScale(spec({ minReplicas: 3 }), 1, { pods: [], unreachableClusters: [] }, empty, now);
    assert.deepEqual([d.desiredReplicas, d.rescale], [3, true]);
  });

  it('holds the count when no metric can be computed (ScalingActive False)', () => {
    const d = decideScale(spec(), 4, { pods: [], unreachableClusters: [] }, empty, now);
    assert.deepEqual([d.desiredReplicas, d.rescale], [4, false]);
    assert.deepEqual(
      d.conditions.map((c) => [c.type, c.status, c.reason]),
      [['ScalingActive', 'False', 'FailedGetResourceMetric']],
    );
  });

  it('is disabled while the target has zero replicas', () => {
    const d = decideScale(spec(), 0, { pods: [], unreachableClusters: [] }, empty, now);
    assert.deepEqual([d.desiredReplicas, d.rescale, d.conditions[0]?.reason], [0, false, 'ScalingDisabled']);
  });

  describe('the e2e scale-down that stopped at 5 (6 → 5, then 5 for minutes, then 2)', () => {
    // The shape of the hang: two pods without a metrics.k8s.io sample. On a scale-down Kubernetes
    // counts a missing pod as using 100 % of its request (replica_calculator.go, GetResourceReplicas;
    // TestReplicaCalcMissingMetricsNoChangeLt): a step, then a count that holds within the tolerance.
    const e2e = spec({
      minReplicas: 2,
      maxReplicas: 6,
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [{ type: 'Pods', value: 2, periodSeconds: 30 }],
        },
        scaleDown: {
          stabilizationWindowSeconds: 20,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
        },
      },
    });
    /** `n` pods requesting 100m at `milli`, the last `missing` of them without a sample. */
    const pods = (n: number, milli: number, missing: number): PodObservation[] =>
      load(...Array.from({ length: n }, () => milli)).map((p, i) => {
        const small = { ...p, requestsMilli: { cpu: 100 } };
        if (i < n - missing) return small;
        const { usage: _usage, ...rest } = small;
        return rest;
      });
    const idle = (n: number, missing: number) => ({ pods: pods(n, 10, missing), unreachableClusters: [] });

    it('with a 50 % target: 6 → 5 (4 at 10 %, 2 at 100 %: 40 %), then 5 holds (46 % is within the tolerance)', () => {
      const step = decideScale(e2e, 6, idle(6, 2), empty, now);
      assert.deepEqual([step.desiredReplicas, step.rescale], [5, true]);
      const held = decideScale(e2e, 5, idle(5, 2), step.history, now + 60_000);
      assert.deepEqual([held.desiredReplicas, held.rescale], [5, false]);
      const samples = decideScale(e2e, 5, idle(5, 0), held.history, now + 120_000);
      assert.deepEqual([samples.desiredReplicas, samples.rescale], [2, true]);
    });

    it('with a 100 % target a missing pod counts as the target: the scale-down goes on (5 → 3)', () => {
      const at100 = { ...e2e, metrics: [{ resource: 'cpu', kind: 'Utilization' as const, averageUtilization: 100 }] };
      const d = decideScale(at100, 5, idle(5, 2), empty, now + 60_000);
      assert.deepEqual([d.desiredReplicas, d.rescale], [3, true]);
    });
  });
});
