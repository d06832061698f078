/**
 * Karmada's own samples (test/fixtures/karmada-samples, copied unchanged from karmada-io/karmada
 * `samples/`) planned as written, next to three member clusters: the placement and the rendered
 * manifests are Karmada's, and no field is dropped silently (no KarmadaFieldIgnored warning).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFleet } from '../../src/load/index.ts';
import { planFleet } from '../../src/plan/index.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/karmada-samples');
const enc = new TextEncoder();
const members = ['member1', 'member2', 'member3'].map((n) => ({
  path: `clusters/${n}.yaml`,
  bytes: enc.encode(
    `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${n}}\nspec: {syncMode: Push}\n`,
  ),
}));

function planSample(folder: string) {
  const dir = path.join(root, folder);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ path: `${folder}/${f}`, bytes: new Uint8Array(readFileSync(path.join(dir, f))) }));
  const { fleet, diagnostics } = loadFleet({ revision: 'r', problems: [], files: [...members, ...files] });
  return planFleet({ fleet, diagnostics, revision: 'r' });
}
const placement = (p: ReturnType<typeof planSample>) =>
  Object.fromEntries(
    p.bindings.map((b) => [
      `${b.spec.resource.kind}/${b.spec.resource.name}`,
      b.spec.clusters.map((c) => `${c.name}:${c.replicas ?? 0}`),
    ]),
  );
const manifest = (p: ReturnType<typeof planSample>, cluster: string, kind: string) =>
  p.works.find(
    (w) => w.metadata.namespace === `karmada-es-${cluster}` && w.spec.workload.manifests[0]?.['kind'] === kind,
  )?.spec.workload.manifests[0] as
    | {
        metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
        spec: Record<string, unknown>;
      }
    | undefined;

describe("Karmada's samples/ planned unchanged", () => {
  it('nginx: static weights 1:1 over member1 and member2 divide 2 replicas 1 and 1; each cluster gets its override', () => {
    const p = planSample('nginx');
    assert.deepEqual([p.errors, p.warnings.map((w) => w.code)], [[], []]);
    assert.deepEqual(placement(p), { 'Deployment/nginx': ['member1:1', 'member2:1'] });
    assert.equal(manifest(p, 'member2', 'Deployment')?.metadata.labels?.['env'], 'skoala-dev');
    assert.equal(manifest(p, 'member1', 'Deployment')?.metadata.annotations?.['env'], 'skoala-stage');
  });
  it('guestbook: the CRD (ClusterPropagationPolicy) and the Guestbook go to member1, whose size is overridden to 4', () => {
    const p = planSample('guestbook');
    assert.deepEqual([p.errors, p.warnings.map((w) => w.code)], [[], []]);
    assert.deepEqual(placement(p), {
      'CustomResourceDefinition/guestbooks.webapp.my.domain': ['member1:0'],
      'Guestbook/guestbook-sample': ['member1:0'],
    });
    assert.equal(manifest(p, 'member1', 'Guestbook')?.spec['size'], 4);
    assert.equal(manifest(p, 'member1', 'Guestbook')?.metadata.annotations?.['OverridePolicy'], 'test');
  });
});
