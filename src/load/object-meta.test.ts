import assert from 'node:assert/strict';
import type { KubeObject } from '../api/index.ts';
import { loadFleet } from './load-fleet.ts';
import { labelValueProblem, qualifiedNameProblem } from '../api/index.ts';
import { nameRuleFor, objectMetaProblems } from './object-meta.ts';

const obj = (
  apiVersion: string,
  kind: string,
  name: string,
  extra: Partial<KubeObject['metadata']> = {},
): KubeObject => ({ apiVersion, kind, metadata: { name, namespace: 'default', ...extra } });

// kube-apiserver ValidateObjectMeta with each kind's name function; apimachinery IsDNS1123Subdomain, IsDNS1123Label, IsDNS1035Label, path.IsValidPathSegmentName.
describe('load/object-meta: names (ValidateObjectMeta)', () => {
  const cases: [apiVersion: string, kind: string, name: string, valid: boolean][] = [
    ['apps/v1', 'Deployment', 'web', true],
    ['apps/v1', 'Deployment', 'web.v2', true],
    ['apps/v1', 'Deployment', 'Web', false],
    ['apps/v1', 'Deployment', '../../x', false],
    ['apps/v1', 'Deployment', 'a'.repeat(254), false],
    ['apps/v1', 'Deployment', 'a'.repeat(253), true],
    ['v1', 'Service', '1web', false],
    ['v1', 'Service', 'web.v2', false],
    ['v1', 'Namespace', 'team.a', false],
    ['v1', 'ConfigMap', 'app.config', true],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'system:aggregate-to-edit', true],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'Upper:Case', true],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', '..', false],
    ['rbac.authorization.k8s.io/v1', 'Role', 'a/b', false],
    ['example.io/v1', 'Widget', 'Any_Name', true],
    ['example.io/v1', 'Widget', 'x%2f', false],
    ['example.io/v1', 'Widget', '.', false],
    ['example.io/v1', 'Widget', 'w'.repeat(254), false],
  ];
  for (const [apiVersion, kind, name, valid] of cases) {
    it(`${kind} ${name.length > 20 ? `${name.length} characters` : JSON.stringify(name)} is ${valid ? 'valid' : 'refused'}`, () =>
      assert.equal(nameRuleFor(apiVersion, kind)(name) === undefined, valid));
  }
});

// apimachinery IsQualifiedName, IsValidLabelValue (ValidateLabels).
describe('load/object-meta: labels', () => {
  const keys: [string, boolean][] = [
    ['app', true],
    ['app.kubernetes.io/name', true],
    ['a/b/c', false],
    ['UPPER.io/x', false],
    ['-x', false],
    ['x'.repeat(64), false],
    ['/x', false],
  ];
  for (const [k, valid] of keys)
    it(`key ${JSON.stringify(k.length > 20 ? `${k.length} characters` : k)} is ${valid ? 'valid' : 'refused'}`, () =>
      assert.equal(qualifiedNameProblem(k) === undefined, valid));
  const values: [unknown, boolean][] = [
    ['', true],
    ['v1.2_3', true],
    ['has space', false],
    ['x'.repeat(64), false],
    ['-x', false],
    [3, false],
  ];
  for (const [v, valid] of values)
    it(`value ${JSON.stringify(v)} is ${valid ? 'valid' : 'refused'}`, () =>
      assert.equal(labelValueProblem(v) === undefined, valid));
  it('a bad namespace, label and annotation key are each reported', () => {
    const problems = objectMetaProblems(
      obj('v1', 'ConfigMap', 'c', { namespace: 'Team', labels: { 'a b': 'ok' }, annotations: { 'x/y/z': 'v' } }),
    );
    assert.deepEqual(
      problems.map((p) => p.path.join('.')),
      ['metadata.namespace', 'metadata.labels.a b', 'metadata.annotations.x/y/z'],
    );
  });
});

describe('load: InvalidObjectMeta at file:line', () => {
  const enc = new TextEncoder();
  const cases: { name: string; text: string; line: number }[] = [
    { name: 'a path-traversal name', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ../../x\n', line: 4 },
    {
      name: 'an upper-case Deployment name',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Web\nspec: {replicas: 1}\n',
      line: 4,
    },
    {
      name: 'an invalid label value',
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    app: not valid\n',
      line: 6,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { diagnostics } = loadFleet({
        revision: 'r',
        problems: [],
        files: [{ path: 'apps/x.yaml', bytes: enc.encode(c.text) }],
      });
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity, d.file, d.line]),
        [['InvalidObjectMeta', 'error', 'apps/x.yaml', c.line]],
      );
    });
  }
});
