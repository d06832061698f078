import assert from 'node:assert/strict';
import YAML from 'yaml';
import type { JsonObject, JsonValue } from '../api/index.ts';
import { decodeYamlV2 } from '../override/yaml-v2-decode.ts';
import { buildWork } from '../render/work.ts';
import { renderedFiles } from './rendered-tree.ts';

/** Strings some YAML reader (1.1, 1.2 core, go-yaml v2) would resolve to something else if unquoted. */
export const trickyStrings: readonly string[] = [
  // timestamps (yaml.org/type/timestamp), go-yaml v2's looser dates
  '2026-08-01', '2026-8-1', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10',
  // ints (yaml.org/type/int): separators, binary, octal both ways, sexagesimal, hex, signs, Go prefixes
  '1_000', '0b101', '0o17', '012', '08', '1:20', '190:20:30', '0x1F', '0X1F', '0B1', '+12', '-0', '685_230',
  // floats (yaml.org/type/float)
  '1e3', '1.5e+3', '12.', '.5', '0.', '1_000.5', '190:20:30.15', '.inf', '-.Inf', '+.INF', '.nan', '.NaN',
  // bools (yaml.org/type/bool) and nulls (yaml.org/type/null)
  'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'y', 'Y', 'n', 'N',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '~', 'null', 'Null', 'NULL', '',
  // merge and value keys (yaml.org/type/merge, yaml.org/type/value)
  '<<', '=',
  // what plain style cannot hold
  ' lead', 'trail ', 'a: b', '#x', '- x', '@x', '`x', '%x', '!x', '&x', '*x', '[x', '{x', '|', '>', "'", '"', 'a #b',
  // line breaks YAML 1.1 knows and 1.2 does not, controls go-yaml refuses raw, multi-line strings
  'a\u2028b', 'x\u0085y', 'p\u2029q', 'del\u007f', 'c1\u0080\u009f', 'tab\there',
  'two\nlines', 'trailing newline\n', 'keep\n\n\n', '\nleading', ' indented\nnext', 'mixed\nline\u2028sep', '---\nstart', 'x\n...\ny',
];

/** The ConfigMap whose data holds every tricky string as a value and as a key. */
export function trickyConfigMap(name: string, namespace: string): JsonObject {
  const data: Record<string, string> = {};
  trickyStrings.forEach((v, i) => {
    data[`v${i}`] = v;
    data[v] = `k${i}`;
  });
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: { on: 'yes', version: '1.10' } }, data };
}

const readers: { name: string; read: (text: string) => unknown }[] = [
  { name: 'YAML 1.2', read: (t) => YAML.parse(t, { version: '1.2' }) },
  { name: 'YAML 1.1', read: (t) => YAML.parse(t, { version: '1.1' }) },
  { name: 'go-yaml v2 (sigs.k8s.io/yaml)', read: (t) => { const r = decodeYamlV2(t); assert.equal(r.kind, 'Applied', JSON.stringify(r)); return r.kind === 'Applied' ? r.value : undefined; } },
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
      assert.deepEqual((r.read(files.get('clusters/on/kustomization.yaml') ?? '') as JsonObject)['resources'], ['_cluster/namespace-yes.yaml', 'shop/configmap-tricky.yaml']);
      assert.deepEqual((r.read(files.get('clusters/no/kustomization.yaml') ?? '') as JsonObject)['resources'], []);
    });
  }
  it('numbers, booleans and nulls stay what they are', () => {
    const m: JsonObject = { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'n' }, spec: { replicas: 3, ratio: 0.5, big: 1e21, on: true, off: false, none: null, list: [1, '1', true, 'true'] } };
    const text = renderedFiles([buildWork('c', { apiVersion: 'v1', kind: 'Thing', name: 'n' }, 'b', m)], ['c']).get('clusters/c/_cluster/thing-n.yaml') ?? '';
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
