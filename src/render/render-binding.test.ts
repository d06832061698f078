import assert from 'node:assert/strict';
import {
  managedByLabel,
  managedByValue,
  type Cluster,
  type JsonObject,
  type KubeObject,
  type Loaded,
  type OverridePolicy,
  type TargetCluster,
} from '../api/index.ts';
import { createInterpreter } from '../interpreter/index.ts';
import { cluster } from '../scheduler/fixtures.test-support.ts';
import { renderBinding, type RenderContext, type RenderRequest } from './render-binding.ts';

const source = (file: string) => ({ file, line: 1, column: 1, doc: 0 });
const loaded = <T extends KubeObject>(object: T, file = 'apps/web.yaml'): Loaded<T> => ({
  object,
  source: source(file),
});

const deployment = (replicas: number): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', uid: 'generated', labels: { app: 'web' } },
    spec: { replicas, template: { spec: { containers: [{ name: 'web', image: 'nginx:1' }] } } },
    status: { readyReplicas: 1 },
  }) as unknown as KubeObject;

/** An OverridePolicy for the template with plaintext rules, each for the clusters named. */
const overridePolicy = (
  rules: readonly { clusters: readonly string[]; plaintext: readonly JsonObject[] }[],
): Loaded<OverridePolicy> =>
  loaded(
    {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'OverridePolicy',
      metadata: { name: 'tweak', namespace: 'shop' },
      spec: {
        resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }],
        overrideRules: rules.map((r) => ({
          targetCluster: { clusterNames: [...r.clusters] },
          overriders: { plaintext: [...r.plaintext] },
        })),
      },
    } as unknown as OverridePolicy,
    'policies/tweak.yaml',
  );

const ctx: RenderContext = {
  clusters: new Map(['member1', 'member2'].map((n) => [n, loaded<Cluster>(cluster(n), `clusters/${n}.yaml`)] as const)),
  interpreter: createInterpreter([]),
};
const request = (o: Partial<RenderRequest> & { clusters: readonly TargetCluster[] }): RenderRequest => ({
  template: loaded(deployment(5)),
  binding: 'shop/web-deployment',
  isWorkload: true,
  overrides: [],
  ...o,
});
const manifestsBy = (r: ReturnType<typeof renderBinding>) =>
  Object.fromEntries(r.works.map((w) => [w.metadata.namespace, w.spec.workload.manifests[0] as JsonObject]));
const at = (m: JsonObject | undefined, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], m);

describe('render: renderBinding', () => {
  it('renders one Work per placed cluster with its replicas, ownership marks and no member-owned fields', () => {
    const r = renderBinding(
      ctx,
      request({
        clusters: [
          { name: 'member1', replicas: 3 },
          { name: 'member2', replicas: 2 },
        ],
      }),
    );
    assert.deepEqual(r.diagnostics, []);
    const by = manifestsBy(r);
    assert.deepEqual(Object.keys(by), ['karmada-es-member1', 'karmada-es-member2']);
    assert.deepEqual(
      [at(by['karmada-es-member1'], 'spec', 'replicas'), at(by['karmada-es-member2'], 'spec', 'replicas')],
      [3, 2],
    );
    for (const m of Object.values(by)) {
      assert.equal(at(m, 'metadata', 'labels', managedByLabel), managedByValue);
      assert.equal(at(m, 'metadata', 'annotations', 'flotilla.io/binding'), 'shop/web-deployment');
      assert.equal(at(m, 'metadata', 'uid'), undefined);
      assert.equal(at(m, 'status'), undefined);
    }
  });

  it('leaves the template as it was', () => {
    const template = loaded(deployment(5));
    const before = structuredClone(template.object);
    renderBinding(ctx, request({ template, clusters: [{ name: 'member1', replicas: 3 }] }));
    assert.deepEqual(template.object, before);
  });

  it('keeps the template replicas of a template that is not a workload', () => {
    const r = renderBinding(ctx, request({ isWorkload: false, clusters: [{ name: 'member1', replicas: 1 }] }));
    assert.equal(at(manifestsBy(r)['karmada-es-member1'], 'spec', 'replicas'), 5);
  });

  it('skips a target cluster no longer in the inventory', () => {
    const r = renderBinding(
      ctx,
      request({
        clusters: [
          { name: 'gone', replicas: 2 },
          { name: 'member2', replicas: 3 },
        ],
      }),
    );
    assert.deepEqual(
      r.works.map((w) => w.metadata.namespace),
      ['karmada-es-member2'],
    );
  });

  it("applies a cluster's overrides to that cluster only, and re-asserts ownership after them", () => {
    const strip = overridePolicy([
      {
        clusters: ['member2'],
        plaintext: [
          { path: '/metadata/labels/app.kubernetes.io~1managed-by', operator: 'remove' },
          { path: '/spec/template/spec/containers/0/image', operator: 'replace', value: 'nginx:2' },
        ],
      },
    ]);
    const by = manifestsBy(
      renderBinding(
        ctx,
        request({
          overrides: [strip],
          clusters: [
            { name: 'member1', replicas: 1 },
            { name: 'member2', replicas: 1 },
          ],
        }),
      ),
    );
    const image = (m: JsonObject | undefined) =>
      (at(m, 'spec', 'template', 'spec', 'containers') as { image: string }[])[0]?.image;
    assert.deepEqual([image(by['karmada-es-member1']), image(by['karmada-es-member2'])], ['nginx:1', 'nginx:2']);
    assert.equal(at(by['karmada-es-member2'], 'metadata', 'labels', managedByLabel), managedByValue);
  });

  it('returns no Work at all when an override fails on one cluster, and says where', () => {
    const broken = overridePolicy([
      { clusters: ['member2'], plaintext: [{ path: '/spec/missing/field', operator: 'replace', value: 1 }] },
    ]);
    const r = renderBinding(
      ctx,
      request({
        overrides: [broken],
        clusters: [
          { name: 'member1', replicas: 1 },
          { name: 'member2', replicas: 1 },
        ],
      }),
    );
    assert.deepEqual(r.works, []);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.severity, d.code, d.file]),
      [['error', 'OverridePathMissing', 'policies/tweak.yaml']],
    );
  });
});
