/**
 * Which templates Karmada's resource detector never propagates, case by case
 * (pkg/detector/detector_test.go :: TestEventFilter), through a planned fleet: a
 * ClusterPropagationPolicy selects every Pod, ConfigMap and Node, and a template the detector
 * filters out gets no binding. Skipped as Go plumbing: the other detector_test.go tests (queue
 * events, leader election, GVR lookup); policy matching itself is the policy stage's.
 */
import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { snapshotOf } from './fleet-snapshot.test-support.ts';
import { planFleet } from './plan-fleet.ts';

const bound = (object: { kind: string; metadata: { name: string; namespace?: string } }): boolean => {
  const { fleet, diagnostics } = loadFleet(
    snapshotOf('r', {
      'clusters/member1.yaml': [
        {
          apiVersion: 'cluster.karmada.io/v1alpha1',
          kind: 'Cluster',
          metadata: { name: 'member1' },
          spec: { syncMode: 'Push' },
        },
      ],
      'apps/object.yaml': [{ apiVersion: 'v1', ...object }],
      'policies/all.yaml': [
        {
          apiVersion: 'policy.karmada.io/v1alpha1',
          kind: 'ClusterPropagationPolicy',
          metadata: { name: 'all' },
          spec: {
            resourceSelectors: ['Pod', 'ConfigMap', 'Node'].map((kind) => ({ apiVersion: 'v1', kind })),
            placement: { clusterAffinity: { clusterNames: ['member1'] } },
          },
        },
      ],
    }),
  );
  const plan = planFleet({ fleet, diagnostics, revision: 'r' });
  assert.deepEqual(plan.errors, []);
  return plan.bindings.some(
    (b) => b.spec.resource.kind === object.kind && b.spec.resource.name === object.metadata.name,
  );
};

const pod = (namespace: string) => ({ kind: 'Pod', metadata: { name: 'test-pod', namespace } });

const cases: readonly { name: string; object: Parameters<typeof bound>[0]; want: boolean }[] = [
  { name: 'object in karmada-system namespace', object: pod('karmada-system'), want: false },
  { name: 'object in karmada-cluster namespace', object: pod('karmada-cluster'), want: false },
  { name: 'object in karmada-es-* namespace', object: pod('karmada-es-test'), want: false },
  // With the controller manager's default --skipped-propagating-namespaces=kube-.* (anchored).
  { name: 'object in skipped namespace', object: pod('kube-system'), want: false },
  { name: 'object in non-skipped namespace', object: pod('default'), want: true },
  {
    name: 'extension-apiserver-authentication configmap in kube-system',
    object: { kind: 'ConfigMap', metadata: { name: 'extension-apiserver-authentication', namespace: 'kube-system' } },
    want: false,
  },
  { name: 'cluster-scoped resource', object: { kind: 'Node', metadata: { name: 'test-node' } }, want: true },
];

describe('plan: Karmada detector_test.go TestEventFilter, which templates are propagated', () => {
  // detector_test.go :: TestEventFilter :: <name>
  for (const c of cases) it(c.name, () => assert.equal(bound(c.object), c.want));
});
