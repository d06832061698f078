import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareYamlV2Keys, decodeYamlV2, encodeYamlV2, formatGoFloat } from './index.ts';

// YAML → JSON → YAML as sigs.k8s.io/yaml v1.6.0 (go.yaml.in/yaml/v2 v2.4.4) does it.
/** Round trips whose `want` sigs.k8s.io/yaml itself wrote (round-trips.json, made by expectations/main.go). */
const roundTrips = JSON.parse(readFileSync(path.join(import.meta.dirname, 'round-trips.json'), 'utf8')) as readonly {
  name: string;
  yaml: string;
  want: string;
}[];

describe('go-yaml v2 round trip (decodeYamlV2 + encodeYamlV2)', () => {
  for (const c of roundTrips) {
    it(c.name, () => {
      const decoded = decodeYamlV2(c.yaml);
      assert.equal(decoded.kind, 'Applied');
      if (decoded.kind === 'Applied') assert.equal(encodeYamlV2(decoded.value), c.want);
    });
  }
  it('reads only the first document', () =>
    assert.deepEqual(decodeYamlV2('a: 1\n---\nb: 2\n'), { kind: 'Applied', value: { a: 1 } }));
  it('reads an empty text as null', () => assert.deepEqual(decodeYamlV2(''), { kind: 'Applied', value: null }));
  it('refuses .nan, which JSON cannot hold', () => assert.equal(decodeYamlV2('a: .nan\n').kind, 'Failed'));
  it('refuses a null key', () => assert.equal(decodeYamlV2('~: 1\n').kind, 'Failed'));
  it('refuses raw control characters', () => assert.equal(decodeYamlV2('a: "\u007f"\n').kind, 'Failed'));
  it('writes scalars and empty collections at the root', () => {
    assert.deepEqual(
      [encodeYamlV2(5), encodeYamlV2('a\nb'), encodeYamlV2({}), encodeYamlV2([])],
      ['5\n', '|-\n  a\n  b\n', '{}\n', '[]\n'],
    );
  });
});

describe('compareYamlV2Keys (go-yaml v2 sorter.go)', () => {
  const cases: [string, string, number][] = [
    ['k9', 'k10', -1],
    ['a_b', 'ab', -1],
    ['A', 'a', -1],
    ['a', 'a-b', -1],
    ['x1y', 'x01y', -1],
    ['z0', 'z00', -1],
    ['same', 'same', 0],
  ];
  for (const [a, b, want] of cases) it(`${a} vs ${b}`, () => assert.equal(Math.sign(compareYamlV2Keys(a, b)), want));
});

describe('formatGoFloat (strconv.FormatFloat g, -1, 64)', () => {
  const cases: [number, string][] = [
    [0.5, '0.5'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [1e21, '1e+21'],
    [-2.5e-7, '-2.5e-07'],
  ];
  for (const [v, want] of cases) it(String(v), () => assert.equal(formatGoFloat(v), want));
});
