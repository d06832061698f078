import assert from 'node:assert/strict';
import type { JsonValue } from '../api/index.ts';
import { applyJsonPatch, type PatchOperation } from './json-patch.ts';

// Expectations checked against evanphx/json-patch v5.9.11 with default options, as Karmada calls it.
const cases: {
  name: string;
  doc: JsonValue;
  ops: PatchOperation[];
  want: JsonValue | 'OverridePathMissing' | 'OverrideFailed';
}[] = [
  { name: 'add appends with -', doc: { a: [1] }, ops: [{ op: 'add', path: '/a/-', value: 2 }], want: { a: [1, 2] } },
  {
    name: 'add inserts at an index',
    doc: { a: [1, 2] },
    ops: [{ op: 'add', path: '/a/0', value: 0 }],
    want: { a: [0, 1, 2] },
  },
  {
    name: 'add at length appends',
    doc: { a: [1, 2, 3] },
    ops: [{ op: 'add', path: '/a/3', value: 0 }],
    want: { a: [1, 2, 3, 0] },
  },
  {
    name: 'add past length fails',
    doc: { a: [1, 2, 3] },
    ops: [{ op: 'add', path: '/a/4', value: 0 }],
    want: 'OverridePathMissing',
  },
  {
    name: 'add -1 appends (negative indices)',
    doc: { a: [1, 2, 3] },
    ops: [{ op: 'add', path: '/a/-1', value: 9 }],
    want: { a: [1, 2, 3, 9] },
  },
  {
    name: 'add -4 inserts first',
    doc: { a: [1, 2, 3] },
    ops: [{ op: 'add', path: '/a/-4', value: 9 }],
    want: { a: [9, 1, 2, 3] },
  },
  {
    name: 'add -5 is out of range',
    doc: { a: [1, 2, 3] },
    ops: [{ op: 'add', path: '/a/-5', value: 9 }],
    want: 'OverridePathMissing',
  },
  {
    name: 'add +1 reads as 1 (strconv.Atoi)',
    doc: { a: [1, 2, 3] },
    ops: [{ op: 'add', path: '/a/+1', value: 0 }],
    want: { a: [1, 0, 2, 3] },
  },
  {
    name: 'remove -1 drops the last',
    doc: { a: [1, 2, 3] },
    ops: [{ op: 'remove', path: '/a/-1' }],
    want: { a: [1, 2] },
  },
  {
    name: 'replace -3 is the first',
    doc: { a: [1, 2, 3] },
    ops: [{ op: 'replace', path: '/a/-3', value: 0 }],
    want: { a: [0, 2, 3] },
  },
  {
    name: 'replace past the end fails',
    doc: { a: [1, 2, 3] },
    ops: [{ op: 'replace', path: '/a/3', value: 0 }],
    want: 'OverridePathMissing',
  },
  {
    name: 'add under a missing parent fails',
    doc: { a: {} },
    ops: [{ op: 'add', path: '/a/x/y', value: 1 }],
    want: 'OverridePathMissing',
  },
  {
    name: 'add under null fails',
    doc: { a: { b: null } },
    ops: [{ op: 'add', path: '/a/b/c', value: 0 }],
    want: 'OverridePathMissing',
  },
  {
    name: 'add under a string fails',
    doc: { a: 's' },
    ops: [{ op: 'add', path: '/a/b', value: 0 }],
    want: 'OverridePathMissing',
  },
  {
    name: 'remove of a missing key fails',
    doc: { a: {} },
    ops: [{ op: 'remove', path: '/a/x' }],
    want: 'OverridePathMissing',
  },
  {
    name: 'replace of a missing key fails',
    doc: { a: {} },
    ops: [{ op: 'replace', path: '/a/x', value: 1 }],
    want: 'OverridePathMissing',
  },
  {
    name: 'add of an existing key replaces it in place',
    doc: { a: 1, b: 2 },
    ops: [{ op: 'add', path: '/a', value: 3 }],
    want: { a: 3, b: 2 },
  },
  {
    name: '~1 and ~0 escapes',
    doc: { a: { 'x/y': 1, 'x~y': 2 } },
    ops: [
      { op: 'replace', path: '/a/x~1y', value: 3 },
      { op: 'remove', path: '/a/x~0y' },
    ],
    want: { a: { 'x/y': 3 } },
  },
  {
    name: 'add without value adds null (Karmada sends null)',
    doc: { a: 1 },
    ops: [{ op: 'add', path: '/b' }],
    want: { a: 1, b: null },
  },
  { name: 'replace of the root', doc: { a: 1 }, ops: [{ op: 'replace', path: '', value: { z: 1 } }], want: { z: 1 } },
  { name: 'remove of the root fails', doc: { a: 1 }, ops: [{ op: 'remove', path: '' }], want: 'OverridePathMissing' },
  {
    name: 'a path without a leading slash fails',
    doc: { a: 1 },
    ops: [{ op: 'add', path: 'a', value: 1 }],
    want: 'OverrideFailed',
  },
  {
    name: 'a later op sees an earlier one',
    doc: { a: {} },
    ops: [
      { op: 'add', path: '/a/b', value: {} },
      { op: 'add', path: '/a/b/c', value: 1 },
    ],
    want: { a: { b: { c: 1 } } },
  },
];

describe('applyJsonPatch (evanphx/json-patch v5 semantics)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const before = JSON.stringify(c.doc);
      const got = applyJsonPatch(c.doc, c.ops);
      if (typeof c.want === 'string' && c.want.startsWith('Override')) {
        assert.equal(got.kind, 'Failed');
        if (got.kind === 'Failed') assert.equal(got.code, c.want);
      } else {
        assert.deepEqual(got, { kind: 'Applied', value: c.want });
      }
      assert.equal(JSON.stringify(c.doc), before, 'input must not change');
    });
  }
  it('does not alias a patch value into the document', () => {
    const value = { x: [1] };
    const got = applyJsonPatch({}, [
      { op: 'add', path: '/v', value },
      { op: 'add', path: '/v/x/-', value: 2 },
    ]);
    assert.deepEqual(got, { kind: 'Applied', value: { v: { x: [1, 2] } } });
    assert.deepEqual(value, { x: [1] });
  });
});
