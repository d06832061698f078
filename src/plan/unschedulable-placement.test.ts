/**
 * What a binding keeps when its schedule fails, as Karmada's scheduler patches it
 * (pkg/scheduler/scheduler.go scheduleResourceBindingWithClusterAffinity /
 * scheduleResourceBindingWithClusterAffinities): a FitError (NoClusterFit) is patched as no
 * clusters; any other error leaves the binding untouched.
 */
import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { planFleet } from './plan-fleet.ts';
import { parsePrevious } from './previous.ts';

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });
const cluster = (name: string, freeCpu: number) =>
  file(
    `clusters/${name}.yaml`,
    `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${name}}\nspec: {syncMode: Push}\nstatus:\n  resourceSummary:\n    allocatable: {cpu: "${freeCpu}", memory: 64Gi, pods: "100"}\n`,
  );
const repo = (affinity: string, replicas: number) => ({
  revision: 'r1',
  problems: [],
  files: [
    cluster('member1', 2),
    cluster('member2', 2),
    file(
      'policies/pp.yaml',
      `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: web}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement:\n    clusterAffinity: {clusterNames: [${affinity}]}\n    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Aggregated}\n`,
    ),
    file(
      'apps/web.yaml',
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: ${replicas}\n  template: {spec: {containers: [{name: c, image: nginx, resources: {requests: {cpu: "1"}}}]}}\n`,
    ),
  ],
});
const previous = parsePrevious(
  [
    {
      spec: {
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
        clusters: [{ name: 'member1', replicas: 2 }],
      },
    },
  ],
  'prev.json',
).previous;

describe('plan: the clusters of a binding whose schedule fails (Karmada scheduler.go)', () => {
  const cases: { name: string; affinity: string; replicas: number; reason: string; want: unknown }[] = [
    {
      name: 'NoClusterFit (the affinity no longer matches): patched as no clusters',
      affinity: 'member3',
      replicas: 2,
      reason: 'NoClusterFit',
      want: [],
    },
    {
      name: 'Unschedulable (too few free replicas to scale up): the clusters it had',
      affinity: 'member1',
      replicas: 6,
      reason: 'Unschedulable',
      want: [{ name: 'member1', replicas: 2 }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { fleet, diagnostics } = loadFleet(repo(c.affinity, c.replicas));
      const plan = planFleet({ fleet, diagnostics, revision: 'r1', previous });
      const b = plan.bindings.find((x) => x.spec.resource.name === 'web');
      assert.equal(b?.status.conditions[0]?.reason, c.reason);
      assert.deepEqual(b?.spec.clusters, c.want);
    });
  }
});

describe('plan: a failed schedule is tried again on the next revision (Karmada retries; nothing was patched)', () => {
  it('a spread constraint no placement satisfies stays unschedulable, on the clusters it had', () => {
    const spread = (files: ReturnType<typeof repo>) => ({
      ...files,
      files: files.files.map((f) =>
        f.path === 'policies/pp.yaml'
          ? file(
              f.path,
              'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: web}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement:\n    spreadConstraints: [{spreadByField: cluster, minGroups: 3, maxGroups: 3}]\n    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Aggregated}\n',
            )
          : f,
      ),
    });
    const { fleet, diagnostics } = loadFleet(spread(repo('member1', 2)));
    const first = planFleet({ fleet, diagnostics, revision: 'r1', previous });
    const again = parsePrevious(first.bindings, 'plan.json');
    const second = planFleet({
      fleet,
      diagnostics,
      revision: 'r2',
      previous: again.previous,
      applied: again.applied,
      records: again.records,
    });
    for (const p of [first, second]) {
      const b = p.bindings.find((x) => x.spec.resource.name === 'web');
      assert.deepEqual(
        [b?.status.conditions[0]?.reason, b?.spec.clusters],
        ['SchedulerError', [{ name: 'member1', replicas: 2 }]],
      );
    }
  });
});
