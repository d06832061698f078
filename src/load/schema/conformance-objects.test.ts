/**
 * Every Karmada object in the conformance cases (upstream-valid input) and in the example fleet repo
 * must pass its schema: the schemas may never reject what Karmada accepts.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { schemaKinds, validateAgainstSchema, type SchemaKind } from './index.ts';

const repo = path.resolve(import.meta.dirname, '..', '..', '..');
const casesDir = path.resolve(repo, '..', 'shared', 'conformance', 'cases');
const exampleDir = path.join(repo, 'examples', 'fleet-repo');
const karmadaGroups = /^(cluster|policy|config)\.karmada\.io\//;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function schemaKindOf(o: unknown): SchemaKind | undefined {
  if (typeof o !== 'object' || o === null) return undefined;
  const { apiVersion, kind } = o as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== 'string' || !karmadaGroups.test(apiVersion)) return undefined;
  return schemaKinds.find((k) => k === kind);
}

function checkAll(objects: readonly { where: string; object: unknown }[]): void {
  const failures: string[] = [];
  for (const { where, object } of objects) {
    const kind = schemaKindOf(object);
    if (!kind) continue;
    for (const i of validateAgainstSchema(kind, object)) failures.push(`${where}: ${i.code} ${i.message}`);
  }
  assert.deepEqual(failures, []);
}

describe('schema: upstream-valid objects pass', () => {
  // The conformance sample lives beside the repo (../shared); outside this workspace there is nothing to check.
  if (existsSync(casesDir)) {
    for (const file of yamlFiles(casesDir)) {
      const rel = path.relative(casesDir, file);
      it(`conformance ${rel}`, () => {
        const doc = parse(readFileSync(file, 'utf8')) as { objects?: unknown[] };
        checkAll((doc.objects ?? []).map((object, i) => ({ where: `${rel} objects[${i}]`, object })));
      });
    }
  }

  it('examples/fleet-repo', () => {
    const objects = yamlFiles(exampleDir).flatMap((file) =>
      parseAllDocuments(readFileSync(file, 'utf8')).map((d, i) => ({
        where: `${path.relative(exampleDir, file)}#${i}`,
        object: d.toJS() as unknown,
      })),
    );
    checkAll(objects);
    const settings = parse(readFileSync(path.join(exampleDir, 'flotilla.yaml'), 'utf8')) as unknown;
    assert.deepEqual(validateAgainstSchema('Settings', settings), []);
  });

  it('the conformance sample has Karmada objects of every policy kind (the check above is not vacuous)', function () {
    if (!existsSync(casesDir)) this.skip(); // no conformance sample outside this workspace (see scripts/test.ts)
    const kinds = new Set(
      yamlFiles(casesDir).flatMap((f) =>
        ((parse(readFileSync(f, 'utf8')) as { objects?: unknown[] }).objects ?? []).map(schemaKindOf),
      ),
    );
    for (const k of [
      'Cluster',
      'PropagationPolicy',
      'ClusterPropagationPolicy',
      'OverridePolicy',
      'ClusterOverridePolicy',
      'ResourceInterpreterCustomization',
    ] as const)
      assert.ok(kinds.has(k), k);
  });
});
