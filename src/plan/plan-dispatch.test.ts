/** Suspension, preservation and conflict resolution over a small fleet (Karmada pkg/controllers/binding/common.go ensureWork). */
import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { planFleet } from './plan-fleet.ts';

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });
function plan(policyExtra: string, templateAnnotations = '{}') {
  const snapshot = {
    revision: 'r1',
    problems: [],
    files: [
      ...['member1', 'member2'].map((n) =>
        file(
          `clusters/${n}.yaml`,
          `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${n}}\nspec: {syncMode: Push}\n`,
        ),
      ),
      file(
        'policies/pp.yaml',
        `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: web, namespace: shop}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\n  placement:\n    clusterAffinity: {clusterNames: [member1, member2]}\n${policyExtra}`,
      ),
      file(
        'apps/web.yaml',
        `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web, namespace: shop, annotations: ${templateAnnotations}}\ndata: {k: v}\n`,
      ),
    ],
  };
  const { fleet, diagnostics } = loadFleet(snapshot);
  return planFleet({ fleet, diagnostics, revision: 'r1' });
}
const configMapWorks = (p: ReturnType<typeof plan>) =>
  p.works.filter((w) => w.spec.workload.manifests[0]?.['kind'] === 'ConfigMap');
const summary = (p: ReturnType<typeof plan>) =>
  configMapWorks(p).map((w) => ({
    cluster: w.metadata.namespace.slice('karmada-es-'.length),
    suspend: w.spec.suspendDispatching ?? false,
    preserve: w.spec.preserveResourcesOnDeletion ?? false,
    conflict: w.metadata.annotations['work.karmada.io/conflict-resolution'],
  }));

describe('plan: Work dispatch fields from the policy', () => {
  const cases: { name: string; extra: string; annotations?: string; want: ReturnType<typeof summary> }[] = [
    {
      name: "Karmada's defaults: dispatched, deleted on withdrawal, Abort",
      extra: '',
      want: [
        { cluster: 'member1', suspend: false, preserve: false, conflict: 'Abort' },
        { cluster: 'member2', suspend: false, preserve: false, conflict: 'Abort' },
      ],
    },
    {
      name: 'suspension.dispatching suspends every Work',
      extra: '  suspension: {dispatching: true}\n',
      want: [
        { cluster: 'member1', suspend: true, preserve: false, conflict: 'Abort' },
        { cluster: 'member2', suspend: true, preserve: false, conflict: 'Abort' },
      ],
    },
    {
      name: 'dispatchingOnClusters suspends the listed cluster only',
      extra: '  suspension: {dispatchingOnClusters: {clusterNames: [member2]}}\n',
      want: [
        { cluster: 'member1', suspend: false, preserve: false, conflict: 'Abort' },
        { cluster: 'member2', suspend: true, preserve: false, conflict: 'Abort' },
      ],
    },
    {
      name: 'preserveResourcesOnDeletion marks every Work',
      extra: '  preserveResourcesOnDeletion: true\n',
      want: [
        { cluster: 'member1', suspend: false, preserve: true, conflict: 'Abort' },
        { cluster: 'member2', suspend: false, preserve: true, conflict: 'Abort' },
      ],
    },
    {
      name: 'conflictResolution Overwrite',
      extra: '  conflictResolution: Overwrite\n',
      want: [
        { cluster: 'member1', suspend: false, preserve: false, conflict: 'Overwrite' },
        { cluster: 'member2', suspend: false, preserve: false, conflict: 'Overwrite' },
      ],
    },
    {
      name: "the template's annotation wins over the policy",
      extra: '  conflictResolution: Overwrite\n',
      annotations: '{work.karmada.io/conflict-resolution: Abort}',
      want: [
        { cluster: 'member1', suspend: false, preserve: false, conflict: 'Abort' },
        { cluster: 'member2', suspend: false, preserve: false, conflict: 'Abort' },
      ],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(summary(plan(c.extra, c.annotations)), c.want));

  it('the binding carries the policy fields as Karmada copies them', () => {
    const p = plan(
      '  suspension: {dispatchingOnClusters: {clusterNames: [member2]}}\n  preserveResourcesOnDeletion: true\n  conflictResolution: Overwrite\n',
    );
    const spec = p.bindings[0]?.spec;
    assert.deepEqual(
      [spec?.suspension, spec?.preserveResourcesOnDeletion, spec?.conflictResolution],
      [{ dispatchingOnClusters: { clusterNames: ['member2'] } }, true, 'Overwrite'],
    );
  });
  it('a suspended Work still carries the new manifest (Karmada updates the Work, only dispatch stops)', () => {
    const p = plan('  suspension: {dispatching: true}\n');
    assert.deepEqual(
      configMapWorks(p).map((w) => w.spec.workload.manifests[0]?.['data']),
      [{ k: 'v' }, { k: 'v' }],
    );
  });
  it('a namespace Work flotilla adds takes over a namespace made by hand (flotilla differs)', () => {
    const ns = plan('').works.filter((w) => w.spec.workload.manifests[0]?.['kind'] === 'Namespace');
    assert.deepEqual(
      ns.map((w) => w.metadata.annotations['work.karmada.io/conflict-resolution']),
      ['Overwrite', 'Overwrite'],
    );
  });
});
