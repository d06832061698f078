/**
 * What Karmada's API servers do to objects before its scheduler reads them, seen through the whole
 * planning core (load → plan): workload replica defaults, the zone → zones migration, default
 * resource models. Each case cites the Karmada or Kubernetes function it follows.
 */
import assert from 'node:assert/strict';
import { loadFleet } from '../../src/load/index.ts';
import { planFleet } from '../../src/plan/index.ts';

const enc = new TextEncoder();
const clusterYaml = (name: string, spec: string, status = '') =>
  `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${name}}\nspec: ${spec}\n${status}`;
const ppYaml = (kind: string, apiVersion: string, placement: string) =>
  `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: p}\nspec:\n  resourceSelectors: [{apiVersion: ${apiVersion}, kind: ${kind}}]\n  placement: ${placement}\n`;

function plan(files: Record<string, string>) {
  const snapshot = {
    revision: 'r1',
    problems: [],
    files: Object.entries(files).map(([path, text]) => ({ path, bytes: enc.encode(text) })),
  };
  const { fleet, diagnostics } = loadFleet(snapshot);
  return planFleet({ fleet, diagnostics, revision: 'r1' });
}
const placements = (p: ReturnType<typeof plan>) =>
  p.bindings.map((b) => b.spec.clusters.map((c) => `${c.name}:${c.replicas ?? 0}`).sort());
const twoClusters = {
  'clusters/a.yaml': clusterYaml('a', '{syncMode: Push}'),
  'clusters/b.yaml': clusterYaml('b', '{syncMode: Push}'),
};
const divided = '{replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted}}';

describe('Karmada fidelity through load and plan', () => {
  // Kubernetes apps/v1 SetDefaults_Deployment; Karmada default/native/replica.go reads the stored object.
  it('a Deployment without spec.replicas is one replica (Duplicated: 1 on each cluster, and in the manifest)', () => {
    const p = plan({
      ...twoClusters,
      'p.yaml': ppYaml('Deployment', 'apps/v1', '{}'),
      'd.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: c, image: x}]}}}\n',
    });
    assert.deepEqual(placements(p), [['a:1', 'b:1']]);
    assert.equal((p.works[0]?.spec.workload.manifests[0]?.['spec'] as { replicas?: number } | undefined)?.replicas, 1);
  });
  it('a Deployment without spec.replicas divided over two clusters places one replica', () => {
    const p = plan({
      ...twoClusters,
      'p.yaml': ppYaml('Deployment', 'apps/v1', divided),
      'd.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: c, image: x}]}}}\n',
    });
    assert.equal(placements(p)[0]?.filter((c) => !c.endsWith(':0')).length, 1);
  });
  // Kubernetes batch/v1 SetDefaults_Job: parallelism and completions 1.
  it('a Job without parallelism is scheduled with one replica', () => {
    const p = plan({
      ...twoClusters,
      'p.yaml': ppYaml('Job', 'batch/v1', divided),
      'j.yaml':
        'apiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: x}]}}}\n',
    });
    assert.equal(p.errors.length, 0, JSON.stringify(p.errors));
    assert.equal(placements(p)[0]?.filter((c) => c.endsWith(':1')).length, 1);
  });
  // Karmada pkg/apis/cluster/mutation/mutation.go migrateZoneToZones.
  it('a cluster written with the singular spec.zone matches a zone field selector', () => {
    const p = plan({
      'clusters/a.yaml': clusterYaml('a', '{syncMode: Push, zone: z1}'),
      'clusters/b.yaml': clusterYaml('b', '{syncMode: Push, zone: z2}'),
      'p.yaml': ppYaml(
        'Deployment',
        'apps/v1',
        '{clusterAffinity: {fieldSelector: {matchExpressions: [{key: zone, operator: In, values: [z1]}]}}}',
      ),
      'd.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n',
    });
    assert.deepEqual(placements(p), [['a:2']]);
  });
  // Karmada plugins/spreadconstraint/spread_constraint.go filters out a cluster without spec.zones for a
  // zone constraint; group selection (select_clusters.go) then supports only cluster and region.
  it('clusters written with the singular spec.zone pass the zone spread-constraint filter', () => {
    const p = plan({
      'clusters/a.yaml': clusterYaml('a', '{syncMode: Push, zone: z1}'),
      'clusters/b.yaml': clusterYaml('b', '{syncMode: Push, zone: z2}'),
      'p.yaml': ppYaml(
        'Deployment',
        'apps/v1',
        // With a cluster constraint too, as Karmada's webhook requires (ValidateSpreadConstraint).
        '{spreadConstraints: [{spreadByField: zone, minGroups: 2, maxGroups: 2}, {spreadByField: cluster, minGroups: 2}]}',
      ),
      'd.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n',
    });
    // A zone constraint alone ("just support cluster and region") is refused at load now, as Karmada's webhook
    // refuses it; with the cluster constraint it needs, what is checked is that the zone filter let both pass.
    const why = p.warnings.find((w) => w.code === 'Unschedulable')?.message ?? '';
    assert.doesNotMatch(why, /zones/);
  });
  // Karmada SetDefaultClusterResourceModels + general.go getMaximumReplicasBasedOnResourceModels.
  it('a cluster without resourceModels is estimated by the default grades from allocatableModelings', () => {
    // Grade 2 (cpu min 2, memory min 16Gi) × 3 nodes, request 1 cpu → 2 a node → 6, though the summary allows 100.
    const status = (n: number) =>
      `status:\n  resourceSummary:\n    allocatable: {cpu: "100", memory: 1000Gi, pods: "1000"}\n    allocatableModelings: [{grade: 2, count: ${n}}]\n`;
    const p = plan({
      'clusters/a.yaml': clusterYaml('a', '{syncMode: Push}', status(3)),
      'clusters/b.yaml': clusterYaml('b', '{syncMode: Push}', status(1)),
      'p.yaml': ppYaml(
        'Deployment',
        'apps/v1',
        '{replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted, weightPreference: {dynamicWeight: AvailableReplicas}}}',
      ),
      'd.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 8, template: {spec: {containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]}}}\n',
    });
    assert.deepEqual(placements(p), [['a:6', 'b:2']]);
  });
  // Karmada work/v1alpha2 binding_types.go: ResourceBindingSpec.replicas and TargetCluster.replicas are omitempty.
  it('a binding of a template without replicas has no replicas, in spec or in its clusters', () => {
    const p = plan({
      ...twoClusters,
      'p.yaml': ppYaml('ConfigMap', 'v1', '{}'),
      'c.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: b}\n',
    });
    assert.equal(p.bindings[0]?.spec.replicas, undefined);
    assert.deepEqual(p.bindings[0]?.spec.clusters, [{ name: 'a' }, { name: 'b' }]);
  });
});
