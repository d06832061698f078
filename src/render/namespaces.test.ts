import assert from 'node:assert/strict';
import { bindingAnnotation, managedByLabel, managedByValue, pruneAnnotation, type KubeObject } from '../api/index.ts';
import { isUnsyncedNamespace, renderNamespaceWork } from './namespaces.ts';

describe('render: namespaces', () => {
  // Karmada's namespace sync controller skips these (pkg/controllers/namespace).
  const unsynced: readonly [string, boolean][] = [
    ['default', true],
    ['karmada-system', true],
    ['karmada-cluster', true],
    ['karmada-es-member1', true],
    ['kube-system', true],
    ['kube-public', true],
    ['web', false],
    ['karmada', false],
    ['kubernetes', false],
  ];
  for (const [ns, want] of unsynced)
    it(`isUnsyncedNamespace(${ns}) is ${want}`, () => assert.equal(isUnsyncedNamespace(ns), want));

  it('renders a bare Namespace when the repo has none, never to be pruned', () => {
    const w = renderNamespaceWork('web', 'member1', undefined);
    assert.equal(w.metadata.namespace, 'karmada-es-member1');
    assert.deepEqual(w.spec.workload.manifests, [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'web',
          labels: { [managedByLabel]: managedByValue },
          annotations: { [bindingAnnotation]: 'Namespace/web', [pruneAnnotation]: 'disabled' },
        },
      },
    ]);
  });

  it("takes a Namespace template's labels and annotations, without spec, status or generated fields", () => {
    const template: KubeObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'web', uid: 'u', labels: { team: 'a' }, annotations: { z: '1' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    } as unknown as KubeObject;
    const before = structuredClone(template);
    const [m] = renderNamespaceWork('web', 'member2', template).spec.workload.manifests;
    assert.deepEqual(m, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'web',
        labels: { [managedByLabel]: managedByValue, team: 'a' },
        annotations: { [bindingAnnotation]: 'Namespace/web', [pruneAnnotation]: 'disabled', z: '1' },
      },
    });
    assert.deepEqual(template, before, 'the template is not changed');
  });
});
