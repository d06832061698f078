import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { planFleet } from './plan-fleet.ts';
import { parsePrevious } from './previous.ts';

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });
const repo = (clusterNames: readonly string[]) => ({
  revision: 'r1',
  problems: [],
  files: [
    ...clusterNames.map((n) =>
      file(
        `clusters/${n}.yaml`,
        `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${n}}\nspec: {syncMode: Push}\n`,
      ),
    ),
    file(
      'policies/pp.yaml',
      'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: web}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement:\n    clusterAffinity: {clusterNames: [member1]}\n',
    ),
    file(
      'apps/web.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2, template: {spec: {containers: [{name: c, image: nginx}]}}}\n',
    ),
  ],
});

describe('plan/planFleet', () => {
  it('clears a binding no cluster fits any more (Karmada patches the FitError result: no clusters)', () => {
    const { fleet, diagnostics } = loadFleet(repo(['member2']));
    const { previous } = parsePrevious(
      [
        {
          spec: {
            resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
            clusters: [{ name: 'member2', replicas: 2 }],
          },
        },
      ],
      'prev.json',
    );
    const plan = planFleet({ fleet, diagnostics, revision: 'r1', previous });
    const b = plan.bindings.find((x) => x.spec.resource.name === 'web');
    assert.equal(b?.status.conditions[0]?.status, 'False');
    assert.equal(b?.status.conditions[0]?.reason, 'NoClusterFit');
    assert.deepEqual(b?.spec.clusters, []);
    assert.equal(plan.works.length, 0);
    assert.equal(plan.warnings.find((w) => w.code === 'Unschedulable')?.file, 'policies/pp.yaml');
  });
  it('an unschedulable binding without history has no clusters and no Works', () => {
    const { fleet, diagnostics } = loadFleet(repo(['member2']));
    const plan = planFleet({ fleet, diagnostics, revision: 'r1' });
    assert.deepEqual(plan.bindings[0]?.spec.clusters, []);
    assert.equal(plan.works.length, 0);
  });
  it('warns about a cluster name the inventory lacks, with file and line', () => {
    const { fleet, diagnostics } = loadFleet(repo(['member2']));
    const w = planFleet({ fleet, diagnostics, revision: 'r1' }).warnings.find((d) => d.code === 'UnknownCluster');
    assert.deepEqual([w?.file, w?.line], ['policies/pp.yaml', 7]);
  });
});

describe('plan/planFleet works: check', () => {
  const override = (op: string, path: string) =>
    file(
      'policies/op.yaml',
      `apiVersion: policy.karmada.io/v1alpha1\nkind: OverridePolicy\nmetadata: {name: op}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  overrideRules:\n    - overriders:\n        plaintext: [{path: ${path}, operator: ${op}, value: 1}]\n`,
    );
  const cases: [string, ReturnType<typeof repo>][] = [
    ['a valid fleet', repo(['member1', 'member2'])],
    [
      'an override that fails at render',
      { ...repo(['member1']), files: [...repo(['member1']).files, override('replace', '/spec/missing/deep')] },
    ],
    [
      'an override that applies',
      { ...repo(['member1']), files: [...repo(['member1']).files, override('replace', '/spec/replicas')] },
    ],
  ];
  for (const [name, snapshot] of cases) {
    it(`${name}: the same plan as keep, without its Works`, () => {
      const { fleet, diagnostics } = loadFleet(snapshot);
      const kept = planFleet({ fleet, diagnostics, revision: 'r1' });
      const checked = planFleet({ fleet, diagnostics, revision: 'r1', works: 'check' });
      assert.deepEqual(checked, { ...kept, works: [] });
    });
  }
  it('a render error rejects the revision under check as under keep', () => {
    const { fleet, diagnostics } = loadFleet({
      ...repo(['member1']),
      files: [...repo(['member1']).files, override('replace', '/spec/missing/deep')],
    });
    const checked = planFleet({ fleet, diagnostics, revision: 'r1', works: 'check' });
    assert.ok(checked.errors.length > 0, 'the failing override is an error');
    assert.deepEqual(checked.bindings, []);
  });
});
