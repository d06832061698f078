/**
 * placement.workloadAffinity through plan (Karmada detector getWorkloadAffinityGroups, plugins
 * workloadaffinity obeyAffinityGroup / workloadantiaffinity obeyAntiAffinityGroup): templates are
 * scheduled in resource-key order, each seeing its peers where this pass or the previous one put them.
 */
import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { planFleet, type Plan } from './plan-fleet.ts';
import { parsePrevious } from './previous.ts';

const enc = new TextEncoder();
const clusters = ['m1', 'm2', 'm3'].map((n) => ({
  path: `clusters/${n}.yaml`,
  text: `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${n}}\nspec: {syncMode: Push}\n`,
}));
const app = (name: string, group?: string) => ({
  path: `apps/${name}.yaml`,
  text: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}${group ? `, labels: {app.group: ${group}}` : ''}}\nspec: {replicas: 1}\n`,
});
const pp = (term: 'affinity' | 'antiAffinity') => ({
  path: 'policies/pp.yaml',
  text: `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: pp}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement:\n    spreadConstraints: [{spreadByField: cluster, maxGroups: 1, minGroups: 1}]\n    workloadAffinity: {${term}: {groupByLabelKey: app.group}}\n`,
});

function plan(files: readonly { path: string; text: string }[], previous: unknown[] = []): Plan {
  const { fleet, diagnostics } = loadFleet({
    revision: 'r',
    problems: [],
    files: [...clusters, ...files].map((f) => ({ path: f.path, bytes: enc.encode(f.text) })),
  });
  const prev = parsePrevious(previous, 'prev.json');
  return planFleet({ fleet, diagnostics, revision: 'r', previous: prev.previous, records: prev.records });
}
const where = (p: Plan) =>
  Object.fromEntries(p.bindings.map((b) => [b.spec.resource.name, b.spec.clusters.map((c) => c.name).join(',')]));
const ranOn = (name: string, cluster: string) => ({
  spec: {
    resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name },
    clusters: [{ name: cluster, replicas: 1 }],
  },
});

describe('plan: placement.workloadAffinity', () => {
  const cases: {
    name: string;
    files: { path: string; text: string }[];
    previous?: unknown[];
    want: Record<string, string>;
  }[] = [
    {
      name: 'affinity: a workload joins the cluster its group runs on',
      files: [pp('affinity'), app('a', 'front'), app('b', 'front')],
      previous: [ranOn('a', 'm3')],
      want: { a: 'm3', b: 'm3' },
    },
    {
      name: 'affinity: the first workload of a group is free',
      files: [pp('affinity'), app('a', 'front'), app('b', 'back')],
      want: { a: 'm1', b: 'm1' },
    },
    {
      name: 'affinity: a peer not reached yet counts where it ran',
      files: [pp('affinity'), app('a', 'front'), app('b', 'front')],
      previous: [ranOn('b', 'm2')],
      want: { a: 'm2', b: 'm2' },
    },
    {
      name: 'anti-affinity: workloads of a group avoid each other',
      files: [pp('antiAffinity'), app('a', 'front'), app('b', 'front'), app('c', 'front')],
      want: { a: 'm1', b: 'm2', c: 'm3' },
    },
    {
      name: 'anti-affinity: a template without the label is not in the group',
      files: [pp('antiAffinity'), app('a', 'front'), app('b')],
      want: { a: 'm1', b: 'm1' },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(where(plan(c.files, c.previous)), c.want));
  it("anti-affinity: no cluster left is NoClusterFit with Karmada's reason", () => {
    const p = plan([pp('antiAffinity'), app('a', 'front'), app('b', 'front'), app('c', 'front'), app('d', 'front')]);
    const d = p.bindings.find((b) => b.spec.resource.name === 'd');
    assert.deepEqual(
      [d?.status.conditions[0]?.reason, d?.status.conditions[0]?.message],
      ['NoClusterFit', '0/3 clusters are available: 3 cluster already has workload with the same anti-affinity group.'],
    );
  });
  it('D7: the same plan with the files in another order (anti-affinity order is resource-key order)', () => {
    const files = [pp('antiAffinity'), app('a', 'front'), app('b', 'front'), app('c', 'front')];
    assert.equal(JSON.stringify(plan([...files].reverse()).bindings), JSON.stringify(plan(files).bindings));
  });
  it('the binding carries its groups', () =>
    assert.deepEqual(plan([pp('affinity'), app('a', 'front')]).bindings[0]?.spec.workloadAffinityGroups, {
      affinityGroup: 'app.group=front',
    }));
});
