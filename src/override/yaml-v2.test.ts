import assert from 'node:assert/strict';
import { compareYamlV2Keys } from './yaml-v2-key-order.ts';
import { decodeYamlV2 } from './yaml-v2-decode.ts';
import { encodeYamlV2, formatGoFloat } from './yaml-v2-encode.ts';

// YAML → JSON → YAML as sigs.k8s.io/yaml v1.6.0 (go.yaml.in/yaml/v2 v2.4.4) does it; every `want`
// was produced by that library.
const roundTrips: { name: string; yaml: string; want: string }[] = [
  { name: "quoting", yaml: "s1: \"- a\"\ns2: \"a: b\"\ns3: \"a #b\"\ns4: \"#x\"\ns5: \" lead\"\ns6: \"trail \"\ns7: \"*ref\"\ns10: \"a:b\"\ns12: \"? x\"\ns13: \"---\"\ns14: \"it's\"\ns15: \"tab\\there\"\ns16: \"é ü\"\ns17: \"😀\"\ns21: \"-\"\nnum: \"12\"\nflt: \"1.5\"\nbool: \"no\"\nnul: \"~\"\nempty: \"\"\nts: \"2024-01-02\"\nb60: \"1:20\"\nmerge: \"<<\"\n", want: "b60: \"1:20\"\nbool: \"no\"\nempty: \"\"\nflt: \"1.5\"\nmerge: <<\nnul: \"~\"\nnum: \"12\"\ns1: '- a'\ns2: 'a: b'\ns3: 'a #b'\ns4: '#x'\ns5: ' lead'\ns6: 'trail '\ns7: '*ref'\ns10: a:b\ns12: '? x'\ns13: '---'\ns14: it's\ns15: \"tab\\there\"\ns16: é ü\ns17: \"\\U0001F600\"\ns21: '-'\nts: \"2024-01-02\"\n" },
  { name: "literal", yaml: "m1: \"line1\\nline2\"\nm2: \"line1\\nline2\\n\"\nm3: \"line1\\n\\n\"\nm4: \"\\nlead\"\nm5: \" sp\\nx\"\nm6: \"tr \\nx\"\n", want: "m1: |-\n  line1\n  line2\nm2: |\n  line1\n  line2\nm3: |+\n  line1\n\nm4: |2-\n\n  lead\nm5: |2-\n   sp\n  x\nm6: \"tr \\nx\"\n" },
  { name: "nesting", yaml: "list:\n- a\n- - b\n  - c\n- {}\n- []\n- k: v\n  k2: [1, 2]\nnested:\n  deeper:\n    deepest: [x]\n", want: "list:\n- a\n- - b\n  - c\n- {}\n- []\n- k: v\n  k2:\n  - 1\n  - 2\nnested:\n  deeper:\n    deepest:\n    - x\n" },
  { name: "numbers", yaml: "a: 0777\nb: 0x1F\nc: 1_000\nd: +12\nf: 1e3\ng: 1.0\nh: .5\ni: 1234567.5\nj: 0.00001\nl: 0o17\nm: 0b101\n", want: "a: 511\nb: 31\nc: 1000\nd: 12\nf: 1000\ng: 1\nh: 0.5\ni: 1.2345675e+06\nj: 1e-05\nl: 15\nm: 5\n" },
  { name: "keys", yaml: "k9: 1\nk10: 2\na_b: 3\nab: 4\na-b: 5\nA: 6\na: 7\nz0: 1\nz00: 2\nz01: 3\nx1y: 4\nx01y: 5\n1: a\n2.5: b\ntrue: c\n", want: "\"1\": a\n\"2.5\": b\nA: 6\na: 7\na-b: 5\na_b: 3\nab: 4\nk9: 1\nk10: 2\n\"true\": c\nx1y: 4\nx01y: 5\nz0: 1\nz00: 2\nz01: 3\n" },
  { name: "merge", yaml: "base: &b\n  x: 1\n  y: 2\nderived:\n  <<: *b\n  y: 3\nmulti:\n  <<: [*b, {z: 9, x: 0}]\n", want: "base:\n  \"true\": 2\n  x: 1\nderived:\n  \"true\": 3\n  x: 1\nmulti:\n  \"true\": 2\n  x: 1\n  z: 9\n" },
  { name: "longdouble", yaml: "longq: \"true true true true true true true true true true true true true true true true true true true true true true true true true\"\n", want: "longq: true true true true true true true true true true true true true true true\n  true true true true true true true true true true\n" },
];

describe('go-yaml v2 round trip (decodeYamlV2 + encodeYamlV2)', () => {
  for (const c of roundTrips) {
    it(c.name, () => {
      const decoded = decodeYamlV2(c.yaml);
      assert.equal(decoded.kind, 'Applied');
      if (decoded.kind === 'Applied') assert.equal(encodeYamlV2(decoded.value), c.want);
    });
  }
  it('reads only the first document', () => assert.deepEqual(decodeYamlV2('a: 1\n---\nb: 2\n'), { kind: 'Applied', value: { a: 1 } }));
  it('reads an empty text as null', () => assert.deepEqual(decodeYamlV2(''), { kind: 'Applied', value: null }));
  it('refuses .nan, which JSON cannot hold', () => assert.equal(decodeYamlV2('a: .nan\n').kind, 'Failed'));
  it('refuses a null key', () => assert.equal(decodeYamlV2('~: 1\n').kind, 'Failed'));
  it('refuses raw control characters', () => assert.equal(decodeYamlV2('a: "\u007f"\n').kind, 'Failed'));
  it('writes scalars and empty collections at the root', () => {
    assert.deepEqual([encodeYamlV2(5), encodeYamlV2('a\nb'), encodeYamlV2({}), encodeYamlV2([])], ['5\n', '|-\n  a\n  b\n', '{}\n', '[]\n']);
  });
});

describe('compareYamlV2Keys (go-yaml v2 sorter.go)', () => {
  const cases: [string, string, number][] = [
    ['k9', 'k10', -1], ['a_b', 'ab', -1], ['A', 'a', -1], ['a', 'a-b', -1], ['x1y', 'x01y', -1], ['z0', 'z00', -1], ['same', 'same', 0],
  ];
  for (const [a, b, want] of cases) it(`${a} vs ${b}`, () => assert.equal(Math.sign(compareYamlV2Keys(a, b)), want));
});

describe('formatGoFloat (strconv.FormatFloat g, -1, 64)', () => {
  const cases: [number, string][] = [[0.5, '0.5'], [0.0001, '0.0001'], [0.00001, '1e-05'], [123456.5, '123456.5'], [1234567.5, '1.2345675e+06'], [1e21, '1e+21'], [-2.5e-7, '-2.5e-07']];
  for (const [v, want] of cases) it(String(v), () => assert.equal(formatGoFloat(v), want));
});
