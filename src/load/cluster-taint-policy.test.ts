import assert from 'node:assert/strict';
import { loadFleet } from './load-fleet.ts';

const enc = new TextEncoder();
const load = (spec: string) =>
  loadFleet({
    revision: 'r',
    problems: [],
    files: [
      {
        path: 'policies/taint.yaml',
        bytes: enc.encode(
          `apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterTaintPolicy\nmetadata: {name: not-ready}\nspec:\n${spec}`,
        ),
      },
    ],
  });

describe('load: ClusterTaintPolicy (read by the controller health pass)', () => {
  it('loads into the fleet with no warning and is never a template', () => {
    const { fleet, diagnostics } = load(
      '  addOnConditions: [{conditionType: Ready, operator: In, statusValues: ["False"]}]\n  taints: [{key: not-ready, effect: NoExecute}]\n',
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      fleet.clusterTaintPolicies?.map((p) => p.object.metadata.name),
      ['not-ready'],
    );
    assert.deepEqual(fleet.templates, []);
  });
  const bad: { name: string; spec: string; line: number }[] = [
    { name: 'no taints', spec: '  taints: []\n', line: 5 },
    {
      name: 'an unknown operator',
      spec: '  addOnConditions: [{conditionType: Ready, operator: Exists, statusValues: ["False"]}]\n  taints: [{key: k, effect: NoExecute}]\n',
      line: 5,
    },
  ];
  for (const b of bad) {
    it(`a schema violation is an error at its line: ${b.name}`, () => {
      const errors = load(b.spec).diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(
        errors.map((e) => [e.code, e.file, e.line]),
        [['SchemaViolation', 'policies/taint.yaml', b.line]],
      );
    });
  }
});
