import assert from 'node:assert/strict';
import { bindingAnnotation, managedByLabel, managedByValue, type JsonObject } from '../api/index.ts';
import { markOwnership } from './ownership-marks.ts';

const cases: readonly { name: string; in: JsonObject; want: JsonObject }[] = [
  {
    name: 'creates the label and annotation maps when absent',
    in: { kind: 'ConfigMap', metadata: { name: 'c' } },
    want: {
      kind: 'ConfigMap',
      metadata: {
        name: 'c',
        labels: { [managedByLabel]: managedByValue },
        annotations: { [bindingAnnotation]: 'ns/b' },
      },
    },
  },
  {
    name: 'creates metadata when it is not an object',
    in: { kind: 'ConfigMap', metadata: 'x' },
    want: {
      kind: 'ConfigMap',
      metadata: { labels: { [managedByLabel]: managedByValue }, annotations: { [bindingAnnotation]: 'ns/b' } },
    },
  },
  {
    name: "keeps the user's labels and annotations, overwrites the marks, and sorts the keys (D5)",
    in: {
      kind: 'ConfigMap',
      metadata: {
        name: 'c',
        labels: { z: '1', [managedByLabel]: 'helm', a: '2' },
        annotations: { [bindingAnnotation]: 'other', b: '3' },
      },
    },
    want: {
      kind: 'ConfigMap',
      metadata: {
        name: 'c',
        labels: { a: '2', [managedByLabel]: managedByValue, z: '1' },
        annotations: { b: '3', [bindingAnnotation]: 'ns/b' },
      },
    },
  },
];

describe('render: markOwnership', () => {
  for (const c of cases) {
    it(c.name, () => {
      const m = structuredClone(c.in);
      markOwnership(m, { binding: 'ns/b' });
      assert.deepEqual(m, c.want);
      const meta = m['metadata'] as { labels: object; annotations: object };
      assert.deepEqual(Object.keys(meta.labels), Object.keys(meta.labels).toSorted());
      assert.deepEqual(Object.keys(meta.annotations), Object.keys(meta.annotations).toSorted());
    });
  }
});
