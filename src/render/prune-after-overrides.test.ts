/**
 * Where Karmada prunes: in ctrlutil CreateOrUpdateWork, on the workload ensureWork has already
 * revised and overridden (pkg/controllers/binding/common.go), so a field an override writes is
 * pruned too, and an override may still patch a field that pruning removes afterwards.
 */
import assert from 'node:assert/strict';
import type { Cluster, JsonObject, KubeObject, Loaded, OverridePolicy } from '../api/index.ts';
import { createInterpreter } from '../interpreter/index.ts';
import { cluster } from '../scheduler/fixtures.test-support.ts';
import { deepFreeze, source } from './fixtures.test-support.ts';
import { renderBinding, type RenderContext } from './render-binding.ts';

type Path = readonly string[];

const at = (m: unknown, path: Path): unknown =>
  path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    m,
  );

const loaded = <T extends KubeObject>(object: T, file: string): Loaded<T> => ({ object, source: source(file) });

const ctx: RenderContext = {
  clusters: new Map([['member1', loaded<Cluster>(cluster('member1'), 'clusters/member1.yaml')] as const]),
  interpreter: createInterpreter([]),
};

/** An OverridePolicy of one plaintext rule on every cluster. */
const plaintext = (kind: string, name: string, rule: JsonObject): Loaded<OverridePolicy> =>
  deepFreeze(
    loaded(
      {
        apiVersion: 'policy.karmada.io/v1alpha1',
        kind: 'OverridePolicy',
        metadata: { name: 'tweak', namespace: 'shop' },
        spec: {
          resourceSelectors: [{ apiVersion: kind === 'Job' ? 'batch/v1' : 'v1', kind, name }],
          overrideRules: [{ overriders: { plaintext: [rule] } }],
        },
      } as unknown as OverridePolicy,
      'policies/tweak.yaml',
    ),
  );

interface AfterOverrideCase {
  readonly name: string;
  readonly template: KubeObject;
  readonly rule: JsonObject;
  readonly gone: readonly Path[];
}

const afterOverrides: readonly AfterOverrideCase[] = [
  {
    // common.go ensureWork → ctrlutil CreateOrUpdateWork: RemoveIrrelevantFields runs on the overridden workload
    name: "a Service's clusterIP written by an override is pruned",
    template: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { ports: [{ port: 80 }] },
    } as unknown as KubeObject,
    rule: { path: '/spec/clusterIP', operator: 'add', value: '10.0.0.9' },
    gone: [['spec', 'clusterIP']],
  },
  {
    name: "an override may replace a Job's ttlSecondsAfterFinished, which is pruned afterwards",
    template: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { ttlSecondsAfterFinished: 100, template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    } as unknown as KubeObject,
    rule: { path: '/spec/ttlSecondsAfterFinished', operator: 'replace', value: 5 },
    gone: [['spec', 'ttlSecondsAfterFinished']],
  },
  {
    name: 'finalizers an override adds are pruned',
    template: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web', namespace: 'shop' },
      data: { a: 'b' },
    } as unknown as KubeObject,
    rule: { path: '/metadata/finalizers', operator: 'add', value: ['example.com/keep'] },
    gone: [['metadata', 'finalizers']],
  },
];

describe('render: Karmada prunes the overridden manifest (ctrlutil CreateOrUpdateWork)', () => {
  for (const c of afterOverrides) {
    it(c.name, () => {
      const template = deepFreeze(loaded(c.template, 'apps/web.yaml'));
      const r = renderBinding(ctx, {
        template,
        binding: 'shop/web',
        clusters: [{ name: 'member1' }],
        isWorkload: false,
        overrides: [plaintext(c.template.kind, 'web', c.rule)],
      });
      assert.deepEqual(r.diagnostics, []);
      const m = r.works[0]?.spec.workload.manifests[0];
      assert.ok(m);
      for (const p of c.gone) assert.equal(at(m, p), undefined, `.${p.join('.')} is gone`);
    });
  }
});
