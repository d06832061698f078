/**
 * Karmada's tables for the labels and annotations overriders, ported case by case:
 * pkg/util/overridemanager/labelannotationoverrider_test.go :: Test_applyLabelsOverriders and
 * :: Test_applyAnnotationsOverriders. Each case asserts the map after the overriders ran. No case
 * is skipped; the three cases named "test annotations remain the same" get `#2`, `#3`.
 */
import assert from 'node:assert/strict';
import type { JsonObject, LabelAnnotationOverrider } from '../api/index.ts';
import { applyLabelAnnotationOverrider, type MetadataMap } from './label-annotation-overrider.ts';

const file = 'labelannotationoverrider_test.go';

/** test/helper NewDeployment(default, test) with the given map, or none. */
function deployment(map: MetadataMap, value?: Record<string, string>): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'test', namespace: 'default', ...(value ? { [map]: value } : {}) },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'my-name', image: 'my-image' }] } } },
  };
}
const fooBar = { foo: 'foo', bar: 'bar' };
const composed = 'testannotation/projectId';

type Case = { name: string; doc?: Record<string, string>; o: LabelAnnotationOverrider; want: Record<string, string> };

function sharedCases(noun: string): Case[] {
  return [
    { name: `test empty ${noun}`, o: { operator: 'add', value: { test2: 'test2' } }, want: { test2: 'test2' } },
    {
      name: `test ${noun} replace`,
      doc: fooBar,
      o: { operator: 'replace', value: { foo: 'exist', 'non-exist': 'non-exist' } },
      want: { foo: 'exist', bar: 'bar' },
    },
    {
      name: `test ${noun} add`,
      doc: fooBar,
      o: { operator: 'add', value: { test: 'test' } },
      want: { test: 'test', ...fooBar },
    },
    {
      name: `test ${noun} remove`,
      doc: fooBar,
      o: { operator: 'remove', value: { foo: 'foo', 'non-exist': 'non-exist' } },
      want: { bar: 'bar' },
    },
  ];
}

const labelCases = sharedCases('labels');
const annotationCases: Case[] = [
  ...sharedCases('annotations'),
  { name: 'test annotations remain the same', doc: fooBar, o: { operator: 'remove', value: {} }, want: fooBar },
  {
    name: 'test annotations remain the same #2',
    doc: fooBar,
    o: { operator: 'replace', value: { test: 'test' } },
    want: fooBar,
  },
  {
    name: 'test annotations remain the same #3',
    doc: fooBar,
    o: { operator: 'remove', value: { test: 'test' } },
    want: fooBar,
  },
  {
    name: 'test add composed annotation',
    doc: fooBar,
    o: { operator: 'add', value: { [composed]: 'c-m-lfx9lk92:p-v86cf' } },
    want: { ...fooBar, [composed]: 'c-m-lfx9lk92:p-v86cf' },
  },
  {
    name: 'test remove composed annotation',
    doc: { [composed]: 'c-m-lfx9lk92:p-v86cf', foo: 'foo' },
    o: { operator: 'remove', value: { [composed]: 'c-m-lfx9lk92:p-v86cf' } },
    want: { foo: 'foo' },
  },
];

for (const [map, test, cases] of [
  ['labels', 'Test_applyLabelsOverriders', labelCases],
  ['annotations', 'Test_applyAnnotationsOverriders', annotationCases],
] as const) {
  describe(`Karmada ${file} :: ${test}`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const got = applyLabelAnnotationOverrider(deployment(map, c.doc), map, c.o);
        assert.equal(got.kind, 'Applied');
        if (got.kind !== 'Applied') return;
        const meta = (got.value as JsonObject)['metadata'] as JsonObject;
        assert.deepEqual(meta[map], c.want);
      });
    }
  });
}
