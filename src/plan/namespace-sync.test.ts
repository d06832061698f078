/**
 * Which namespaces flotilla creates on members, checked against Karmada's namespace sync
 * controller tests (pkg/controllers/namespace/namespace_sync_controller_test.go). flotilla creates a
 * namespace where an object placed in it lands (docs/karmada-differences.md); these cases pin
 * which namespaces are never created that way.
 *
 * Skipped as Go plumbing: "Namespace not found", "Namespace is being deleted",
 * TestController_SetupWithManager.
 */
import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { snapshotOf, type Files } from './fleet-snapshot.test-support.ts';
import { planFleet } from './plan-fleet.ts';

/** A ClusterPropagationPolicy placing every ConfigMap on the clusters named. */
const configMapsTo = (clusterNames: string[]) => ({
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'ClusterPropagationPolicy',
  metadata: { name: 'all-configmaps' },
  spec: {
    resourceSelectors: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
    placement: { clusterAffinity: { clusterNames } },
  },
});

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
  'policies/cpp.yaml': [configMapsTo(['cluster1'])],
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

const twoClusters = (cop: object | undefined): Files => ({
  ...Object.fromEntries(
    ['cluster1', 'cluster2'].map((n) => [
      `clusters/${n}.yaml`,
      [
        {
          apiVersion: 'cluster.karmada.io/v1alpha1',
          kind: 'Cluster',
          metadata: { name: n },
          spec: { syncMode: 'Push' },
        },
      ],
    ]),
  ),
  'apps/ns.yaml': [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'test-namespace', labels: { overridden: 'false' } } },
  ],
  'apps/cm.yaml': [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'test-namespace' } }],
  'policies/cpp.yaml': [configMapsTo(['cluster1', 'cluster2'])],
  ...(cop ? { 'policies/cop.yaml': [cop] } : {}),
});

/** namespace_sync_controller_test.go :: TestController_buildWorks's ClusterOverridePolicy, with one plaintext rule. */
const cop = (rule: object) => ({
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'ClusterOverridePolicy',
  metadata: { name: 'test-override' },
  spec: {
    resourceSelectors: [{ apiVersion: 'v1', kind: 'Namespace', name: 'test-namespace' }],
    overrideRules: [{ targetCluster: { clusterNames: ['cluster1'] }, overriders: { plaintext: [rule] } }],
  },
});

describe('plan: Karmada TestController_buildWorks, a ClusterOverridePolicy on the synced namespace', () => {
  const labelOn = (f: Files) => {
    const { fleet, diagnostics } = loadFleet(snapshotOf('r', f));
    const plan = planFleet({ fleet, diagnostics, revision: 'r' });
    assert.deepEqual(plan.errors, []);
    return Object.fromEntries(
      plan.works
        .filter((w) => w.spec.workload.manifests[0]?.['kind'] === 'Namespace')
        .map((w) => [
          w.metadata.namespace.replace('karmada-es-', ''),
          (w.spec.workload.manifests[0]?.['metadata'] as { labels?: Record<string, string> } | undefined)?.labels?.[
            'overridden'
          ],
        ]),
    );
  };
  it('Build works without override', () => {
    // namespace_sync_controller_test.go :: TestController_buildWorks :: Build works without override
    assert.deepEqual(labelOn(twoClusters(undefined)), { cluster1: 'false', cluster2: 'false' });
  });
  it('Build works with override', () => {
    // namespace_sync_controller_test.go :: TestController_buildWorks :: Build works with override
    const rule = { path: '/metadata/labels/overridden', operator: 'add', value: 'true' };
    assert.deepEqual(labelOn(twoClusters(cop(rule))), { cluster1: 'true', cluster2: 'false' });
  });
  it('an override that cannot be applied to the namespace fails the revision, in a check plan too', () => {
    const files = twoClusters(cop({ path: '/spec/missing/field', operator: 'replace', value: 'x' }));
    for (const works of ['keep', 'check'] as const) {
      const { fleet, diagnostics } = loadFleet(snapshotOf('r', files));
      const plan = planFleet({ fleet, diagnostics, revision: 'r', works });
      assert.deepEqual(
        plan.errors.map((e) => [e.code, e.file]),
        [['OverridePathMissing', 'policies/cop.yaml']],
        works,
      );
    }
  });
});
