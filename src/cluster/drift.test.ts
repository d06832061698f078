import assert from 'node:assert/strict';
import type { KubeObject } from '../api/index.ts';
import { classifyChange, diffPaths } from './drift.ts';

const cm = (data: Record<string, string>, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'a',
    namespace: 'default',
    resourceVersion: '5',
    annotations: { 'flotilla.io/manifest-hash': 'h1' },
    ...meta,
  },
  data,
});
const owned = (manager: string, fields: unknown) => ({
  managedFields: [{ manager, operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: fields }],
  annotations: { 'flotilla.io/manifest-hash': 'h0' },
});
const opts = { manifestHash: 'h1', fieldManager: 'flotilla' };

describe('drift classification (fluxcd/pkg ssa/manager_diff.go)', () => {
  const cases = [
    { name: 'absent live object: created', live: undefined, dry: cm({ a: '1' }), want: { kind: 'created' } },
    {
      name: 'equal apart from resourceVersion and status: unchanged',
      live: cm({ a: '1' }),
      dry: { ...cm({ a: '1' }, { resourceVersion: '6' }), status: { x: 1 } },
      want: { kind: 'unchanged' },
    },
    {
      name: 'differs, same manifest already applied: drifted',
      live: cm({ a: '2' }),
      dry: cm({ a: '1' }),
      want: { kind: 'drifted', paths: ['.data.a'], managers: [] },
    },
    {
      name: 'differs in a field another manager owns: drifted, naming it',
      live: cm({ a: '2' }, owned('kubectl-edit', { 'f:data': { 'f:a': {} } })),
      dry: cm({ a: '1' }),
      want: {
        kind: 'drifted',
        paths: ['.data.a', '.metadata.annotations.flotilla.io/manifest-hash'],
        managers: ['kubectl-edit'],
      },
    },
    {
      name: 'differs with the same manifest, only in fields flotilla owns: configured',
      live: cm(
        { a: '2' },
        {
          managedFields: [
            { manager: 'flotilla', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } },
          ],
        },
      ),
      dry: cm({ a: '1' }),
      want: { kind: 'configured', paths: ['.data.a'] },
    },
    {
      name: 'differs after a new manifest (a new revision or a failover re-render), fields ours: configured',
      live: cm({ a: '2' }, { annotations: { 'flotilla.io/manifest-hash': 'h0' } }),
      dry: cm({ a: '1' }),
      want: { kind: 'configured', paths: ['.data.a', '.metadata.annotations.flotilla.io/manifest-hash'] },
    },
    {
      name: 'differs after a new manifest, a field nobody owns: configured (the new manifest sets it)',
      live: cm({}, { annotations: { 'flotilla.io/manifest-hash': 'h0' } }),
      dry: cm({ a: '1' }),
      want: { kind: 'configured', paths: ['.data.a', '.metadata.annotations.flotilla.io/manifest-hash'] },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(classifyChange(c.live, c.dry, opts), c.want));

  it('lists array element paths', () =>
    assert.deepEqual(diffPaths({ a: [{ b: 1 }, { b: 2 }] }, { a: [{ b: 1 }, { b: 3 }] }, '', []), ['.a[1].b']));
  it('ignores key order', () =>
    assert.deepEqual(diffPaths({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }, '', []), []));
});
