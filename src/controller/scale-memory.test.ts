import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { type AutoscalerRecord, type PodObservation, runAutoscalePass } from '../autoscale/index.ts';
import { loadFleet } from '../load/index.ts';
import { formatAutoscalerRecord, parseAutoscalerRecord } from '../writeback/index.ts';
import {
  conditionLine,
  heldWithNewConditions,
  memoryAfterPass,
  memoryFromBranch,
  reconcileMemory,
} from './scale-memory.ts';

const enc = new TextEncoder();
const fleet = loadFleet({
  revision: 'r',
  problems: [],
  files: [
    {
      path: 'a.yaml',
      bytes: enc.encode(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {replicas: 2, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}}
---
apiVersion: autoscaling.karmada.io/v1alpha1
kind: FederatedHPA
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 10
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]
  behavior: {scaleDown: {stabilizationWindowSeconds: 60}}
`),
    },
  ],
}).fleet;
const t0 = Date.parse('2026-01-01T00:10:00.250Z');

function pods(n: number, milli: number, now: number): PodObservation[] {
  return Array.from({ length: n }, (_, i) => ({
    cluster: `member${(i % 2) + 1}`,
    name: `web-${i}`,
    phase: 'Running',
    deleting: false,
    ready: { status: 'True' as const, lastTransitionTime: 0 },
    startTime: 0,
    requestsMilli: { cpu: 1000 },
    usage: { milli: { cpu: milli }, timestamp: now - 5000, windowMs: 30_000 },
  }));
}

const pass = (autoscalers: ReadonlyMap<string, AutoscalerRecord>, n: number, milli: number, now: number) =>
  runAutoscalePass({
    fleet,
    autoscalers,
    crons: new Map(),
    observations: new Map([['default/web', { pods: pods(n, milli, now), unreachableClusters: [] }]]),
    now,
    defaultZone: 'UTC',
  });

/** The branch as a restarted controller reads it: each committed record through its file. */
const committed = (records: readonly AutoscalerRecord[]) => ({
  autoscalers: records.map((r) => parseAutoscalerRecord(formatAutoscalerRecord(r)) as AutoscalerRecord),
  crons: [],
});

describe('controller: the autoscaler memory across restarts and leadership changes', () => {
  it('a restarted controller reads the committed stabilization history and decides as the one that never stopped', () => {
    // 2 → 4 at t0 (load 100% against 50%): the record carries the recommendation of 4 and the scale event.
    const up = pass(new Map(), 2, 1000, t0);
    assert.equal(up.changed.autoscalers[0]?.desiredReplicas, 4);
    const running = memoryAfterPass(memoryFromBranch({ autoscalers: [], crons: [] }), up);
    const restarted = memoryFromBranch(committed(up.changed.autoscalers));
    assert.deepEqual(restarted.autoscalers, running.autoscalers);
    // 30 s later the load falls: the 60 s scale-down window still holds 4 in both, and 70 s later both scale to 1.
    for (const [after, want] of [
      [30_000, 4],
      [70_000, 1],
    ] as const) {
      const a = pass(running.autoscalers, 4, 100, t0 + after).fleet.templates[0]?.object;
      const b = pass(restarted.autoscalers, 4, 100, t0 + after).fleet.templates[0]?.object;
      assert.deepEqual(a, b);
      assert.equal((a as unknown as { spec: { replicas: number } }).spec.replicas, want);
    }
  });

  it('a record another leader committed replaces what this process remembers; its own commit does not', () => {
    const up = pass(new Map(), 2, 1000, t0);
    const mine = memoryAfterPass(memoryFromBranch({ autoscalers: [], crons: [] }), up);
    // The branch holds what this process committed: its memory (with later, uncommitted history) stays.
    const held = pass(mine.autoscalers, 4, 500, t0 + 10_000);
    const later = memoryAfterPass(mine, held);
    assert.equal(held.changed.autoscalers.length, 0);
    assert.deepEqual(reconcileMemory(later, committed(up.changed.autoscalers)).autoscalers, later.autoscalers);
    // Another leader scaled to 8 meanwhile: its record wins, history included.
    const theirs = pass(mine.autoscalers, 4, 1000, t0 + 60_000);
    assert.equal(theirs.changed.autoscalers[0]?.desiredReplicas, 8);
    const adopted = reconcileMemory(later, committed(theirs.changed.autoscalers));
    assert.deepEqual(adopted.autoscalers.get('default/web'), committed(theirs.changed.autoscalers).autoscalers[0]);
  });

  it('a count that starts holding for a new reason is reported once, not on every pass', () => {
    const up = pass(new Map(), 2, 1000, t0);
    const mine = memoryAfterPass(memoryFromBranch({ autoscalers: [], crons: [] }), up);
    // The load falls within the 60 s scale-down window: 4 holds (ScaleDownStabilized).
    const held = pass(mine.autoscalers, 4, 100, t0 + 10_000);
    assert.deepEqual(
      heldWithNewConditions(mine, held).map((r) => [r.desiredReplicas, conditionLine(r)]),
      [
        [
          4,
          'AbleToScale True ScaleDownStabilized, ScalingActive True ValidMetricFound, ScalingLimited False DesiredWithinRange',
        ],
      ],
    );
    const again = pass(memoryAfterPass(mine, held).autoscalers, 4, 100, t0 + 20_000);
    assert.deepEqual(heldWithNewConditions(memoryAfterPass(mine, held), again), []);
  });
});
