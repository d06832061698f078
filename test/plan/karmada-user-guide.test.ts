/**
 * The PropagationPolicy user guide's examples (test/fixtures/karmada-user-guide, unchanged) behave
 * as the guide says, through load and plan, with memory across revisions where the guide's
 * behaviour needs it (a previous plan's bindings as the status branch would give them).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFleet } from '../../src/load/index.ts';
import { parsePrevious, planFleet, type Plan } from '../../src/plan/index.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/karmada-user-guide');
const guide = (f: string) => ({ path: `policies/${f}`, text: readFileSync(path.join(dir, f), 'utf8') });
const enc = new TextEncoder();
const cluster = (name: string, freeCpu = 64) => ({
  path: `clusters/${name}.yaml`,
  text: `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${name}}\nspec: {syncMode: Push}\nstatus:\n  resourceSummary:\n    allocatable: {cpu: "64", memory: 256Gi, pods: "1000"}\n    allocated: {cpu: "${64 - freeCpu}"}\n`,
});
const nginx = (replicas: number, image = 'nginx') => ({
  path: 'apps/nginx.yaml',
  text: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: nginx}\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n      containers: [{name: nginx, image: ${image}, resources: {requests: {cpu: "1"}}}]\n`,
});
const members = ['member1', 'member2'].map((n) => cluster(n));

function plan(files: readonly { path: string; text: string }[], before?: Plan): Plan {
  const { fleet, diagnostics } = loadFleet({
    revision: 'r',
    problems: [],
    files: files.map((f) => ({ path: f.path, bytes: enc.encode(f.text) })),
  });
  const prev = before
    ? parsePrevious(JSON.parse(JSON.stringify({ bindings: before.bindings })), 'prev.json')
    : undefined;
  const p = planFleet({
    fleet,
    diagnostics,
    revision: 'r',
    ...(prev ? { previous: prev.previous, applied: prev.applied, records: prev.records } : {}),
  });
  assert.deepEqual(p.errors, []);
  return p;
}
/**
 * The guide's preemption example with its selector naming the Deployment: Karmada's webhook refuses
 * `preemption: Always` on a selector without a name (validation.go validateResourceSelectorsIfPreemptionEnabled).
 */
const namedSelector = (f: { path: string; text: string }) => ({
  ...f,
  text: f.text.replace('      kind: Deployment\n', '      kind: Deployment\n      name: nginx\n'),
});
/** Guide blocks Karmada's webhook refuses, with the error flotilla reports. */
const refused: Readonly<Record<string, string>> = { '24.yaml': 'InvalidPolicy' };
const placed = (p: Plan) => p.bindings.flatMap((b) => b.spec.clusters.map((c) => `${c.name}:${c.replicas ?? 0}`));

describe('karmada.io PropagationPolicy user guide, planned unchanged', () => {
  it('overflow use case 3: the IDC GPU cluster first, the rest to the cloud group; scaling down reclaims from the cloud first', () => {
    const clusters = [cluster('idc-gpu-cluster1', 4), cluster('cloud-gpu-cluster1'), cluster('cloud-gpu-cluster2')];
    const up = plan([...clusters, guide('overflow-gpu.yaml'), nginx(10)]);
    assert.deepEqual(placed(up), ['cloud-gpu-cluster1:3', 'cloud-gpu-cluster2:3', 'idc-gpu-cluster1:4']);
    assert.deepEqual(up.warnings, []);
    // The IDC cluster is now full with the 4 replicas it runs (available = free + assigned, Karmada's AvailableReplicas).
    const down = plan(
      [
        cluster('idc-gpu-cluster1', 0),
        cluster('cloud-gpu-cluster1', 61),
        cluster('cloud-gpu-cluster2', 61),
        guide('overflow-gpu.yaml'),
        nginx(6),
      ],
      up,
    );
    assert.deepEqual(placed(down), ['cloud-gpu-cluster1:1', 'cloud-gpu-cluster2:1', 'idc-gpu-cluster1:4']);
  });
  it('preemption: the priority-10 Always policy takes the Deployment from a lower-priority PropagationPolicy and from a ClusterPropagationPolicy', () => {
    const low = {
      path: 'policies/low.yaml',
      text: 'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: low}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement: {clusterAffinity: {clusterNames: [member2]}}\n',
    };
    const cpp = {
      path: 'policies/cpp.yaml',
      text: 'apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterPropagationPolicy\nmetadata: {name: cpp}\nspec:\n  priority: 100\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement: {clusterAffinity: {clusterNames: [member2]}}\n',
    };
    for (const claimer of [low, cpp]) {
      const before = plan([...members, claimer, nginx(2)]);
      assert.deepEqual(placed(before), ['member2:2']);
      assert.deepEqual(
        placed(plan([...members, claimer, namedSelector(guide('preemption-high-priority.yaml')), nginx(2)], before)),
        ['member1:2'],
        claimer.path,
      );
    }
  });
  it('schedulerName: custom-scheduler bindings are not scheduled by flotilla, and it says so', () => {
    const p = plan([...members, guide('scheduler-name.yaml'), nginx(2)]);
    assert.deepEqual(
      [placed(p), p.bindings[0]?.status.conditions[0]?.reason, p.warnings.map((w) => w.code)],
      [[], 'OtherScheduler', ['OtherScheduler']],
    );
  });
  it('Lazy: a policy edit waits for the template to change', () => {
    const first = plan([...members, guide('lazy.yaml'), nginx(2)]);
    const edited = { path: 'policies/lazy.yaml', text: guide('lazy.yaml').text.replace('- member1', '- member2') };
    const held = plan([...members, edited, nginx(2)], first);
    assert.deepEqual([placed(first), placed(held)], [['member1:2'], ['member1:2']]);
    assert.deepEqual(placed(plan([...members, edited, nginx(2, 'nginx:1.27')], held)), ['member2:2']);
  });
});

describe('karmada.io PropagationPolicy user guide: every example loads and plans', () => {
  const folder = path.join(dir, 'propagation-policy');
  const cloud = ['member1', 'member2', 'member3', 'member4'].map((n) => cluster(n));
  for (const f of readdirSync(folder)
    .filter((x) => x.endsWith('.yaml'))
    .sort()) {
    const files = [...cloud, { path: `policies/${f}`, text: readFileSync(path.join(folder, f), 'utf8') }, nginx(2)];
    const code = refused[f];
    if (code === undefined) {
      it(`block ${f}: loads and plans without an error`, () => {
        const p = plan(files);
        assert.deepEqual(p.errors, []);
      });
    } else {
      it(`block ${f}: refused with ${code}, as Karmada's webhook refuses it`, () => {
        const { diagnostics } = loadFleet({
          revision: 'r',
          problems: [],
          files: files.map((x) => ({ path: x.path, bytes: enc.encode(x.text) })),
        });
        assert.deepEqual(
          diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
          [code],
        );
      });
    }
  }
});
