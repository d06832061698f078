import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import type { BindingStatus } from '../cluster/binding-status.ts';
import type { FailoverBinding } from '../status/index.ts';
import { workloadStatuses } from './failover-input.ts';

const key = 'apps/v1|Deployment|default|job';
const recorded = (statuses: FailoverBinding['statuses']): FailoverBinding => ({
  key,
  clusters: [
    { name: 'm1', replicas: 1 },
    { name: 'm2', replicas: 1 },
  ],
  scheduled: true,
  statuses,
  propagateDeps: true,
  failover: { application: { statePreservation: { rules: [{ aliasLabelName: 'ck', jsonPath: '{.checkpoint}' }] } } },
});
const observed = (clusters: { name: string; status: JsonObject | null }[]): BindingStatus => ({
  resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'job' },
  binding: 'default/job-deployment',
  aggregatedStatus: null,
  conditions: [],
  clusters: clusters.map((c) => ({ clusterName: c.name, status: c.status, applied: true, health: 'Healthy' as const })),
});

// Karmada keeps each member's status in the binding's aggregatedStatus; flotilla keeps the preserved state there.
describe('controller/workloadStatuses: state preserved per copy', () => {
  it("reads each copy's state with the binding's rules", () => {
    const got = workloadStatuses(
      [
        observed([
          { name: 'm1', status: { checkpoint: 'c1' } },
          { name: 'm2', status: { checkpoint: 'c2' } },
        ]),
      ],
      [recorded([])],
      [],
      't',
    );
    assert.deepEqual(
      got.get(key)?.map((s) => [s.cluster, s.preservedLabelState]),
      [
        ['m1', { ck: 'c1' }],
        ['m2', { ck: 'c2' }],
      ],
    );
  });
  it('a member not observed this pass keeps the state recorded for it', () => {
    const got = workloadStatuses(
      [observed([{ name: 'm2', status: { checkpoint: 'c3' } }])],
      [recorded([{ cluster: 'm1', health: 'Healthy', preservedLabelState: { ck: 'c1' } }])],
      [],
      't',
    );
    assert.deepEqual(
      got.get(key)?.map((s) => [s.cluster, s.health, s.preservedLabelState]),
      [
        ['m1', 'Unknown', { ck: 'c1' }],
        ['m2', 'Healthy', { ck: 'c3' }],
      ],
    );
  });
});
