/** Test builders (Q2) of rendering: a Deployment, zone overrides and a render context that counts the clusters rendered. */
import type { Cluster, JsonObject, KubeObject, Loaded, OverridePolicy } from '../api/index.ts';
import { createInterpreter, type Interpreter } from '../interpreter/index.ts';
import { cluster } from '../scheduler/fixtures.test-support.ts';
import type { RenderContext } from './render-binding.ts';

/** Freezes `v` and everything in it: a test's proof that nothing changes it. */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

export const source = (file: string) => ({ file, line: 1, column: 1, doc: 0 });

/** The template: a Deployment of 4 replicas, frozen. */
export const deployment = deepFreeze({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { replicas: 4, template: { spec: { containers: [{ name: 'web', image: 'nginx:1' }] } } },
}) as unknown as KubeObject;

/** An OverridePolicy of the template: one plaintext rule for the clusters labelled `zone=<zone>`. */
export const override = (zone: string, path: string): Loaded<OverridePolicy> =>
  deepFreeze({
    object: {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'OverridePolicy',
      metadata: { name: `tweak-${zone}`, namespace: 'shop' },
      spec: {
        resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }],
        overrideRules: [
          {
            targetCluster: { labelSelector: { matchLabels: { zone } } },
            overriders: { plaintext: [{ path, operator: 'replace', value: 'x' } as unknown as JsonObject] },
          },
        ],
      },
    } as unknown as OverridePolicy,
    source: source(`policies/${zone}.yaml`),
  });

/** The members: m1 and m2 in zone a, m3 and m4 in zone b. */
export const members = ['m1', 'm2', 'm3', 'm4'];
const zoneOf = (n: string) => (n === 'm1' || n === 'm2' ? 'a' : 'b');

/** A render context over the members whose interpreter counts the clusters rendered (reviseReplica runs once per cluster). */
export function countingContext(): { ctx: RenderContext; rendered: () => number } {
  const real = createInterpreter([]);
  let n = 0;
  const interpreter: Interpreter = {
    ...real,
    reviseReplica: (o, replicas) => {
      n += 1;
      return real.reviseReplica(o, replicas);
    },
  };
  const clusters: ReadonlyMap<string, Loaded<Cluster>> = new Map(
    members.map((m) => [m, { object: cluster(m, { labels: { zone: zoneOf(m) } }), source: source(m) }] as const),
  );
  return { ctx: { clusters, interpreter }, rendered: () => n };
}
