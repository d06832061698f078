import assert from 'node:assert/strict';
import {
  bindingAnnotation,
  conflictResolutionAnnotation,
  managedByLabel,
  managedByValue,
  stableHash,
  type ResourceRef,
} from '../api/index.ts';
import { buildWork, executionNamespace, workName } from './work.ts';

const ref = (name: string, o: Partial<ResourceRef> = {}): ResourceRef => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'web',
  name,
  ...o,
});

describe('render: Works', () => {
  const names: readonly { name: string; ref: ResourceRef; want: string }[] = [
    {
      name: 'the name and a hash of kind/namespace/name',
      ref: ref('nginx'),
      want: `nginx-${stableHash('Deployment/web/nginx')}`,
    },
    {
      name: 'lower case, characters outside [a-z0-9.-] replaced',
      ref: ref('My_App'),
      want: `my-app-${stableHash('Deployment/web/My_App')}`,
    },
    {
      name: 'a cluster-scoped object hashes an empty namespace',
      ref: { apiVersion: 'v1', kind: 'Namespace', name: 'web' },
      want: `web-${stableHash('Namespace//web')}`,
    },
    {
      name: 'a long name is cut to 53 characters before the hash',
      ref: ref('a'.repeat(80)),
      want: `${'a'.repeat(53)}-${stableHash(`Deployment/web/${'a'.repeat(80)}`)}`,
    },
  ];
  for (const c of names) it(`workName: ${c.name}`, () => assert.equal(workName(c.ref), c.want));

  it('workName tells apart objects that differ only in kind or namespace', () => {
    const all = [ref('x'), ref('x', { kind: 'StatefulSet' }), ref('x', { namespace: 'other' })].map(workName);
    assert.equal(new Set(all).size, 3);
  });

  it("executionNamespace is Karmada's karmada-es-<cluster>", () =>
    assert.equal(executionNamespace('member1'), 'karmada-es-member1'));

  it('buildWork carries the manifest to the execution namespace with the ownership marks, keys in a fixed order (D5)', () => {
    const manifest = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'web' } };
    const w = buildWork('member1', ref('nginx'), 'web/nginx-deployment', manifest);
    assert.deepEqual(w, {
      apiVersion: 'work.karmada.io/v1alpha1',
      kind: 'Work',
      metadata: {
        name: workName(ref('nginx')),
        namespace: 'karmada-es-member1',
        labels: { [managedByLabel]: managedByValue },
        annotations: { [bindingAnnotation]: 'web/nginx-deployment', [conflictResolutionAnnotation]: 'Abort' },
      },
      spec: { workload: { manifests: [manifest] } },
    });
    assert.deepEqual(Object.keys(w), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.deepEqual(Object.keys(w.metadata), ['name', 'namespace', 'labels', 'annotations']);
  });

  // Karmada ctrlutil/work.go WithSuspendDispatching / WithPreserveResourcesOnDeletion: written only when true.
  it('buildWork writes the dispatch flags only when set, after the workload (D5)', () => {
    const w = buildWork(
      'member1',
      ref('nginx'),
      'b',
      {},
      { suspendDispatching: true, preserveResourcesOnDeletion: true, conflictResolution: 'Overwrite' },
    );
    assert.deepEqual(Object.keys(w.spec), ['workload', 'suspendDispatching', 'preserveResourcesOnDeletion']);
    assert.equal(w.metadata.annotations[conflictResolutionAnnotation], 'Overwrite');
  });
});
