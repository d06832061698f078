import assert from 'node:assert/strict';
import YAML from 'yaml';
import type { JsonObject, JsonValue } from '../api/index.ts';
import { decodeYamlV2 } from '../override/yaml-v2/index.ts';
import { buildWork } from '../render/work.ts';
import { trickyConfigMap } from '../../test/fixtures/tricky-yaml.ts';
import { renderedFiles } from './rendered-tree.ts';

const readers: { name: string; read: (text: string) => unknown }[] = [
  { name: 'YAML 1.2', read: (t) => YAML.parse(t, { version: '1.2' }) },
  { name: 'YAML 1.1', read: (t) => YAML.parse(t, { version: '1.1' }) },
  {
    name: 'go-yaml v2 (sigs.k8s.io/yaml)',
    read: (t) => {
      const r = decodeYamlV2(t);
      assert.equal(r.kind, 'Applied', JSON.stringify(r));
      return r.kind === 'Applied' ? r.value : undefined;
    },
  },
];

describe('rendered files read back identically under YAML 1.1 and 1.2', () => {
  const cm = trickyConfigMap('tricky', 'shop');
  const ns: JsonObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'yes' } };
  const works = [
    buildWork('on', { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'tricky' }, 'b', cm),
    buildWork('on', { apiVersion: 'v1', kind: 'Namespace', name: 'yes' }, 'b', ns),
  ];
  const files = renderedFiles(works, ['on', 'no']);
  for (const r of readers) {
    it(`${r.name}: every tricky string, as value and as key`, () => {
      const back = r.read(files.get('clusters/on/shop/configmap-tricky.yaml') ?? '') as JsonObject;
      assert.deepEqual(back, cm);
    });
    it(`${r.name}: kustomization.yaml lists the files as strings`, () => {
      assert.deepEqual((r.read(files.get('clusters/on/kustomization.yaml') ?? '') as JsonObject)['resources'], [
        '_cluster/namespace-yes.yaml',
        'shop/configmap-tricky.yaml',
      ]);
      assert.deepEqual((r.read(files.get('clusters/no/kustomization.yaml') ?? '') as JsonObject)['resources'], []);
    });
  }
  it('numbers, booleans and nulls stay what they are', () => {
    const m: JsonObject = {
      apiVersion: 'v1',
      kind: 'Thing',
      metadata: { name: 'n' },
      spec: { replicas: 3, ratio: 0.5, big: 1e21, on: true, off: false, none: null, list: [1, '1', true, 'true'] },
    };
    const text =
      renderedFiles([buildWork('c', { apiVersion: 'v1', kind: 'Thing', name: 'n' }, 'b', m)], ['c']).get(
        'clusters/c/_cluster/thing-n.yaml',
      ) ?? '';
    for (const r of readers) assert.deepEqual(r.read(text) as JsonValue, m, r.name);
  });
  it('plain strings stay plain (quoting only what needs it)', () => {
    const text = files.get('clusters/on/shop/configmap-tricky.yaml') ?? '';
    assert.match(text, /^kind: ConfigMap$/m);
    assert.match(text, /^ {4}"on": "yes"$/m);
    assert.match(text, /^ {4}version: "1.10"$/m);
    assert.match(text, /^ {2}"yes": k\d+$/m);
  });
});
