import assert from 'node:assert/strict';
import type { FieldOverrider, JsonObject } from '../api/index.ts';
import { configMap } from './builders.test.ts';
import { applyFieldOverrider } from './field-overrider.ts';

// Expected texts produced by Karmada's own path (sigs.k8s.io/yaml v1.6.0, evanphx/json-patch v5.9.11).
const deployJson =
  '{\n  "apiVersion": "apps/v1",\n  "kind": "Deployment",\n  "spec": {"replicas": 3, "ratio": 1.50,\n    "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.19.0"}]}}}\n}';
const settingsYaml =
  'b: yes\na: \'on\'\nlist:\n  - 1\n  - "02"\nk10: x\nk9: y\ntext: "a: b"\nblock: |\n  line 1\n  line 2\n';

const cases: { name: string; data: string; o: FieldOverrider; want: string }[] = [
  {
    name: 'JSON: compact, key order kept, raw numbers kept, added object keys sorted',
    data: deployJson,
    o: {
      fieldPath: '/data/x',
      json: [
        { subPath: '/spec/replicas', operator: 'replace', value: 5 },
        {
          subPath: '/spec/template/spec/containers/-',
          operator: 'add',
          value: { name: 'nginx-helper', image: 'nginx:1.19.1' },
        },
        { subPath: '/spec/template/spec/containers/0/image', operator: 'remove' },
      ],
    },
    want: '{"apiVersion":"apps/v1","kind":"Deployment","spec":{"replicas":5,"ratio":1.50,"template":{"spec":{"containers":[{"name":"nginx"},{"image":"nginx:1.19.1","name":"nginx-helper"}]}}}}',
  },
  {
    name: 'YAML: YAML 1.1 scalars, v2 key order, unindented lists, quoting and folding at 80 columns',
    data: settingsYaml,
    o: {
      fieldPath: '/data/x',
      yaml: [
        {
          subPath: '/long',
          operator: 'add',
          value: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen',
        },
      ],
    },
    want: 'a: "on"\nb: true\nblock: |\n  line 1\n  line 2\nk9: true\nk10: x\nlist:\n- 1\n- "02"\nlong: one two three four five six seven eight nine ten eleven twelve thirteen fourteen\n  fifteen\ntext: \'a: b\'\n',
  },
  {
    name: 'YAML: ~1 in a sub-path addresses a key with a slash',
    data: 'server:\n  location /:\n    root: /usr/share/nginx/html\n',
    o: {
      fieldPath: '/data/x',
      yaml: [{ subPath: '/server/location ~1/root', operator: 'replace', value: '/var/www/html' }],
    },
    want: 'server:\n  location /:\n    root: /var/www/html\n',
  },
];

describe('applyFieldOverrider', () => {
  for (const c of cases) {
    it(c.name, () => {
      const doc = configMap('c', { x: c.data });
      const got = applyFieldOverrider(doc, c.o);
      assert.equal(got.kind, 'Applied', JSON.stringify(got));
      if (got.kind === 'Applied') assert.equal(((got.value as JsonObject)['data'] as JsonObject)['x'], c.want);
      assert.equal((doc['data'] as JsonObject)['x'], c.data, 'input must not change');
    });
  }
  const failures: { name: string; doc: JsonObject; o: FieldOverrider; code: string }[] = [
    {
      name: 'a field that does not exist',
      doc: configMap('c', {}),
      o: { fieldPath: '/data/x', yaml: [{ subPath: '/a', operator: 'remove' }] },
      code: 'OverridePathMissing',
    },
    {
      name: 'a field that is not a string',
      doc: { ...configMap('c', {}), spec: { replicas: 1 } },
      o: { fieldPath: '/spec/replicas', json: [{ subPath: '/a', operator: 'remove' }] },
      code: 'OverrideFailed',
    },
    {
      name: 'unparsable JSON',
      doc: configMap('c', { x: '{"a":' }),
      o: { fieldPath: '/data/x', json: [{ subPath: '/a', operator: 'remove' }] },
      code: 'OverrideFailed',
    },
    {
      name: 'unparsable YAML',
      doc: configMap('c', { x: 'a: [' }),
      o: { fieldPath: '/data/x', yaml: [{ subPath: '/a', operator: 'remove' }] },
      code: 'OverrideFailed',
    },
    {
      name: 'a YAML scalar document',
      doc: configMap('c', { x: 'just text' }),
      o: { fieldPath: '/data/x', yaml: [{ subPath: '/a', operator: 'add', value: 1 }] },
      code: 'OverrideFailed',
    },
    {
      name: 'a sub-path that does not exist',
      doc: configMap('c', { x: 'a: 1\n' }),
      o: { fieldPath: '/data/x', yaml: [{ subPath: '/b/c', operator: 'add', value: 1 }] },
      code: 'OverridePathMissing',
    },
    {
      name: 'both yaml and json (Karmada admission rejects it)',
      doc: configMap('c', { x: '{}' }),
      o: {
        fieldPath: '/data/x',
        yaml: [{ subPath: '/a', operator: 'add', value: 1 }],
        json: [{ subPath: '/a', operator: 'add', value: 1 }],
      },
      code: 'OverrideFailed',
    },
    {
      name: 'a fieldPath that is not a pointer',
      doc: configMap('c', { x: '{}' }),
      o: { fieldPath: 'data/x', json: [{ subPath: '/a', operator: 'add', value: 1 }] },
      code: 'OverrideFailed',
    },
  ];
  for (const c of failures) {
    it(`fails on ${c.name}`, () => {
      const got = applyFieldOverrider(c.doc, c.o);
      assert.equal(got.kind === 'Failed' && got.code, c.code, JSON.stringify(got));
    });
  }
});
