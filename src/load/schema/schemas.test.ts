/** Every file in schemas/ compiles under ajv's strict mode, and the editor-facing fleet schema dispatches by kind. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';

const dir = path.resolve(import.meta.dirname, '..', '..', '..', 'schemas');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.schema.json'))
  .sort();

let shared: Ajv | undefined;
function strictAjv(): Ajv {
  if (shared) return shared;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  for (const f of files) ajv.addSchema(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as object);
  shared = ajv;
  return ajv;
}

describe('schemas/', () => {
  for (const f of files) {
    it(`${f} compiles in strict mode and its $id is its file name`, () => {
      const doc = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { $id?: string; $schema?: string };
      assert.equal(doc.$id, f);
      assert.equal(doc.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.ok(strictAjv().getSchema(f));
    });
  }

  const fleet = [
    {
      name: 'a Cluster is checked as a Cluster',
      doc: { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'm1' }, spec: {} },
      valid: false,
    },
    {
      name: 'a valid Cluster passes',
      doc: {
        apiVersion: 'cluster.karmada.io/v1alpha1',
        kind: 'Cluster',
        metadata: { name: 'm1' },
        spec: { syncMode: 'Pull' },
      },
      valid: true,
    },
    {
      name: 'a PropagationPolicy with a typo fails',
      doc: {
        apiVersion: 'policy.karmada.io/v1alpha1',
        kind: 'PropagationPolicy',
        metadata: { name: 'p' },
        spec: { resourceSelectors: [{ apiVersion: 'v1', kind: 'Service' }], placment: {} },
      },
      valid: false,
    },
    {
      name: 'a RolloutStrategy with a typo fails',
      doc: {
        apiVersion: 'flotilla.io/v1alpha1',
        kind: 'RolloutStrategy',
        metadata: { name: 'r' },
        spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], waves: [{ name: 'a', bak: '1m' }] },
      },
      valid: false,
    },
    {
      name: 'a resource template is not checked',
      doc: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { anything: 1 } },
      valid: true,
    },
  ];
  for (const c of fleet) {
    it(`fleet.schema.json: ${c.name}`, () =>
      assert.equal(strictAjv().getSchema('fleet.schema.json')?.(c.doc), c.valid));
  }
});
