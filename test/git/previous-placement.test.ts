/**
 * The planner's previous placement comes from the status branch (issue 7, write-back: "the
 * planner reads the previous placement from this branch"). A fleet on the test git server is
 * reconciled once; then its Aggregated Deployments are scaled up and the cluster capacities
 * change. The second reconcile's bindings on the status branch must equal `flotilla plan
 * --previous <first plan JSON>`, and differ from a plan without a previous placement.
 *
 * The second revision is the scheduler conformance case
 * ../shared/conformance/cases/scheduler/divide-aggregated-scale-up-prefers-previous-clusters.yaml
 * (Karmada assignment_test.go Test_dynamicScale): scaling 12 → 24 from 4/8 on member1/member2
 * gives cpu-bound 7/12/5 and mem-bound 10/14. The first revision's capacities are chosen so that
 * a fresh schedule of 12 replicas gives exactly that 4/8. A third Deployment, `steady`, keeps its
 * replicas and placement: Karmada does not reschedule such a Divided workload when clusters change
 * (src/plan/schedule-trigger.ts), so it stays where the first revision put it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { reconcileOnce } from '../../src/controller/reconcile.ts';
import { childEnv, runFlotilla } from './helpers/cli-process.ts';
import { remoteContext, remoteStatusFile, startFleetRigWith, type FleetRig } from './helpers/fleet.ts';
import { commitAndPush } from './helpers/workspace.ts';

type Targets = { name: string; replicas?: number }[];

/** A member cluster with 32 CPUs, 64Gi and 110 pods, of which `cpu` CPUs and `memGi` Gi are allocated. */
function cluster(name: string, allocated: { cpu: number; memGi: number }) {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name },
    spec: { apiEndpoint: `https://${name}.clusters.example.net:6443`, syncMode: 'Push' },
    status: {
      resourceSummary: {
        allocatable: { cpu: '32', memory: '64Gi', pods: '110' },
        allocated: { cpu: String(allocated.cpu), memory: `${allocated.memGi}Gi`, pods: '10' },
      },
    },
  };
}

/** A Deployment in `default` whose pods request `cpu` and `memory`. */
function deployment(name: string, replicas: number, requests: { cpu: string; memory: string }) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: 'nginx:1.27', resources: { requests } }] },
      },
    },
  };
}

/** The conformance case's policy: Divided, Aggregated, over member1..3. */
function aggregatedPolicy(names: readonly string[]) {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name: 'bound', namespace: 'default' },
    spec: {
      resourceSelectors: names.map((name) => ({ apiVersion: 'apps/v1', kind: 'Deployment', name })),
      placement: {
        clusterAffinity: { clusterNames: ['member1', 'member2', 'member3'] },
        replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
      },
    },
  };
}

/** Writes one revision of the fleet into `dir`: allocated capacity per member and the scaled replicas. */
function writeFleet(dir: string, allocated: readonly { cpu: number; memGi: number }[], replicas: number): void {
  mkdirSync(path.join(dir, 'clusters'), { recursive: true });
  mkdirSync(path.join(dir, 'apps'), { recursive: true });
  allocated.forEach((a, i) => {
    writeFileSync(path.join(dir, 'clusters', `member${i + 1}.yaml`), YAML.stringify(cluster(`member${i + 1}`, a)));
  });
  const docs = [
    deployment('cpu-bound', replicas, { cpu: '1', memory: '256Mi' }),
    deployment('mem-bound', replicas, { cpu: '100m', memory: '1Gi' }),
    deployment('steady', 2, { cpu: '100m', memory: '128Mi' }),
    aggregatedPolicy(['cpu-bound', 'mem-bound', 'steady']),
  ];
  writeFileSync(path.join(dir, 'apps', 'bound.yaml'), docs.map((d) => YAML.stringify(d)).join('---\n'));
}

/** First revision: free CPU 4/8/0 and memory 4/8/0 Gi, so a fresh schedule of 12 replicas is 4 on member1, 8 on member2. */
const firstCapacity = [
  { cpu: 28, memGi: 60 },
  { cpu: 24, memGi: 56 },
  { cpu: 32, memGi: 64 },
];
/** Second revision: the conformance case's capacities (free CPU 4/6/8, memory 6/6/20 Gi). */
const secondCapacity = [
  { cpu: 28, memGi: 58 },
  { cpu: 26, memGi: 58 },
  { cpu: 24, memGi: 44 },
];

interface PlannedBinding {
  spec: { resource: { name: string }; clusters: Targets; placement?: unknown };
  status: { conditions: { type: string; status: string }[] };
}

/** Deployment name → the binding, from `plan -o json`. */
function byName(planJson: string): Map<string, PlannedBinding> {
  const plan = JSON.parse(planJson) as { bindings: PlannedBinding[]; errors: unknown[] };
  assert.deepEqual(plan.errors, []);
  return new Map(plan.bindings.map((b) => [b.spec.resource.name, b]));
}

describe('the previous placement is read back from the status branch', function () {
  this.timeout(300_000);
  let rig: FleetRig | undefined;
  afterEach(async () => {
    await rig?.cleanup();
    rig = undefined;
  });

  it('scaling Aggregated Deployments: the status branch bindings equal `plan --previous <first plan>`, not a fresh plan', async () => {
    rig = await startFleetRigWith((w) => writeFleet(w, firstCapacity, 12), 'Fleet: 12 replicas each');
    const { work, root } = rig;
    const env = childEnv(root);
    const plan = async (...extra: string[]) => {
      const r = await runFlotilla(['plan', '--repo', work, '-o', 'json', ...extra], root, env);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout;
    };
    const firstPlanFile = path.join(root, 'first-plan.json');
    const firstPlan = await plan();
    writeFileSync(firstPlanFile, firstPlan);

    const ctx = await remoteContext(rig, 'cache');
    const o1 = await reconcileOnce(ctx);
    assert.equal(o1.kind, 'applied', o1.kind === 'failed' ? String(o1.error) : undefined);
    const recorded = async (name: string) =>
      (await remoteStatusFile(work, `bindings/default/deployment.${name}.yaml`)) as PlannedBinding;
    const planned1 = byName(firstPlan);
    for (const name of ['cpu-bound', 'mem-bound', 'steady']) {
      const b = await recorded(name);
      assert.deepEqual(
        b.spec.clusters,
        planned1.get(name)?.spec.clusters,
        `${name}: the first reconcile records the plan`,
      );
      assert.deepEqual(
        b.spec.placement,
        planned1.get(name)?.spec.placement,
        `${name}: the binding file records the placement it was scheduled with`,
      );
    }
    assert.deepEqual(
      planned1.get('cpu-bound')?.spec.clusters,
      [
        { name: 'member1', replicas: 4 },
        { name: 'member2', replicas: 8 },
      ],
      'the starting point of the conformance case',
    );
    assert.deepEqual(planned1.get('mem-bound')?.spec.clusters, [
      { name: 'member1', replicas: 4 },
      { name: 'member2', replicas: 8 },
    ]);

    writeFleet(work, secondCapacity, 24);
    const second = await commitAndPush(work, 'Scale to 24; capacities changed');
    const withPrevious = byName(await plan('--previous', firstPlanFile));
    const fresh = byName(await plan());
    const o2 = await reconcileOnce(ctx);
    assert.equal(o2.kind, 'applied', o2.kind === 'failed' ? String(o2.error) : undefined);
    assert.equal(o2.revision, second);

    for (const name of ['cpu-bound', 'mem-bound', 'steady']) {
      assert.deepEqual(
        (await recorded(name)).spec.clusters,
        withPrevious.get(name)?.spec.clusters,
        `${name}: the reconcile used the status branch's previous placement`,
      );
      assert.notDeepEqual(
        withPrevious.get(name)?.spec.clusters,
        fresh.get(name)?.spec.clusters,
        `${name}: the previous placement makes a difference`,
      );
    }
    // The conformance case's expectations (Karmada keeps existing replicas and fills previous clusters first).
    assert.deepEqual(withPrevious.get('cpu-bound')?.spec.clusters, [
      { name: 'member1', replicas: 7 },
      { name: 'member2', replicas: 12 },
      { name: 'member3', replicas: 5 },
    ]);
    assert.deepEqual(withPrevious.get('mem-bound')?.spec.clusters, [
      { name: 'member1', replicas: 10 },
      { name: 'member2', replicas: 14 },
    ]);
    // Without the previous 12 replicas, 24 CPUs are wanted and only 4+6+8 are free.
    assert.equal(fresh.get('cpu-bound')?.status.conditions.find((c) => c.type === 'Scheduled')?.status, 'False');
    // `steady` is unchanged (replicas, placement): it keeps the first revision's clusters.
    assert.deepEqual(withPrevious.get('steady')?.spec.clusters, planned1.get('steady')?.spec.clusters);
  });
});
