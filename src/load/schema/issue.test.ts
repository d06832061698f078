import assert from 'node:assert/strict';
import { displayPath, suggestionFor } from './index.ts';

describe('schema: suggestionFor', () => {
  const known = [
    'replicaSchedulingType',
    'replicaDivisionPreference',
    'weightPreference',
    'name',
    'namespace',
    'zone',
    'zones',
  ];
  const cases: readonly { field: string; want: string | undefined }[] = [
    { field: 'replicaSchedulingTyp', want: 'replicaSchedulingType' },
    { field: 'ReplicaSchedulingType', want: 'replicaSchedulingType' },
    { field: 'weightpreferences', want: 'weightPreference' },
    { field: 'nmae', want: 'name' },
    { field: 'zonez', want: 'zone' },
    { field: 'foo', want: undefined },
    { field: 'replicas', want: undefined },
  ];
  for (const c of cases)
    it(`${c.field} → ${String(c.want)}`, () => assert.equal(suggestionFor(c.field, known), c.want));
  it('breaks ties between equally close names by code-unit order', () =>
    assert.equal(suggestionFor('zonex', ['zonez', 'zoney']), 'zoney'));
});

describe('schema: displayPath', () => {
  const cases: readonly { path: (string | number)[]; want: string }[] = [
    { path: [], want: '' },
    { path: ['spec', 'resourceSelectors', 0, 'kind'], want: 'spec.resourceSelectors[0].kind' },
    { path: ['metadata', 'labels', 'app.kubernetes.io/name'], want: 'metadata.labels["app.kubernetes.io/name"]' },
    { path: ['items', 3], want: 'items[3]' },
  ];
  for (const c of cases) it(c.want || '(root)', () => assert.equal(displayPath(c.path), c.want));
});
