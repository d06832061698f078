import assert from 'node:assert/strict';
import type { ImageOverrider, JsonObject } from '../api/index.ts';
import { configMap, deployment, pod } from './builders.test.ts';
import { applyImageOverrider } from './image-overrider.ts';

const cronJob: JsonObject = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'report', namespace: 'default' },
  spec: {
    jobTemplate: { spec: { template: { spec: { containers: [{ name: 'r', image: 'reg.io/batch/report:1.0' }] } } } },
  },
};
const withInit: JsonObject = {
  ...deployment('db', [{ name: 'client', image: 'reg.io/db/client:3.1' }]),
  spec: {
    template: {
      spec: {
        initContainers: [{ name: 'migrate', image: 'reg.io/db/migrate:3.1' }],
        containers: [{ name: 'client', image: 'reg.io/db/client:3.1' }],
      },
    },
  },
};
const registry = (operator: ImageOverrider['operator'], value?: string): ImageOverrider =>
  value === undefined ? { component: 'Registry', operator } : { component: 'Registry', operator, value };

const cases: { name: string; doc: JsonObject; o: ImageOverrider; path: string[]; want: unknown }[] = [
  {
    name: 'Deployment: every container',
    doc: deployment('a', [
      { name: 'a', image: 'nginx:1' },
      { name: 'b', image: 'reg.io/x/y:2' },
    ]),
    o: registry('replace', 'm.io'),
    path: ['spec', 'template', 'spec', 'containers'],
    want: [
      { name: 'a', image: 'm.io/nginx:1' },
      { name: 'b', image: 'm.io/x/y:2' },
    ],
  },
  {
    name: 'Pod: /spec/containers',
    doc: pod('p', [{ name: 'a', image: 'busybox:1.36' }]),
    o: registry('add', 'registry.k8s.io'),
    path: ['spec', 'containers'],
    want: [{ name: 'a', image: 'registry.k8s.io/busybox:1.36' }],
  },
  {
    name: 'registry add appends text',
    doc: pod('p', [{ name: 'a', image: 'fictional.registry.example/imagename:v1.0.0' }]),
    o: registry('add', '.test'),
    path: ['spec', 'containers', '0', 'image'],
    want: 'fictional.registry.example.test/imagename:v1.0.0',
  },
  {
    name: 'registry remove',
    doc: pod('p', [{ name: 'a', image: 'localhost:5000/tools/debug:latest' }]),
    o: registry('remove'),
    path: ['spec', 'containers', '0', 'image'],
    want: 'tools/debug:latest',
  },
  {
    name: 'repository replace',
    doc: pod('p', [{ name: 'a', image: 'registry.k8s.io/pause:3.9' }]),
    o: { component: 'Repository', operator: 'replace', value: 'busybox' },
    path: ['spec', 'containers', '0', 'image'],
    want: 'registry.k8s.io/busybox:3.9',
  },
  {
    name: 'CronJob without predicate: unchanged',
    doc: cronJob,
    o: { component: 'Tag', operator: 'replace', value: '2.0' },
    path: ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', '0', 'image'],
    want: 'reg.io/batch/report:1.0',
  },
  {
    name: 'CronJob with predicate',
    doc: cronJob,
    o: {
      predicate: { path: '/spec/jobTemplate/spec/template/spec/containers/0/image' },
      component: 'Registry',
      operator: 'replace',
      value: 'mirror.io',
    },
    path: ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', '0', 'image'],
    want: 'mirror.io/batch/report:1.0',
  },
  {
    name: 'init containers are not auto-detected',
    doc: withInit,
    o: { component: 'Tag', operator: 'replace', value: '3.2' },
    path: ['spec', 'template', 'spec', 'initContainers', '0', 'image'],
    want: 'reg.io/db/migrate:3.1',
  },
  {
    name: 'init container through a predicate',
    doc: withInit,
    o: {
      predicate: { path: '/spec/template/spec/initContainers/0/image' },
      component: 'Tag',
      operator: 'replace',
      value: '3.2',
    },
    path: ['spec', 'template', 'spec', 'initContainers', '0', 'image'],
    want: 'reg.io/db/migrate:3.2',
  },
  {
    name: 'ConfigMap: nothing to do',
    doc: configMap('c', { image: 'busybox:1.36' }),
    o: registry('replace', 'm.io'),
    path: ['data', 'image'],
    want: 'busybox:1.36',
  },
];

function at(doc: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], doc);
}

describe('applyImageOverrider', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = applyImageOverrider(c.doc, c.o);
      assert.equal(got.kind, 'Applied');
      if (got.kind === 'Applied') assert.deepEqual(at(got.value, c.path), c.want);
    });
  }
  const failures: { name: string; doc: JsonObject; o: ImageOverrider; code: string }[] = [
    {
      name: 'a predicate path that does not exist',
      doc: cronJob,
      o: { predicate: { path: '/spec/template/spec/containers/0/image' }, component: 'Tag', operator: 'remove' },
      code: 'OverridePathMissing',
    },
    {
      name: 'a predicate index past the end',
      doc: withInit,
      o: { predicate: { path: '/spec/template/spec/initContainers/3/image' }, component: 'Tag', operator: 'remove' },
      code: 'OverridePathMissing',
    },
    {
      name: 'a predicate path to a non-string',
      doc: withInit,
      o: { predicate: { path: '/spec/template/spec' }, component: 'Tag', operator: 'remove' },
      code: 'OverrideFailed',
    },
    {
      name: 'an image that cannot be parsed',
      doc: pod('p', [{ name: 'a', image: 'Nginx:1' }]),
      o: registry('remove'),
      code: 'OverrideFailed',
    },
    {
      name: 'a container without an image (Karmada fails to parse "")',
      doc: pod('p', [{ name: 'a' }]),
      o: registry('remove'),
      code: 'OverrideFailed',
    },
  ];
  for (const c of failures) {
    it(`fails on ${c.name}`, () => {
      const got = applyImageOverrider(c.doc, c.o);
      assert.equal(got.kind, 'Failed');
      if (got.kind === 'Failed') assert.equal(got.code, c.code);
    });
  }
});
