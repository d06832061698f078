/**
 * The override conformance cases (../shared/conformance/cases/override), run against this stage
 * alone: each expected manifest is the template with flotilla's ownership marks (added before
 * overrides, as render does), then selectOverridePolicies + applyOverrides for that cluster.
 * Facts that depend on scheduling (Divided replica revision) are checked only by the full pipeline
 * (`node ../shared/conformance/run`); here those keys are left out of the comparison.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  bindingAnnotation,
  cloneJson,
  isClusterScoped,
  isPlainObject,
  managedByLabel,
  managedByValue,
  type Cluster,
  type JsonObject,
  type JsonValue,
  type KubeObject,
  type Loaded,
  type OverridePolicy,
} from '../api/index.ts';
import { assertJsonSubset } from '../api/json-subset.test-support.ts';
import { applyOverrides, selectOverridePolicies } from './index.ts';
import { unescapePointerToken } from './json-patch.ts';

const casesDir = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'conformance', 'cases', 'override');

/** Cases whose expectations include replica revision by the scheduler: the keys only the full pipeline controls. */
const pipelineOnly: Readonly<Record<string, readonly string[]>> = {
  'override-plaintext-replicas-beats-divided-schedule': ['/spec/replicas'],
};

interface ExpectedManifest {
  readonly cluster: string;
  readonly resource: { apiVersion: string; kind: string; namespace?: string; name: string };
  readonly match?: JsonValue;
  readonly absentPaths?: readonly string[];
}

interface Case {
  readonly name: string;
  readonly objects: KubeObject[];
  readonly expect: { readonly manifests?: readonly ExpectedManifest[] };
}

const source = { file: 'case.yaml', line: 1, column: 1, doc: 0 };

function withNamespace(o: KubeObject): KubeObject {
  if (isClusterScoped(o.kind) || o.metadata.namespace) return o;
  return { ...o, metadata: { ...o.metadata, namespace: 'default' } };
}

/** The template as render hands it to overrides: ownership label and annotations already present. */
function marked(template: KubeObject): JsonObject {
  const m = cloneJson(template) as unknown as JsonObject;
  const meta = m['metadata'] as JsonObject;
  meta['labels'] = { ...((meta['labels'] as JsonObject | undefined) ?? {}), [managedByLabel]: managedByValue };
  meta['annotations'] = { ...((meta['annotations'] as JsonObject | undefined) ?? {}), [bindingAnnotation]: 'b' };
  return m;
}

function resolves(doc: JsonValue, pointer: string): boolean {
  let node: JsonValue | undefined = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const t = unescapePointerToken(raw);
    if (isPlainObject(node) && Object.hasOwn(node, t)) node = node[t] as JsonValue;
    else if (Array.isArray(node) && /^\d+$/.test(t) && Number(t) < node.length) node = node[Number(t)];
    else return false;
  }
  return true;
}

function runCase(c: Case, m: ExpectedManifest): void {
  const objects = c.objects.map(withNamespace);
  const clusters = objects.filter((o): o is Cluster => o.kind === 'Cluster');
  const policies: Loaded<OverridePolicy>[] = objects
    .filter((o): o is OverridePolicy => o.kind === 'OverridePolicy' || o.kind === 'ClusterOverridePolicy')
    .map((object) => ({ object, source }));
  const template = objects.find(
    (o) =>
      o.apiVersion === m.resource.apiVersion &&
      o.kind === m.resource.kind &&
      o.metadata.name === m.resource.name &&
      (o.metadata.namespace ?? '') === (m.resource.namespace ?? ''),
  );
  const cluster = clusters.find((x) => x.metadata.name === m.cluster);
  assert.ok(template && cluster, `case ${c.name} lacks the template or cluster ${m.cluster}`);
  const result = applyOverrides(marked(template), cluster, selectOverridePolicies(policies, template));
  assert.equal(result.kind, 'Overridden', JSON.stringify(result));
  if (result.kind !== 'Overridden') return;
  if (m.match !== undefined) assertJsonSubset(result.manifest, m.match, '', pipelineOnly[c.name] ?? []);
  for (const p of m.absentPaths ?? []) assert.ok(!resolves(result.manifest, p), `${p} should be absent`);
}

describe('override conformance cases (this stage only)', () => {
  if (!existsSync(casesDir)) return;
  for (const file of readdirSync(casesDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const c = parse(readFileSync(path.join(casesDir, file), 'utf8')) as Case;
    for (const m of c.expect.manifests ?? []) {
      const r = m.resource;
      it(`${c.name}: ${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name} on ${m.cluster}`, () => runCase(c, m));
    }
  }
});
