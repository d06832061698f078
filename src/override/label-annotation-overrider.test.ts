import assert from 'node:assert/strict';
import type { JsonObject, LabelAnnotationOverrider } from '../api/index.ts';
import { configMap } from './builders.test.ts';
import { applyLabelAnnotationOverrider, type MetadataMap } from './label-annotation-overrider.ts';

const bare = configMap('plain', { a: 'b' });
const labelled = configMap(
  'c',
  { a: 'b' },
  { labels: { app: 'c', 'example.com/team': 'x' }, annotations: { note: 'n' } },
);

const cases: { name: string; doc: JsonObject; map: MetadataMap; o: LabelAnnotationOverrider; want: unknown }[] = [
  {
    name: 'add creates the labels map',
    doc: bare,
    map: 'labels',
    o: { operator: 'add', value: { env: 'prod' } },
    want: { env: 'prod' },
  },
  {
    name: 'add creates the annotations map',
    doc: bare,
    map: 'annotations',
    o: { operator: 'add', value: { owner: 'ops' } },
    want: { owner: 'ops' },
  },
  {
    name: 'add overwrites an existing key',
    doc: labelled,
    map: 'labels',
    o: { operator: 'add', value: { app: 'd' } },
    want: { app: 'd', 'example.com/team': 'x' },
  },
  {
    name: 'replace of an existing key with a slash',
    doc: labelled,
    map: 'labels',
    o: { operator: 'replace', value: { 'example.com/team': 'y' } },
    want: { app: 'c', 'example.com/team': 'y' },
  },
  {
    name: 'replace of a missing key is skipped',
    doc: labelled,
    map: 'labels',
    o: { operator: 'replace', value: { nope: 'y' } },
    want: { app: 'c', 'example.com/team': 'x' },
  },
  {
    name: 'remove of an existing key',
    doc: labelled,
    map: 'annotations',
    o: { operator: 'remove', value: { note: '' } },
    want: {},
  },
  {
    name: 'remove of a missing key is skipped',
    doc: labelled,
    map: 'annotations',
    o: { operator: 'remove', value: { nope: '' } },
    want: { note: 'n' },
  },
  {
    name: 'remove on a template without the map is skipped',
    doc: bare,
    map: 'labels',
    o: { operator: 'remove', value: { env: '' } },
    want: undefined,
  },
  {
    name: 'add with no entries leaves an absent map absent',
    doc: bare,
    map: 'labels',
    o: { operator: 'add', value: {} },
    want: undefined,
  },
];

describe('applyLabelAnnotationOverrider', () => {
  for (const c of cases) {
    it(c.name, () => {
      const before = JSON.stringify(c.doc);
      const got = applyLabelAnnotationOverrider(c.doc, c.map, c.o);
      assert.equal(got.kind, 'Applied');
      if (got.kind === 'Applied')
        assert.deepEqual(((got.value as JsonObject)['metadata'] as JsonObject)[c.map], c.want);
      assert.equal(JSON.stringify(c.doc), before, 'input must not change');
    });
  }
});
