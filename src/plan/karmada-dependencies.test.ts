/**
 * Karmada's dependencies-distributor tests, case by case, through flotilla's resolveDependencies,
 * mergeTargetClusters and planFleet (pkg/dependenciesdistributor/dependencies_distributor_test.go,
 * pkg/controllers/binding/common_test.go :: Test_mergeTargetClusters).
 *
 * Skipped as Go plumbing (informer events, finalizers, client updates, queue keys): Test_OnUpdate,
 * Test_reconcileResourceTemplate, Test_addFinalizer, Test_removeFinalizer,
 * Test_handleIndependentBindingDeletion, Test_removeOrphanAttachedBindings (its fact is the
 * orphan case below), Test_listAttachedBindings, Test_removeScheduleResultFromAttachedBindings,
 * Test_syncScheduleResultToAttachedBindings_doesNotWaitForInformerCacheSync,
 * Test_createOrUpdateAttachedBinding_emitsConflictEvent (an event), "update attached binding which is
 * being deleted", Test_resolveResourceBindingFromSnapshots_returnsBindings, and
 * Test_matchesWithBindingDependencies :: binding with invalid dependencies json (flotilla keeps no
 * dependencies annotation: it interprets the workload in the same pass).
 */
import assert from 'node:assert/strict';
import {
  resourceKeyOf,
  type KubeObject,
  type LabelSelector,
  type Loaded,
  type ResourceKey,
  type TargetCluster,
} from '../api/index.ts';
import { createInterpreter, type DependencyRef } from '../interpreter/index.ts';
import { loadFleet } from '../load/index.ts';
import { mergeTargetClusters, resolveDependencies } from './dependencies.ts';
import { snapshotOf, type Files } from './fleet-snapshot.test-support.ts';
import { planFleet } from './plan-fleet.ts';

describe('plan: Karmada common_test.go Test_mergeTargetClusters', () => {
  const cases: readonly { name: string; own: TargetCluster[]; required: TargetCluster[]; want: TargetCluster[] }[] = [
    {
      name: 'the same cluster',
      own: [{ name: 'foo', replicas: 1 }],
      required: [{ name: 'foo', replicas: 1 }],
      want: [{ name: 'foo', replicas: 1 }],
    },
    {
      // Karmada appends (foo, bar); flotilla's outputs are sorted by name (STYLE D2).
      name: 'different clusters',
      own: [{ name: 'foo', replicas: 1 }],
      required: [{ name: 'bar', replicas: 1 }],
      want: [
        { name: 'bar', replicas: 1 },
        { name: 'foo', replicas: 1 },
      ],
    },
  ];
  for (const c of cases) {
    // common_test.go :: Test_mergeTargetClusters :: <name>
    it(c.name, () => assert.deepEqual(mergeTargetClusters(c.own, [{ name: 'rb', clusters: c.required }]), c.want));
  }
});

const loaded = (object: KubeObject): Loaded => ({
  object,
  source: { file: 'apps/x.yaml', line: 1, column: 1, doc: 0 },
});
const object = (apiVersion: string, kind: string, namespace: string, name: string, labels?: Record<string, string>) =>
  loaded({ apiVersion, kind, metadata: { name, namespace, ...(labels ? { labels } : {}) } } as KubeObject);

/** Whether `candidate` is attached to a workload whose InterpretDependency answers `deps`. */
function attached(candidate: Loaded, deps: readonly DependencyRef[]): boolean {
  const workload = object('apps/v1', 'Deployment', candidate.object.metadata.namespace ?? '', 'requirer');
  const interpreter = { ...createInterpreter([]), interpretDependency: () => [...deps] };
  const templates = new Map<ResourceKey, Loaded>([
    [resourceKeyOf(candidate.object), candidate],
    [resourceKeyOf(workload.object), workload],
  ]);
  const byNamespace = new Map([[candidate.object.metadata.namespace ?? '', [candidate]]]);
  const sources = [{ template: workload, bindingName: 'requirer-deployment', clusters: [{ name: 'member1' }] }];
  const { requiredBy } = resolveDependencies(sources, templates, byNamespace, interpreter);
  return requiredBy.has(resourceKeyOf(candidate.object));
}

const cm = (ns = 'test', name = 'test-cm', labels?: Record<string, string>) =>
  object('v1', 'ConfigMap', ns, name, labels);
const ref = (apiVersion: string, kind: string, namespace: string, name: string): DependencyRef => ({
  apiVersion,
  kind,
  namespace,
  name,
});
const bySelector = (kind: string, labelSelector: LabelSelector): DependencyRef => ({
  apiVersion: 'v1',
  kind,
  namespace: 'test',
  labelSelector,
});

describe('plan: Karmada Test_matchesWithBindingDependencies (which templates a dependency list attaches)', () => {
  const cases: readonly { name: string; candidate: Loaded; deps: readonly DependencyRef[]; want: boolean }[] = [
    {
      name: 'test custom resource',
      candidate: object('example-stgzr.karmada.io/v1alpha1', 'Foot5zmh', 'karmadatest-vpvll', 'cr-fxzq6'),
      deps: [ref('example-stgzr.karmada.io/v1alpha1', 'Foot5zmh', 'karmadatest-vpvll', 'cr-fxzq6')],
      want: true,
    },
    {
      name: 'test configmap',
      candidate: cm('karmadatest-h46wh', 'configmap-8w426'),
      deps: [ref('v1', 'ConfigMap', 'karmadatest-h46wh', 'configmap-8w426')],
      want: true,
    },
    {
      name: 'test labels',
      candidate: cm('test', 'any', { app: 'test' }),
      deps: [bySelector('ConfigMap', { matchExpressions: [{ key: 'app', operator: 'In', values: ['test'] }] })],
      want: true,
    },
    { name: 'binding without dependencies annotation', candidate: cm(), deps: [], want: false },
    { name: 'binding with empty dependencies array', candidate: cm(), deps: [], want: false },
    { name: 'apiVersion mismatch', candidate: cm(), deps: [ref('v2', 'ConfigMap', 'test', 'test-cm')], want: false },
    { name: 'kind mismatch', candidate: cm(), deps: [ref('v1', 'Secret', 'test', 'test-cm')], want: false },
    { name: 'namespace mismatch', candidate: cm(), deps: [ref('v1', 'ConfigMap', 'other', 'test-cm')], want: false },
    { name: 'name mismatch', candidate: cm(), deps: [ref('v1', 'ConfigMap', 'test', 'other-cm')], want: false },
    {
      name: 'labelSelector does not match',
      candidate: cm('test', 'test-cm', { app: 'other' }),
      deps: [bySelector('ConfigMap', { matchLabels: { app: 'test' } })],
      want: false,
    },
    {
      name: 'object has no labels but labelSelector requires labels',
      candidate: cm(),
      deps: [bySelector('ConfigMap', { matchLabels: { app: 'test' } })],
      want: false,
    },
    {
      // Karmada: an error, and nothing is attached.
      name: 'invalid labelSelector format',
      candidate: cm('test', 'test-cm', { app: 'test' }),
      deps: [
        bySelector('ConfigMap', {
          matchExpressions: [{ key: 'app', operator: 'InvalidOperator' as 'In', values: ['test'] }],
        }),
      ],
      want: false,
    },
    {
      name: 'multiple dependencies with second one matching by name',
      candidate: object('v1', 'Secret', 'test', 'test-secret'),
      deps: [ref('v1', 'ConfigMap', 'test', 'test-cm'), ref('v1', 'Secret', 'test', 'test-secret')],
      want: true,
    },
    {
      name: 'multiple dependencies with second one matching by labelSelector',
      candidate: object('v1', 'Secret', 'test', 'test-secret', { env: 'prod' }),
      deps: [ref('v1', 'ConfigMap', 'test', 'test-cm'), bySelector('Secret', { matchLabels: { env: 'prod' } })],
      want: true,
    },
    {
      name: 'labelSelector with matchLabels',
      candidate: cm('test', 'test-cm', { app: 'test', tier: 'frontend' }),
      deps: [bySelector('ConfigMap', { matchLabels: { app: 'test' } })],
      want: true,
    },
    {
      name: 'empty labelSelector matches all',
      candidate: cm('test', 'test-cm', { app: 'test' }),
      deps: [bySelector('ConfigMap', {})],
      want: true,
    },
  ];
  for (const c of cases) {
    // dependencies_distributor_test.go :: Test_matchesWithBindingDependencies :: <name>
    it(c.name, () => assert.equal(attached(c.candidate, c.deps), c.want));
  }
});

const clusterObj = (name: string) => ({
  apiVersion: 'cluster.karmada.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name },
  spec: { syncMode: 'Push' },
});
const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'shared', namespace: 'shop' },
  data: { a: 'b' },
};
const deploymentUsing = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name, image: 'nginx', envFrom: [{ configMapRef: { name: 'shared' } }] }] },
    },
  },
});
const policy = (name: string, selects: { kind: string; name: string }, clusters: string[], extra: object = {}) => ({
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name, namespace: 'shop' },
  spec: {
    propagateDeps: true,
    resourceSelectors: [{ apiVersion: selects.kind === 'ConfigMap' ? 'v1' : 'apps/v1', ...selects }],
    placement: { clusterAffinity: { clusterNames: clusters } },
    ...extra,
  },
});
const inventory: Files = Object.fromEntries(
  ['member1', 'member2', 'member3'].map((n) => [`clusters/${n}.yaml`, [clusterObj(n)]]),
);

function plan(files: Files, previous?: Parameters<typeof planFleet>[0]['previous']) {
  const { fleet, diagnostics } = loadFleet(snapshotOf('r', { ...inventory, ...files }));
  const p = planFleet({ fleet, diagnostics, revision: 'r', ...(previous ? { previous } : {}) });
  assert.deepEqual(p.errors, []);
  const bindingOf = (kind: string, name: string) =>
    p.bindings.find((b) => b.spec.resource.kind === kind && b.spec.resource.name === name);
  const clustersOf = (kind: string, name: string) =>
    p.works
      .filter((w) => w.spec.workload.manifests[0]?.['kind'] === kind)
      .filter((w) => (w.spec.workload.manifests[0]?.['metadata'] as { name?: string } | undefined)?.name === name)
      .map((w) => w.metadata.namespace.replace('karmada-es-', ''));
  return { p, bindingOf, clustersOf };
}

describe('plan: Karmada dependencies distributor, attached bindings', () => {
  it('Test_buildAttachedBinding :: build attached binding: requiredBy names the requirer and its clusters', () => {
    const { bindingOf, clustersOf } = plan({
      'apps/cm.yaml': [configMap],
      'apps/a.yaml': [deploymentUsing('a')],
      'policies/a.yaml': [policy('a', { kind: 'Deployment', name: 'a' }, ['member1'])],
    });
    assert.deepEqual(bindingOf('ConfigMap', 'shared')?.spec.requiredBy, [
      { namespace: 'shop', name: 'a-deployment', clusters: [{ name: 'member1', replicas: 1 }] },
    ]);
    assert.deepEqual(clustersOf('ConfigMap', 'shared'), ['member1']);
  });

  it('Test_mergeBindingSnapshot :: merge binding snapshot: each requirer once, the dependency on the union', () => {
    const { bindingOf, clustersOf } = plan({
      'apps/cm.yaml': [configMap],
      'apps/a.yaml': [deploymentUsing('a'), deploymentUsing('b')],
      'policies/a.yaml': [
        policy('a', { kind: 'Deployment', name: 'a' }, ['member1']),
        policy('b', { kind: 'Deployment', name: 'b' }, ['member2']),
      ],
    });
    assert.deepEqual(
      bindingOf('ConfigMap', 'shared')?.spec.requiredBy?.map((r) => [r.name, r.clusters.map((c) => c.name)]),
      [
        ['a-deployment', ['member1']],
        ['b-deployment', ['member2']],
      ],
    );
    assert.deepEqual(clustersOf('ConfigMap', 'shared'), ['member1', 'member2']);
  });

  it('Test_deleteBindingFromSnapshot / Test_findOrphanAttachedBindings: a workload that stops using it no longer requires it', () => {
    const unused = deploymentUsing('b');
    unused.spec.template.spec.containers = [{ name: 'b', image: 'nginx', envFrom: [] }];
    const { bindingOf, clustersOf } = plan({
      'apps/cm.yaml': [configMap],
      'apps/a.yaml': [deploymentUsing('a'), unused],
      'policies/a.yaml': [
        policy('a', { kind: 'Deployment', name: 'a' }, ['member1']),
        policy('b', { kind: 'Deployment', name: 'b' }, ['member2']),
      ],
    });
    assert.deepEqual(
      bindingOf('ConfigMap', 'shared')?.spec.requiredBy?.map((r) => r.name),
      ['a-deployment'],
    );
    assert.deepEqual(clustersOf('ConfigMap', 'shared'), ['member1']);
  });

  it('Test_createOrUpdateAttachedBinding :: update attached binding with ConflictResolution: any Overwrite wins, preservation false', () => {
    const { bindingOf, p } = plan({
      'apps/cm.yaml': [configMap],
      'apps/a.yaml': [deploymentUsing('a'), deploymentUsing('b')],
      'policies/a.yaml': [
        policy('a', { kind: 'Deployment', name: 'a' }, ['member1']),
        policy('b', { kind: 'Deployment', name: 'b' }, ['member2'], { conflictResolution: 'Overwrite' }),
      ],
    });
    const spec = bindingOf('ConfigMap', 'shared')?.spec;
    assert.equal(spec?.conflictResolution, 'Overwrite');
    assert.equal(spec?.preserveResourcesOnDeletion, false);
    const cmWorks = p.works.filter((w) => w.spec.workload.manifests[0]?.['kind'] === 'ConfigMap');
    assert.deepEqual(
      cmWorks.map((w) => w.metadata.annotations['work.karmada.io/conflict-resolution']),
      ['Overwrite', 'Overwrite'],
    );
  });

  it('Test_detectAndResolvePreserveOnDeletion_DetectsAndResolvesConflict: any preserving requirer preserves it', () => {
    const { bindingOf, p } = plan({
      'apps/cm.yaml': [configMap],
      'apps/a.yaml': [deploymentUsing('a'), deploymentUsing('b')],
      'policies/a.yaml': [
        policy('a', { kind: 'Deployment', name: 'a' }, ['member1'], { preserveResourcesOnDeletion: true }),
        policy('b', { kind: 'Deployment', name: 'b' }, ['member2'], { preserveResourcesOnDeletion: false }),
      ],
    });
    const spec = bindingOf('ConfigMap', 'shared')?.spec;
    assert.equal(spec?.preserveResourcesOnDeletion, true);
    assert.equal(spec?.conflictResolution, 'Abort');
    const cmWorks = p.works.filter((w) => w.spec.workload.manifests[0]?.['kind'] === 'ConfigMap');
    assert.deepEqual(
      cmWorks.map((w) => w.spec.preserveResourcesOnDeletion),
      [true, true],
    );
  });

  it('a dependency its own policy places keeps its placement and dispatch fields, and goes to the union (createOrUpdateAttachedBinding with Placement set)', () => {
    const { bindingOf, clustersOf } = plan({
      'apps/cm.yaml': [configMap],
      'apps/a.yaml': [deploymentUsing('a')],
      'policies/a.yaml': [
        policy('a', { kind: 'Deployment', name: 'a' }, ['member1'], { conflictResolution: 'Overwrite' }),
        policy('cm', { kind: 'ConfigMap', name: 'shared' }, ['member3']),
      ],
    });
    const spec = bindingOf('ConfigMap', 'shared')?.spec;
    assert.deepEqual(spec?.clusters, [{ name: 'member3' }]);
    assert.equal(spec?.conflictResolution, undefined);
    assert.deepEqual(
      spec?.requiredBy?.map((r) => r.name),
      ['a-deployment'],
    );
    assert.deepEqual(clustersOf('ConfigMap', 'shared'), ['member1', 'member3']);
  });
});

describe('plan: Karmada dependencies distributor follows the binding, not its Scheduled condition', () => {
  it('an unschedulable workload that keeps its clusters keeps its dependencies there (the distributor reads spec.clusters)', () => {
    const key = resourceKeyOf(deploymentUsing('a') as unknown as KubeObject);
    const { p, bindingOf, clustersOf } = plan(
      {
        'apps/cm.yaml': [configMap],
        'apps/a.yaml': [deploymentUsing('a')],
        // Two clusters wanted, one fits: a spread failure, after which Karmada keeps the clusters.
        'policies/a.yaml': [
          policy('a', { kind: 'Deployment', name: 'a' }, ['member1'], {
            placement: {
              clusterAffinity: { clusterNames: ['member1'] },
              spreadConstraints: [{ spreadByField: 'cluster', minGroups: 2, maxGroups: 2 }],
            },
          }),
        ],
      },
      new Map([[key, [{ name: 'member1', replicas: 1 }]]]),
    );
    assert.equal(bindingOf('Deployment', 'a')?.status.conditions[0]?.status, 'False');
    assert.deepEqual(clustersOf('Deployment', 'a'), ['member1']);
    assert.deepEqual(clustersOf('ConfigMap', 'shared'), ['member1']);
    assert.ok(p.warnings.some((w) => w.code === 'Unschedulable'));
  });

  it('a workload never scheduled anywhere attaches nothing (the distributor drops bindings without clusters)', () => {
    const { bindingOf } = plan({
      'apps/cm.yaml': [configMap],
      'apps/a.yaml': [deploymentUsing('a')],
      'policies/a.yaml': [policy('a', { kind: 'Deployment', name: 'a' }, ['member9'])],
    });
    assert.equal(bindingOf('ConfigMap', 'shared'), undefined);
  });
});

describe('plan: Karmada distributes the dependencies of ResourceBindings only', () => {
  it('a cluster-scoped workload (a ClusterResourceBinding) takes no dependencies along (the distributor watches ResourceBindings)', () => {
    const { bindingOf, clustersOf } = plan({
      'crds/clusterworkload.yaml': [
        {
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          metadata: { name: 'clusterworkloads.example.io' },
          spec: {
            group: 'example.io',
            scope: 'Cluster',
            names: { kind: 'ClusterWorkload', plural: 'clusterworkloads', singular: 'clusterworkload' },
            versions: [
              { name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } },
            ],
          },
        },
      ],
      'interpreters/cw.yaml': [
        {
          apiVersion: 'config.karmada.io/v1alpha1',
          kind: 'ResourceInterpreterCustomization',
          metadata: { name: 'cluster-workload' },
          spec: {
            target: { apiVersion: 'example.io/v1alpha1', kind: 'ClusterWorkload' },
            customizations: {
              dependencyInterpretation: {
                luaScript:
                  'function GetDependencies(desiredObj)\n  return {{apiVersion = "v1", kind = "ConfigMap", namespace = "shop", name = "shared"}}\nend',
              },
            },
          },
        },
      ],
      'apps/cm.yaml': [configMap],
      'apps/cw.yaml': [
        { apiVersion: 'example.io/v1alpha1', kind: 'ClusterWorkload', metadata: { name: 'cw' }, spec: {} },
      ],
      'policies/cpp.yaml': [
        {
          apiVersion: 'policy.karmada.io/v1alpha1',
          kind: 'ClusterPropagationPolicy',
          metadata: { name: 'cw' },
          spec: {
            propagateDeps: true,
            resourceSelectors: [{ apiVersion: 'example.io/v1alpha1', kind: 'ClusterWorkload' }],
            placement: { clusterAffinity: { clusterNames: ['member1'] } },
          },
        },
      ],
    });
    assert.deepEqual(clustersOf('ClusterWorkload', 'cw'), ['member1']);
    assert.equal(bindingOf('ConfigMap', 'shared'), undefined);
    assert.deepEqual(clustersOf('ConfigMap', 'shared'), []);
  });
});

describe('plan: Karmada Test_handleDependentResource (a reference by name, by labels, or by neither)', () => {
  const dependedBy = { 'resourcebinding.karmada.io/depended-by-5dbb6dc9c8': '93162d3c-ee8e-4995-9034-05f4d5d2c2b9' };
  const pod = object('v1', 'Pod', 'default', 'pod', dependedBy);
  const cases: readonly { name: string; dep: DependencyRef; want: boolean }[] = [
    { name: 'nil label selector, non-empty name', dep: ref('v1', 'Pod', 'default', 'pod'), want: true },
    {
      name: 'empty name, non-nil label selector',
      dep: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', labelSelector: { matchLabels: dependedBy } },
      want: true,
    },
    // Karmada: an error ("cannot be empty at the same time"); nothing is attached.
    {
      name: 'nil label selector, empty name',
      dep: { apiVersion: 'v1', kind: 'Pod', namespace: 'default' },
      want: false,
    },
  ];
  for (const c of cases) {
    // dependencies_distributor_test.go :: Test_handleDependentResource :: <name>
    it(c.name, () => assert.equal(attached(pod, [c.dep]), c.want));
  }
});
