import assert from 'node:assert/strict';
import type { KubeObject } from '../api/index.ts';
import { isDefinition, servedKind } from './custom-resources.ts';

const crd = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec,
});

describe('custom resources of a CRD', () => {
  const cases = [
    {
      name: 'the storage version',
      spec: {
        group: 'example.com',
        names: { kind: 'Widget' },
        versions: [
          { name: 'v1', served: true },
          { name: 'v2', served: true, storage: true },
        ],
      },
      want: { apiVersion: 'example.com/v2', kind: 'Widget' },
    },
    {
      name: 'a served version when the storage one is not served',
      spec: {
        group: 'example.com',
        names: { kind: 'Widget' },
        versions: [
          { name: 'v1', served: false, storage: true },
          { name: 'v2', served: true },
        ],
      },
      want: { apiVersion: 'example.com/v2', kind: 'Widget' },
    },
    {
      name: 'malformed: no kind',
      spec: { group: 'example.com', names: {}, versions: [{ name: 'v1' }] },
      want: undefined,
    },
    { name: 'malformed: no versions', spec: { group: 'example.com', names: { kind: 'Widget' } }, want: undefined },
  ];
  for (const c of cases) it(`serves ${c.name}`, () => assert.deepEqual(servedKind(crd(c.spec)), c.want));

  it('recognises CRDs by group and kind', () => {
    assert.equal(
      isDefinition({
        group: 'apiextensions.k8s.io',
        kind: 'CustomResourceDefinition',
        namespace: '',
        name: 'x',
        version: 'v1',
      }),
      true,
    );
    assert.equal(
      isDefinition({ group: 'example.com', kind: 'CustomResourceDefinition', namespace: '', name: 'x', version: 'v1' }),
      false,
    );
  });
});
