import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { loadFleet } from '../load/index.ts';
import { runAutoscalePass } from './autoscale-pass.ts';
import type { PodObservation } from './pods.ts';
import type { AutoscalerRecord } from './records.ts';

const enc = new TextEncoder();
const fleetOf = (text: string) =>
  loadFleet({ revision: 'r', problems: [], files: [{ path: 'a.yaml', bytes: enc.encode(text) }] }).fleet;

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {replicas: ${replicas}, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}}
`;
const fhpa = `---
apiVersion: autoscaling.karmada.io/v1alpha1
kind: FederatedHPA
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 10
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]
`;
const cron = `---
apiVersion: autoscaling.karmada.io/v1alpha1
kind: CronFederatedHPA
metadata: {name: nightly}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  rules: [{name: up, schedule: "*/5 * * * *", targetReplicas: 6}]
`;
const now = Date.parse('2026-01-01T00:10:00Z');

function busy(n: number, milli: number): PodObservation[] {
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

const replicasOf = (fleet: ReturnType<typeof fleetOf>) =>
  (fleet.templates[0]!.object as unknown as { spec: { replicas: number } }).spec.replicas;

describe('autoscale: runAutoscalePass', () => {
  it('a scale-up changes the fleet replicas, commits the record and says why', () => {
    const fleet = fleetOf(deployment(2) + fhpa);
    const r = runAutoscalePass({
      fleet,
      autoscalers: new Map(),
      crons: new Map(),
      observations: new Map([['default/web', { pods: busy(2, 1000), unreachableClusters: [] }]]),
      now,
      defaultZone: 'UTC',
    });
    assert.equal(replicasOf(r.fleet), 4);
    assert.deepEqual(
      r.changed.autoscalers.map((a) => [a.currentReplicas, a.desiredReplicas, a.templateReplicas, a.lastScaleTime]),
      [[2, 4, 2, '2026-01-01T00:10:00Z']],
    );
    assert.equal(r.decisions[0]?.subject, 'flotilla: scale Deployment default/web from 2 to 4 (FederatedHPA web)');
    assert.equal(r.decisions[0]?.trailer, 'scale');
  });

  it('nothing is committed while the count holds; the recorded count stays in force', () => {
    const fleet = fleetOf(deployment(2) + fhpa);
    const first = runAutoscalePass({
      fleet,
      autoscalers: new Map(),
      crons: new Map(),
      observations: new Map([['default/web', { pods: busy(2, 1000), unreachableClusters: [] }]]),
      now,
      defaultZone: 'UTC',
    });
    const rec = first.autoscalers[0] as AutoscalerRecord;
    const second = runAutoscalePass({
      fleet,
      autoscalers: new Map([['default/web', rec]]),
      crons: new Map(),
      observations: new Map([['default/web', { pods: busy(4, 500), unreachableClusters: [] }]]),
      now: now + 30_000,
      defaultZone: 'UTC',
    });
    assert.deepEqual([second.changed.autoscalers.length, second.decisions.length, replicasOf(second.fleet)], [0, 0, 4]);
  });

  it("a revision that changes the template's replicas wins over the recorded decision", () => {
    const rec = runAutoscalePass({
      fleet: fleetOf(deployment(2) + fhpa),
      autoscalers: new Map(),
      crons: new Map(),
      observations: new Map([['default/web', { pods: busy(2, 1000), unreachableClusters: [] }]]),
      now,
      defaultZone: 'UTC',
    }).autoscalers[0] as AutoscalerRecord;
    const r = runAutoscalePass({
      fleet: fleetOf(deployment(3) + fhpa),
      autoscalers: new Map([['default/web', rec]]),
      crons: new Map(),
      observations: new Map([['default/web', { pods: busy(3, 500), unreachableClusters: [] }]]),
      now: now + 30_000,
      defaultZone: 'UTC',
    });
    assert.equal(replicasOf(r.fleet), 3);
  });

  it('a CronFederatedHPA rule sets the workload replicas at its time, recorded with its history', () => {
    const fleet = fleetOf(deployment(2) + cron);
    const seen = runAutoscalePass({
      fleet,
      autoscalers: new Map(),
      crons: new Map(),
      observations: new Map(),
      now: now - 60_000,
      defaultZone: 'UTC',
    });
    assert.deepEqual([seen.changed.crons.length, seen.decisions.length, replicasOf(seen.fleet)], [1, 0, 2]);
    const ran = runAutoscalePass({
      fleet,
      autoscalers: new Map(),
      crons: new Map([['default/nightly', seen.crons[0]!]]),
      observations: new Map(),
      now: now + 2000,
      defaultZone: 'UTC',
    });
    assert.equal(replicasOf(ran.fleet), 6);
    assert.deepEqual(ran.crons[0]?.executionHistories[0]?.successfulExecutions?.[0], {
      scheduleTime: '2026-01-01T00:10:00Z',
      executionTime: '2026-01-01T00:10:02Z',
      appliedReplicas: 6,
    });
    assert.match(ran.decisions[0]?.subject ?? '', /CronFederatedHPA default\/nightly, rule up/);
  });

  it('a FederatedHPA or CronFederatedHPA removed from the revision: its record is removed, with a scale decision, and the template replicas are planned', () => {
    const first = runAutoscalePass({
      fleet: fleetOf(deployment(2) + fhpa + cron),
      autoscalers: new Map(),
      crons: new Map(),
      observations: new Map([['default/web', { pods: busy(2, 1000), unreachableClusters: [] }]]),
      now,
      defaultZone: 'UTC',
    });
    assert.deepEqual([first.removed.autoscalers.length, first.removed.crons.length], [0, 0]);
    const input = {
      autoscalers: new Map(first.autoscalers.map((r) => [`${r.namespace}/${r.name}`, r] as const)),
      crons: new Map(first.crons.map((r) => [`${r.namespace}/${r.name}`, r] as const)),
      observations: new Map(),
      now: now + 30_000,
      defaultZone: 'UTC',
    };
    const gone = runAutoscalePass({ ...input, fleet: fleetOf(deployment(2)) });
    assert.deepEqual(
      [
        gone.removed.autoscalers.map((r) => r.name),
        gone.removed.crons.map((r) => r.name),
        gone.autoscalers,
        gone.crons,
      ],
      [['web'], ['nightly'], [], []],
    );
    assert.deepEqual(
      gone.decisions.map((d) => [d.subject, d.trailer]),
      [
        ['flotilla: forget FederatedHPA default/web (removed from the fleet repo)', 'scale'],
        ['flotilla: forget CronFederatedHPA default/nightly (removed from the fleet repo)', 'scale'],
      ],
    );
    assert.equal(replicasOf(gone.fleet), 2);
    const kept = runAutoscalePass({ ...input, fleet: fleetOf(deployment(2) + fhpa + cron) });
    assert.deepEqual([kept.removed.autoscalers.length, kept.removed.crons.length], [0, 0]);
  });
});
