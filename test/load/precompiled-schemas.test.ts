/**
 * The bundles validate with schema validators compiled at build time (scripts/schema-validators.ts
 * in place of src/load/schema/precompiled.ts); the sources compile them at run time. Both must
 * judge every object alike, with the same errors (which carry the schema and the data: verbose).
 * Compared on every Karmada object of the example fleet and the Karmada fixtures, each also broken in a
 * few ways, and on a few objects broken everywhere.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { schemaValidatorsModule } from '../../scripts/schema-validators.ts';
import { ajvOptions } from '../../src/load/schema/ajv-options.ts';
import { schemaDocuments, schemaIdOf, schemaKinds, type SchemaKind } from '../../src/load/schema/schemas.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

function yamlObjects(dir: string): unknown[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
    .flatMap((f) =>
      parseAllDocuments(readFileSync(f, 'utf8')).flatMap((d) => ('toJS' in d && !d.errors.length ? [d.toJS()] : [])),
    );
}

const schemaKindOf = (o: unknown): SchemaKind | undefined =>
  schemaKinds.find((k) => typeof o === 'object' && o !== null && (o as { kind?: unknown }).kind === k);

/** An object broken in a few ways a user breaks one. */
const breakages: readonly ((o: Record<string, unknown>) => unknown)[] = [
  (o) => o,
  (o) => ({ ...o, unknownField: true }),
  (o) => ({ ...o, spec: 'not a map' }),
  (o) => ({ ...o, metadata: { name: 7, labels: { a: 1 } } }),
  (o) => ({ ...o, spec: { ...(o['spec'] as object), extra: [1, 'x'] } }),
];

const brokenEverywhere: readonly unknown[] = [
  null,
  'text',
  {},
  {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name: 'x' },
    spec: { resourceSelectors: [{ kind: 3 }], placement: { replicaScheduling: { replicaSchedulingType: 'Nope' } } },
  },
  {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'OverridePolicy',
    metadata: { name: 'x' },
    spec: { overrideRules: [{ overriders: { imageOverrider: [{ component: 'Nope' }], plaintext: [{ path: 3 }] } }] },
  },
  {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'c' },
    spec: { taints: [{ effect: 'X' }], resourceModels: 'no' },
  },
];

describe('load: schema validators compiled at build time judge as those compiled at run time', function () {
  this.timeout(60_000);
  let dir = '';
  let precompiled: Readonly<Record<SchemaKind, ValidateFunction>>;
  const atRunTime = new Ajv(ajvOptions);
  for (const doc of schemaDocuments) atRunTime.addSchema(doc);

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-schemas-'));
    const file = path.join(dir, 'validators.mjs');
    // The standalone code requires ajv's runtime helpers, as the bundle does (from the checkout here).
    const requireHere = `import { createRequire } from 'node:module';\nconst require = createRequire(${JSON.stringify(pathToFileURL(path.join(root, 'package.json')).href)});\n`;
    writeFileSync(file, requireHere + schemaValidatorsModule());
    ({ precompiledValidators: precompiled } = (await import(pathToFileURL(file).href)) as {
      precompiledValidators: Readonly<Record<SchemaKind, ValidateFunction>>;
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const fixtures = [
    path.join(root, 'examples', 'fleet-repo'),
    path.join(root, 'test', 'fixtures', 'karmada-samples'),
    path.join(root, 'test', 'fixtures', 'karmada-user-guide'),
  ].flatMap(yamlObjects);
  const cases = [
    ...fixtures.flatMap((o) => {
      const kind = schemaKindOf(o);
      return kind ? breakages.map((b) => ({ kind, value: b(o as Record<string, unknown>) })) : [];
    }),
    ...schemaKinds.flatMap((kind) => brokenEverywhere.map((value) => ({ kind, value }))),
  ];

  it('there is something to compare: objects of every kind the fixtures hold', () => {
    assert.ok(cases.length > 100, `${cases.length} cases`);
    assert.deepEqual(Object.keys(precompiled).sort(), [...schemaKinds].sort());
  });

  it('each case: the same verdict and the same errors', () => {
    for (const { kind, value } of cases) {
      const compiled = atRunTime.getSchema(schemaIdOf[kind]) as ValidateFunction;
      const verdict = compiled(value);
      const built = precompiled[kind];
      assert.equal(built(value), verdict, `${kind}: ${JSON.stringify(value).slice(0, 200)}`);
      assert.deepEqual(built.errors ?? null, compiled.errors ?? null);
    }
  });
});
