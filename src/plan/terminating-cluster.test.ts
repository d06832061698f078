/**
 * A Divided workload whose placement and replicas are unchanged is rescheduled when one of its
 * clusters is being deleted (Karmada scheduler.go doScheduleBinding → HasTerminatingTargetClusters:
 * a Cluster with a deletionTimestamp), and the deleting cluster is not a candidate
 * (generic_scheduler.go findClustersThatFit skips it).
 */
import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { planFleet } from './plan-fleet.ts';
import { parsePrevious } from './previous.ts';

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });
const placement = {
  clusterAffinity: { clusterNames: ['member1', 'member2'] },
  replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted' },
};
const repo = (deleting: boolean) => ({
  revision: 'r1',
  problems: [],
  files: [
    file(
      'clusters/member1.yaml',
      `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: member1${deleting ? ', deletionTimestamp: "2026-01-01T00:00:00Z"' : ''}}\nspec: {syncMode: Push}\n`,
    ),
    file(
      'clusters/member2.yaml',
      'apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: member2}\nspec: {syncMode: Push}\n',
    ),
    file(
      'policies/pp.yaml',
      `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: web}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement: ${JSON.stringify(placement)}\n`,
    ),
    file(
      'apps/web.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2, template: {spec: {containers: [{name: c, image: nginx}]}}}\n',
    ),
  ],
});
const previous = parsePrevious(
  [
    {
      spec: {
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
        clusters: [{ name: 'member1', replicas: 2 }],
        placement,
      },
    },
  ],
  'prev.json',
);

describe('plan: a cluster being deleted (Karmada HasTerminatingTargetClusters)', () => {
  const cases: { name: string; deleting: boolean; want: unknown }[] = [
    { name: 'not deleting: the unchanged Divided workload keeps its cluster', deleting: false, want: ['member1'] },
    { name: 'deleting: the workload is scheduled again, off that cluster', deleting: true, want: ['member2'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { fleet, diagnostics } = loadFleet(repo(c.deleting));
      const p = planFleet({
        fleet,
        diagnostics,
        revision: 'r1',
        previous: previous.previous,
        applied: previous.applied,
      });
      const b = p.bindings.find((x) => x.spec.resource.name === 'web');
      assert.deepEqual(
        b?.spec.clusters.map((x) => x.name),
        c.want,
      );
    });
  }
});
