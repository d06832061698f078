/**
 * Which namespaces flotilla creates on members, checked against Karmada's namespace sync
 * controller tests (pkg/controllers/namespace/namespace_sync_controller_test.go). flotilla creates a
 * namespace where an object placed in it lands (docs/karmada-differences.md); these cases pin
 * which namespaces are never created that way.
 *
 * Skipped as Go plumbing: "Namespace not found", "Namespace is being deleted",
 * TestController_SetupWithManager. Not ported: TestController_buildWorks (a ClusterOverridePolicy
 * on the synced namespace): flotilla's namespace Works take no overrides (see the report).
 */
import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { snapshotOf, type Files } from './fleet-snapshot.test-support.ts';
import { planFleet } from './plan-fleet.ts';

const files = (namespace: string, namespaceLabels?: Record<string, string>): Files => ({
  'clusters/cluster1.yaml': [
    {
      apiVersion: 'cluster.karmada.io/v1alpha1',
      kind: 'Cluster',
      metadata: { name: 'cluster1' },
      spec: { syncMode: 'Push' },
    },
  ],
  ...(namespaceLabels
    ? {
        'apps/ns.yaml': [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: namespaceLabels } },
        ],
      }
    : {}),
  'apps/cm.yaml': [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace }, data: { a: 'b' } }],
  'policies/cpp.yaml': [
    {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'ClusterPropagationPolicy',
      metadata: { name: 'all-configmaps' },
      spec: {
        resourceSelectors: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
        placement: { clusterAffinity: { clusterNames: ['cluster1'] } },
      },
    },
  ],
});

/** The namespaces whose Namespace Works the plan has. */
function namespaceWorks(f: Files): string[] {
  const { fleet, diagnostics } = loadFleet(snapshotOf('r', f));
  const plan = planFleet({ fleet, diagnostics, revision: 'r' });
  assert.deepEqual(plan.errors, []);
  return plan.works
    .map((w) => w.spec.workload.manifests[0])
    .filter((m) => m?.['kind'] === 'Namespace')
    .map((m) => (m?.['metadata'] as { name?: string } | undefined)?.name ?? '');
}

const cases: readonly { name: string; files: Files; want: string[] }[] = [
  // namespace_sync_controller_test.go :: TestController_Reconcile :: Namespace should be synced
  { name: 'Namespace should be synced', files: files('test-namespace', {}), want: ['test-namespace'] },
  // TestController_namespaceShouldBeSynced :: Regular namespace (no Namespace in the repo)
  { name: 'Regular namespace', files: files('test-namespace'), want: ['test-namespace'] },
  // TestController_namespaceShouldBeSynced :: Default namespace
  { name: 'Default namespace', files: files('default'), want: [] },
  // TestController_Reconcile :: Namespace with skip auto propagation label
  {
    name: 'Namespace with skip auto propagation label',
    files: files('skip-namespace', { 'namespace.karmada.io/skip-auto-propagation': 'true' }),
    want: [],
  },
  {
    // namespace_sync_controller.go Reconcile compares the label lower-cased
    name: 'skip auto propagation label in capitals',
    files: files('skip-namespace', { 'namespace.karmada.io/skip-auto-propagation': 'True' }),
    want: [],
  },
  {
    name: 'skip auto propagation label other than true',
    files: files('test-namespace', { 'namespace.karmada.io/skip-auto-propagation': 'no' }),
    want: ['test-namespace'],
  },
];

describe('plan: Karmada namespace sync controller tests, which namespaces are created on members', () => {
  for (const c of cases) it(c.name, () => assert.deepEqual(namespaceWorks(c.files), c.want));
});
