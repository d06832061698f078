/**
 * Karmada's tests of what ensureWork puts into each Work, case by case
 * (pkg/controllers/binding/common_test.go), through flotilla's own functions.
 *
 * Skipped as Go plumbing: TestBuildJobCompletionsMap (a slice turned into a map), the
 * binding_controller_test.go and cluster_resource_binding_controller_test.go cases (Reconcile,
 * finalizers, orphan Works and override-policy event handlers of a controller flotilla does not
 * have). Test_mergeTargetClusters is in src/plan/karmada-dependencies.test.ts, beside flotilla's
 * mergeTargetClusters.
 *
 * Contract differences (DESIGN "Contracts"): where Karmada's mergeLabel and mergeAnnotations put
 * the binding's permanent-ID label and its namespace/name annotations on the workload, flotilla puts
 * its ownership marks, `app.kubernetes.io/managed-by: flotilla` and `flotilla.io/binding:
 * <namespace>/<name>` (a cluster-scoped binding: `<name>`); those cases assert flotilla's marks.
 */
import assert from 'node:assert/strict';
import {
  bindingAnnotation,
  conflictResolutionAnnotation,
  managedByLabel,
  managedByValue,
  type Cluster,
  type JsonObject,
  type KubeObject,
  type Loaded,
  type Placement,
  type Suspension,
} from '../api/index.ts';
import { createInterpreter } from '../interpreter/index.ts';
import { cluster } from '../scheduler/fixtures.test-support.ts';
import { mergeConflictResolution, shouldSuspendDispatching, type ConflictResolution } from './dispatch.ts';
import { source } from './fixtures.test-support.ts';
import { applyJobCompletions, divideJobCompletions, needReviseJobCompletions } from './job-completions.ts';
import { renderBinding, type RenderContext } from './render-binding.ts';

const loaded = <T extends KubeObject>(object: T, file = 'apps/x.yaml'): Loaded<T> => ({ object, source: source(file) });
const ctx: RenderContext = {
  clusters: new Map(
    ['cluster-a', 'cluster-b', 'cluster1', 'cluster2'].map((n) => [n, loaded<Cluster>(cluster(n))] as const),
  ),
  interpreter: createInterpreter([]),
};
const metadataOf = (m: JsonObject | undefined) => (m?.['metadata'] ?? {}) as Record<string, Record<string, string>>;

describe('render: Karmada common_test.go Test_mergeLabel / Test_mergeAnnotations (flotilla marks instead)', () => {
  const cases: readonly { name: string; template: KubeObject; binding: string }[] = [
    {
      // common_test.go :: Test_mergeLabel, Test_mergeAnnotations :: NamespaceScoped
      name: 'NamespaceScoped',
      template: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'demo-deployment', namespace: 'fake-ns' },
      } as KubeObject,
      binding: 'fake-ns/fake-bindingName',
    },
    {
      // common_test.go :: Test_mergeLabel, Test_mergeAnnotations :: ClusterScoped
      name: 'ClusterScoped',
      template: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo-ns' } } as KubeObject,
      binding: 'fake-bindingName',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = renderBinding(ctx, {
        template: loaded(c.template),
        binding: c.binding,
        clusters: [{ name: 'cluster1' }],
        isWorkload: false,
        overrides: [],
      });
      const meta = metadataOf(r.works[0]?.spec.workload.manifests[0]);
      assert.equal(meta['labels']?.[managedByLabel], managedByValue);
      assert.equal(meta['annotations']?.[bindingAnnotation], c.binding);
    });
  }
});

describe('render: Karmada common_test.go Test_mergeConflictResolution', () => {
  const cases: readonly {
    name: string;
    inTemplate?: string;
    inBinding: ConflictResolution;
    want: ConflictResolution;
  }[] = [
    { name: 'EmptyInRT_OverwriteInRB', inBinding: 'Overwrite', want: 'Overwrite' },
    { name: 'EmptyInRT_AbortInRB', inBinding: 'Abort', want: 'Abort' },
    // The template values are work/v1alpha2 ResourceConflictResolutionOverwrite / ...Abort: lower case.
    { name: 'OverwriteInRT_AbortInPP', inTemplate: 'overwrite', inBinding: 'Abort', want: 'Overwrite' },
    { name: 'AbortInRT_OverwriteInPP', inTemplate: 'abort', inBinding: 'Overwrite', want: 'Abort' },
    { name: 'InvalidInRT_OverwriteInPP', inTemplate: 'unknown', inBinding: 'Overwrite', want: 'Overwrite' },
  ];
  for (const c of cases) {
    // common_test.go :: Test_mergeConflictResolution :: <name>
    it(c.name, () => {
      const annotations = c.inTemplate === undefined ? undefined : { [conflictResolutionAnnotation]: c.inTemplate };
      assert.equal(mergeConflictResolution(annotations, c.inBinding), c.want);
    });
  }
});

describe('render: Karmada common_test.go Test_shouldSuspendDispatching', () => {
  const cases: readonly { name: string; suspension?: Suspension; cluster?: string; want: boolean }[] = [
    { name: 'false for nil suspension', want: false },
    { name: 'false for nil dispatching', suspension: {}, want: false },
    { name: 'false for not suspension', suspension: { dispatching: false }, want: false },
    { name: 'true for suspension', suspension: { dispatching: true }, want: true },
    {
      name: 'true for matching cluster',
      suspension: { dispatchingOnClusters: { clusterNames: ['clusterA'] } },
      cluster: 'clusterA',
      want: true,
    },
    {
      name: 'false for mismatched cluster',
      suspension: { dispatchingOnClusters: { clusterNames: ['clusterB'] } },
      cluster: 'clusterA',
      want: false,
    },
  ];
  for (const c of cases) {
    // common_test.go :: Test_shouldSuspendDispatching :: <name>
    it(c.name, () => assert.equal(shouldSuspendDispatching(c.suspension, c.cluster ?? ''), c.want));
  }
});

describe('render: Karmada common_test.go Test_needReviseJobCompletions', () => {
  const divided: Placement = { replicaScheduling: { replicaSchedulingType: 'Divided' } };
  const cases: readonly { name: string; replicas: number; placement?: Placement; want: boolean }[] = [
    { name: 'replicas is zero', replicas: 0, placement: divided, want: false },
    { name: 'placement is nil', replicas: 1, want: false },
    {
      name: 'replica scheduling type is not divided',
      replicas: 1,
      placement: { replicaScheduling: { replicaSchedulingType: 'Duplicated' } },
      want: false,
    },
    { name: 'replica scheduling type is divided', replicas: 1, placement: divided, want: true },
  ];
  for (const c of cases) {
    // common_test.go :: Test_needReviseJobCompletions :: <name>
    it(c.name, () => assert.equal(needReviseJobCompletions(c.replicas, c.placement), c.want));
  }
});

const job = (spec: JsonObject): KubeObject =>
  ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'test-job', namespace: 'default' }, spec }) as KubeObject;

describe('render: Karmada common_test.go Test_divideReplicasByJobCompletions', () => {
  it('completions found', () => {
    // common_test.go :: Test_divideReplicasByJobCompletions :: completions found
    const got = divideJobCompletions(job({ completions: 10 }), [
      { name: 'cluster1', replicas: 5 },
      { name: 'cluster2', replicas: 5 },
    ]);
    assert.deepEqual(
      [...(got ?? [])],
      [
        ['cluster1', 5],
        ['cluster2', 5],
      ],
    );
  });
  it('error in NestedInt64: a spec that is no object divides nothing', () => {
    // common_test.go :: Test_divideReplicasByJobCompletions :: error in NestedInt64 (Karmada errs; the
    // Work is not written. flotilla's loader rejects such a Job, so here nothing is divided.)
    const invalid = { ...job({}), spec: 'invalid' } as unknown as KubeObject;
    assert.equal(divideJobCompletions(invalid, [{ name: 'cluster1', replicas: 5 }]), undefined);
  });
});

describe('render: Karmada common_test.go TestApplyJobCompletions', () => {
  const workload = job({ completions: 10, parallelism: 2 }) as unknown as JsonObject;
  it('apply completions successfully', () => {
    // common_test.go :: TestApplyJobCompletions :: apply completions successfully
    const completions = new Map([
      ['cluster-a', 6],
      ['cluster-b', 4],
    ]);
    const got = applyJobCompletions(workload, completions.get('cluster-a') ?? -1);
    assert.equal((got['spec'] as JsonObject)['completions'], 6);
    assert.equal((workload['spec'] as JsonObject)['completions'], 10, 'the input is not changed');
  });
  it('cluster not in map: its manifest keeps the template completions', () => {
    // common_test.go :: TestApplyJobCompletions :: cluster not in map returns error (Karmada never
    // renders such a cluster; flotilla's only such cluster is an evicted copy, which keeps them).
    const r = renderBinding(ctx, {
      template: loaded(workload as unknown as KubeObject),
      binding: 'default/test-job-job',
      clusters: [{ name: 'cluster-a', replicas: 2 }],
      isWorkload: true,
      overrides: [],
      jobCompletions: new Map([['cluster-b', 6]]),
    });
    assert.equal((r.works[0]?.spec.workload.manifests[0]?.['spec'] as JsonObject | undefined)?.['completions'], 10);
  });
  it('a work-queue Job (no completions) is left without them', () => {
    // common.go applyJobCompletions: helper.ApplyReplica sets the field only when the template has it
    const queue = job({ parallelism: 4 }) as unknown as JsonObject;
    assert.deepEqual(applyJobCompletions(queue, 3), queue);
  });
});
