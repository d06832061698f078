import assert from 'node:assert/strict';
import type { Placement, PropagationPolicy } from '../api/index.ts';
import { withPolicyDefaults } from './policy-defaults.ts';

const pp = (placement?: Placement): PropagationPolicy => ({
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'p', namespace: 'default' },
  spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], ...(placement ? { placement } : {}) },
});

describe('load/withPolicyDefaults (Karmada CRD + webhook defaults)', () => {
  const cases: { name: string; in: Placement | undefined; want: Placement | undefined }[] = [
    { name: 'no placement stays absent', in: undefined, want: undefined },
    {
      name: 'no replicaScheduling stays absent (Duplicated)',
      in: { clusterAffinity: { clusterNames: ['a'] } },
      want: { clusterAffinity: { clusterNames: ['a'] } },
    },
    {
      name: 'an empty replicaScheduling is Divided/Weighted',
      in: { replicaScheduling: {} },
      want: { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted' } },
    },
    {
      name: 'Duplicated gets no preference',
      in: { replicaScheduling: { replicaSchedulingType: 'Duplicated' } },
      want: { replicaScheduling: { replicaSchedulingType: 'Duplicated' } },
    },
    {
      name: 'Aggregated is kept',
      in: { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } },
      want: { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } },
    },
    {
      name: 'spread constraint defaults: by cluster, minGroups 1',
      in: { spreadConstraints: [{ maxGroups: 2 }, { spreadByField: 'region', minGroups: 2 }] },
      want: {
        spreadConstraints: [
          { maxGroups: 2, spreadByField: 'cluster', minGroups: 1 },
          { spreadByField: 'region', minGroups: 2 },
        ],
      },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(withPolicyDefaults(pp(c.in)).spec.placement, c.want));
  it('application failover defaults', () => {
    const p = withPolicyDefaults({ ...pp(), spec: { ...pp().spec, failover: { application: {} } } });
    assert.deepEqual(p.spec.failover?.application, {
      decisionConditions: { tolerationSeconds: 300 },
      purgeMode: 'Gracefully',
      gracePeriodSeconds: 600,
    });
  });
});
