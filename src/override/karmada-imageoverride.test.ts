/**
 * Karmada's table for the image overrider, ported case by case:
 * pkg/util/overridemanager/imageoverride_test.go :: TestParseJSONPatchesByImageOverrider.
 * Karmada asserts the JSON patches buildPatches returns; flotilla applies them, so each case
 * asserts the image at every patched path after applyImageOverrider. No case is skipped.
 */
import assert from 'node:assert/strict';
import type { ImageOverrider, JsonObject } from '../api/index.ts';
import { applyImageOverrider } from './image-overrider.ts';

const src = 'imageoverride_test.go :: TestParseJSONPatchesByImageOverrider';
const original = 'fictional.registry.example/imagename:v1.0.0';

function podTemplateWorkload(kind: string, images: string[]): JsonObject {
  const containers = images.map((image) => ({ image, name: 'nginx' }));
  return {
    apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1',
    kind,
    metadata: { name: 'nginx', labels: { app: 'nginx' } },
    spec: {
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers } },
    },
  };
}
const deployment = podTemplateWorkload('Deployment', [original]);
const twoContainers = podTemplateWorkload('Deployment', [original, 'registry.k8s.io/nginx-slim:0.8']);
const job = podTemplateWorkload('Job', ['perl:5.34.0']);
const pod: JsonObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', labels: { app: 'nginx' } },
  spec: { containers: [{ image: original, name: 'nginx' }] },
};
const digest = 'sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';
const first = '/spec/template/spec/containers/0/image';
const second = '/spec/template/spec/containers/1/image';
const repoNginx: ImageOverrider = { component: 'Repository', operator: 'replace', value: 'nginx' };

const cases: { name: string; doc: JsonObject; o: ImageOverrider; want: Record<string, string> }[] = [
  {
    name: 'imageOverrider with empty predicate, resource kind: Job, component: Registry, operator: add',
    doc: job,
    o: { component: 'Registry', operator: 'add', value: 'registry.k8s.io' },
    want: { [first]: 'registry.k8s.io/perl:5.34.0' },
  },
  {
    name: 'imageOverrider with predicate, resource kind: Job, component: Registry, operator: add',
    doc: job,
    o: { predicate: { path: first }, component: 'Registry', operator: 'add', value: 'registry.k8s.io' },
    want: { [first]: 'registry.k8s.io/perl:5.34.0' },
  },
  {
    name: 'imageOverrider with empty predicate, resource kind: Deployment, component: Registry, operator: add',
    doc: deployment,
    o: { component: 'Registry', operator: 'add', value: '.test' },
    want: { [first]: 'fictional.registry.example.test/imagename:v1.0.0' },
  },
  {
    name: 'imageOverrider with empty predicate, resource kind: Deployment, component: Registry, operator: replace',
    doc: deployment,
    o: { component: 'Registry', operator: 'replace', value: 'fictional.registry.us' },
    want: { [first]: 'fictional.registry.us/imagename:v1.0.0' },
  },
  {
    name: 'imageOverrider with empty predicate, resource kind: Deployment, component: Registry, operator: remove',
    doc: deployment,
    o: { component: 'Registry', operator: 'remove', value: 'fictional.registry.us' },
    want: { [first]: 'imagename:v1.0.0' },
  },
  {
    name: 'imageOverrider with empty predicate, resource kind: Deployment, component: Repository, operator: add',
    doc: deployment,
    o: { component: 'Repository', operator: 'add', value: '/nginx' },
    want: { [first]: 'fictional.registry.example/imagename/nginx:v1.0.0' },
  },
  {
    name: 'imageOverrider with empty predicate, resource kind: Deployment, component: Repository, operator: replace',
    doc: deployment,
    o: repoNginx,
    want: { [first]: 'fictional.registry.example/nginx:v1.0.0' },
  },
  {
    name: 'imageOverrider with empty predicate, resource kind: Deployment, component: Repository, operator: remove',
    doc: deployment,
    o: { component: 'Repository', operator: 'remove', value: 'nginx' },
    want: { [first]: 'fictional.registry.example/:v1.0.0' },
  },
  {
    // Appending a digest to a tag is neither a tag nor a digest: the image stays as it was.
    name: 'imageOverrider with empty predicate, resource kind: Deployment, component: Tag, operator: add',
    doc: deployment,
    o: { component: 'Tag', operator: 'add', value: digest },
    want: { [first]: original },
  },
  {
    name: 'imageOverrider with empty predicate, resource kind: Deployment, component: Tag, operator: replace',
    doc: deployment,
    o: { component: 'Tag', operator: 'replace', value: digest },
    want: { [first]: `fictional.registry.example/imagename@${digest}` },
  },
  {
    name: 'imageOverrider with empty predicate, resource kind: Deployment, component: Tag, operator: remove',
    doc: deployment,
    o: { component: 'Tag', operator: 'remove', value: digest },
    want: { [first]: 'fictional.registry.example/imagename' },
  },
  {
    name: 'imageOverrider with empty predicate, resource kind: Pod',
    doc: pod,
    o: repoNginx,
    want: { '/spec/containers/0/image': 'fictional.registry.example/nginx:v1.0.0' },
  },
  ...['StatefulSet', 'ReplicaSet', 'DaemonSet'].map((kind) => ({
    name: `imageOverrider with empty predicate, resource kind: ${kind}`,
    doc: podTemplateWorkload(kind, [original]),
    o: repoNginx,
    want: { [first]: 'fictional.registry.example/nginx:v1.0.0' },
  })),
  {
    name: 'imageOverrider with empty predicate, resource has more than one container',
    doc: twoContainers,
    o: repoNginx,
    want: { [first]: 'fictional.registry.example/nginx:v1.0.0', [second]: 'registry.k8s.io/nginx:0.8' },
  },
  {
    name: 'imageOverrider with predicate, resource has one container',
    doc: deployment,
    o: { ...repoNginx, predicate: { path: first } },
    want: { [first]: 'fictional.registry.example/nginx:v1.0.0' },
  },
  {
    name: 'imageOverrider with predicate, resource has more than one container',
    doc: twoContainers,
    o: { ...repoNginx, predicate: { path: second } },
    want: { [first]: original, [second]: 'registry.k8s.io/nginx:0.8' },
  },
];

function at(doc: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], doc);
}

describe(`Karmada ${src}`, () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = applyImageOverrider(c.doc, c.o);
      assert.equal(got.kind, 'Applied', got.kind === 'Failed' ? got.reason : '');
      if (got.kind !== 'Applied') return;
      for (const [pointer, image] of Object.entries(c.want)) assert.equal(at(got.value, pointer), image, pointer);
    });
  }
});
