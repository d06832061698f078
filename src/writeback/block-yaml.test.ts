import assert from 'node:assert/strict';
import YAML from 'yaml';
import { blockYaml, type BlockDialect } from './block-yaml.ts';
import { portableYamlByLibrary } from './rendered-yaml.ts';

/** What the library writes in each dialect. */
const library: Record<BlockDialect, (v: unknown) => string> = {
  core: (v) => YAML.stringify(v, { lineWidth: 0, aliasDuplicateObjects: false }),
  portable: portableYamlByLibrary,
};

/** Strings near every rule: words of either schema, numbers, quantities, colons, spaces, indicators. */
const strings = [
  ...['a', 'web', 'nginx:1.0', 'app.kubernetes.io/name', '/path/x', '_x', 'a b c', 'Prune=false,Delete=false'],
  ...['yes', 'Yes', 'no', 'y', 'n', 'N', 'on', 'Off', 'true', 'True', 'FALSE', 'null', 'Null', 'NULL', 'nil'],
  ...['128Mi', '500m', '1.5Gi', '10s', '0xA', '0x1F', '0b1', '0o17', '1e3', '1_000', '012', '1:20', '2026-08-01'],
  ...['80', '1.0', '.inf', '-1', '+1', '~', '', ' a', 'a ', 'a:', 'a: b', 'a #b', 'a#b', '-', '- a', '?', ':a'],
  ...['a\nb', 'é', 'a"b', "a'b", 'a\\b', '<<', '*a', '&a', '!a', '%a', '@a', '`a', '{a', '[a', ',a', '|', '>'],
  ...['a,b', 'a(b)', 'a=b', 'a+b', 'user@example.com', 'Infinity', 'NaN', '0', '00', '1Gi2'],
];
const scalars: readonly unknown[] = [...strings, 0, 1, -3, 2 ** 53, 1.5, -0.5, 1e21, true, false, null];

/** A deterministic pseudo-random source (a linear congruential generator): the same cases every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function generated(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || r < 0.5) return scalars[Math.floor(next() * scalars.length)];
  if (r < 0.75) {
    const n = Math.floor(next() * 4);
    return Object.fromEntries(
      Array.from({ length: n }, () => [strings[Math.floor(next() * strings.length)], generated(next, depth + 1)]),
    );
  }
  return Array.from({ length: Math.floor(next() * 4) }, () => generated(next, depth + 1));
}

describe('blockYaml: the bytes the yaml library writes, or nothing', () => {
  for (const dialect of ['core', 'portable'] as const)
    it(`${dialect}: 3,000 generated documents are written as the library writes them, or left to it`, () => {
      const next = random(dialect === 'core' ? 7 : 11);
      let written = 0;
      for (let i = 0; i < 3000; i++) {
        const doc = { key: generated(next, 0), [strings[i % strings.length] ?? 'k']: generated(next, 0) };
        const fast = blockYaml(doc, dialect);
        if (fast === undefined) continue;
        written++;
        assert.equal(fast, library[dialect](doc), JSON.stringify(doc));
      }
      assert.ok(written > 150, `only ${written} written without the library`);
    });

  it('writes an ordinary Deployment itself', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/managed-by': 'flotilla' } },
      spec: {
        replicas: 3,
        template: {
          spec: {
            containers: [{ name: 'web', image: 'nginx:1.0', resources: { limits: { cpu: '500m', memory: '128Mi' } } }],
          },
        },
      },
    };
    for (const dialect of ['core', 'portable'] as const)
      assert.equal(blockYaml(deployment, dialect), library[dialect](deployment));
  });

  const leftToLibrary: readonly { name: string; value: unknown }[] = [
    { name: 'a multi-line string', value: { a: 'x\ny' } },
    { name: 'a float', value: { a: 1.5 } },
    { name: 'a sequence in a sequence', value: { a: [[1]] } },
    { name: 'an empty document', value: {} },
    { name: 'a top-level sequence', value: [1] },
  ];
  for (const c of leftToLibrary)
    it(`leaves ${c.name} to the library`, () => assert.equal(blockYaml(c.value, 'portable'), undefined));
});
