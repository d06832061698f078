/**
 * A Job's completions in the planned Works: divided with its parallelism when the placement is
 * Divided, left whole when Duplicated (Karmada pkg/controllers/binding/common.go ensureWork:
 * needReviseJobCompletions, divideReplicasByJobCompletions, applyJobCompletions).
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { loadFleet } from '../load/index.ts';
import { planFleet } from './plan-fleet.ts';

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });
const clusterFile = (name: string) =>
  file(
    `clusters/${name}.yaml`,
    `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${name}}\nspec: {syncMode: Push}\n`,
  );

/** The spec of the Job rendered for each cluster, by cluster. */
function jobSpecs(jobSpec: string, replicaScheduling: string): Record<string, JsonObject> {
  const { fleet, diagnostics } = loadFleet({
    revision: 'r',
    problems: [],
    files: [
      clusterFile('member1'),
      clusterFile('member2'),
      file(
        'apps/job.yaml',
        `apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi, namespace: default}\nspec: ${jobSpec}\n`,
      ),
      file(
        'policies/pp.yaml',
        `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: pi, namespace: default}\nspec:\n  resourceSelectors: [{apiVersion: batch/v1, kind: Job, name: pi}]\n  placement:\n    clusterAffinity: {clusterNames: [member1, member2]}\n    replicaScheduling: ${replicaScheduling}\n`,
      ),
    ],
  });
  const plan = planFleet({ fleet, diagnostics, revision: 'r' });
  assert.deepEqual(plan.errors, []);
  return Object.fromEntries(
    plan.works.map((w) => [w.metadata.namespace.replace('karmada-es-', ''), w.spec.workload.manifests[0]?.['spec']]),
  ) as Record<string, JsonObject>;
}

const template =
  '{parallelism: 3, completions: 10, template: {spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}';
const weighted = (w1: number, w2: number) =>
  `{replicaSchedulingType: Divided, replicaDivisionPreference: Weighted, weightPreference: {staticWeightList: [{targetCluster: {clusterNames: [member1]}, weight: ${w1}}, {targetCluster: {clusterNames: [member2]}, weight: ${w2}}]}}`;

const cases: readonly {
  name: string;
  spec: string;
  scheduling: string;
  want: Record<string, { parallelism: number; completions?: number }>;
}[] = [
  {
    name: 'Divided 2:1: parallelism 2 and 1, completions 10 divided by them (7 and 3)',
    spec: template,
    scheduling: weighted(2, 1),
    want: { member1: { parallelism: 2, completions: 7 }, member2: { parallelism: 1, completions: 3 } },
  },
  {
    name: 'Duplicated: every cluster runs the whole Job',
    spec: template,
    scheduling: '{replicaSchedulingType: Duplicated}',
    want: { member1: { parallelism: 3, completions: 10 }, member2: { parallelism: 3, completions: 10 } },
  },
  {
    name: 'Divided work-queue Job (no completions): only parallelism is divided',
    spec: '{parallelism: 4, template: {spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}',
    scheduling: weighted(1, 1),
    want: { member1: { parallelism: 2 }, member2: { parallelism: 2 } },
  },
];

describe('plan: a Job is rendered with its share of the completions (Karmada ensureWork)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const specs = jobSpecs(c.spec, c.scheduling);
      const got = Object.fromEntries(
        Object.entries(specs).map(([cluster, s]) => [
          cluster,
          {
            parallelism: s['parallelism'],
            ...(s['completions'] !== undefined ? { completions: s['completions'] } : {}),
          },
        ]),
      );
      assert.deepEqual(got, c.want);
    });
  }
});
