/**
 * A binding scheduled by a later clusterAffinities term stays with that term: Karmada's
 * scheduleResourceBindingWithClusterAffinities starts from `status.schedulerObservingAffinityName`
 * (getAffinityIndex), which the previous binding records, and keeps the name when no term schedules.
 * Facts from pkg/scheduler/scheduler_test.go :: TestScheduleResourceBindingWithClusterAffinities ::
 * "without explicit rescheduling resumes from observed affinity" and "all affinities fail" (no patch).
 */
import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { planFleet } from './plan-fleet.ts';
import { parsePrevious } from './previous.ts';

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });
const repo = (clusters: readonly string[]) => ({
  revision: 'r1',
  problems: [],
  files: [
    ...clusters.map((n) =>
      file(
        `clusters/${n}.yaml`,
        `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${n}}\nspec: {syncMode: Push}\n`,
      ),
    ),
    file(
      'policies/pp.yaml',
      'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: cfg}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\n  placement:\n    clusterAffinities:\n      - {affinityName: primary, clusterNames: [member1]}\n      - {affinityName: backup, clusterNames: [member2]}\n',
    ),
    file('apps/cfg.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {k: v}\n'),
  ],
});
const previousOn = (cluster: string, observed?: string) =>
  parsePrevious(
    [
      {
        metadata: { name: 'cfg-configmap', namespace: 'default' },
        spec: {
          resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'cfg' },
          clusters: [{ name: cluster }],
        },
        ...(observed ? { status: { schedulerObservingAffinityName: observed } } : {}),
      },
    ],
    'prev.json',
  );

describe('plan: clusterAffinities start from the observed term (Karmada getAffinityIndex)', () => {
  const cases: {
    name: string;
    clusters: string[];
    previous?: ReturnType<typeof previousOn>;
    want: [string[], string | undefined];
  }[] = [
    { name: 'no history: the first term', clusters: ['member1', 'member2'], want: [['member1'], 'primary'] },
    {
      name: 'scheduled by backup before: stays on backup though primary fits again',
      clusters: ['member1', 'member2'],
      previous: previousOn('member2', 'backup'),
      want: [['member2'], 'backup'],
    },
    {
      name: 'a previous binding without an observed term: the first term',
      clusters: ['member1', 'member2'],
      previous: previousOn('member2'),
      want: [['member1'], 'primary'],
    },
    {
      name: 'no term schedules: the observed term is kept',
      clusters: ['member3'],
      previous: previousOn('member2', 'backup'),
      want: [[], 'backup'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { fleet, diagnostics } = loadFleet(repo(c.clusters));
      const p = planFleet({
        fleet,
        diagnostics,
        revision: 'r1',
        ...(c.previous ? { previous: c.previous.previous, records: c.previous.records } : {}),
      });
      const b = p.bindings.find((x) => x.spec.resource.name === 'cfg');
      assert.deepEqual([b?.spec.clusters.map((x) => x.name), b?.status.schedulerObservingAffinityName], c.want);
    });
  }
});
