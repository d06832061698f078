/** The fleet pass of rollouts: decisions per strategy and the plan's Works with the staged ones replaced by those in force. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { JsonObject } from '../api/index.ts';
import { loadFleet } from '../load/index.ts';
import type { Work } from '../render/index.ts';
import { decideFleetRollouts, templateKey, type FleetRolloutInput } from './fleet-rollouts.ts';
import type { CopyObservation } from './health.ts';
import type { RolloutState } from './state.ts';

const enc = new TextEncoder();
const cluster = (name: string) =>
  `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${name}}\nspec: {}\n`;
const strategy = `apiVersion: flotilla.io/v1alpha1\nkind: RolloutStrategy\nmetadata: {name: web, namespace: shop}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: frontend}]\n  waves: [{name: canary, clusters: {clusterNames: [a]}}, {name: rest}]\n`;
const { fleet } = loadFleet({
  revision: 'r',
  problems: [],
  files: [cluster('a'), cluster('b'), strategy].map((text, i) => ({ path: `f${i}.yaml`, bytes: enc.encode(text) })),
});

const deploy = (name: string, image: string): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop' },
  spec: { replicas: 2, image },
});
const work = (c: string, m: JsonObject): Work => ({
  apiVersion: 'work.karmada.io/v1alpha1',
  kind: 'Work',
  metadata: {
    name: `${String((m['metadata'] as JsonObject)['name'])}-x`,
    namespace: `karmada-es-${c}`,
    labels: {},
    annotations: {},
  },
  spec: { workload: { manifests: [m] } },
});
const revision = (image: string) =>
  ['a', 'b'].flatMap((c) => [work(c, deploy('frontend', image)), work(c, deploy('backend', image))]);
const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const frontend = templateKey(deploy('frontend', ''));
const ok = (isTarget = true): CopyObservation => ({
  template: frontend,
  healthy: true,
  readyReplicas: 2,
  desiredReplicas: 2,
  isTarget,
});
const images = (ws: readonly Work[]) =>
  ws.map((w) => {
    const m = w.spec.workload.manifests[0] as { metadata: { name: string }; spec: { image: string } };
    return `${w.metadata.namespace.slice(11)}:${m.metadata.name}:${m.spec.image}`;
  });

function pass(
  records: RolloutState[],
  now: number,
  observed: FleetRolloutInput['observed'],
  over: Partial<FleetRolloutInput> = {},
) {
  return decideFleetRollouts({
    fleet,
    target: { revision: 'v2', works: revision('v2') },
    earlier: [{ revision: 'v1', works: revision('v1') }],
    lastApplied: 'v1',
    current: [],
    records,
    observed,
    failoverTargets: [],
    requests: {},
    now,
    digest: sha,
    ...over,
  });
}

describe('rollout/fleet-rollouts: one pass over every strategy', () => {
  it('first pass: the canary runs the new frontend, the other cluster the old; backend (not staged) follows the revision', () => {
    const r = pass([], 0, {});
    assert.deepEqual(images(r.works), ['a:backend:v2', 'a:frontend:v2', 'b:backend:v2', 'b:frontend:v1']);
    assert.deepEqual(
      r.decisions.map((d) => d.transitions.map((t) => t.reason)),
      [['Started', 'WaveStarted']],
    );
  });
  it('the canary healthy on the target: the rest wave takes it', () => {
    const first = pass([], 0, {});
    const r = pass(
      first.decisions.map((d) => d.state),
      60,
      { a: [ok()], b: [ok(false)] },
    );
    assert.deepEqual(images(r.works), ['a:backend:v2', 'a:frontend:v2', 'b:backend:v2', 'b:frontend:v2']);
    assert.deepEqual(
      r.decisions.map((d) => d.transitions.map((t) => t.reason)),
      [['WaveHealthy', 'WaveStarted']],
    );
  });
  it('a failover target on the baseline keeps its manifests with the target replicas (the interpreter revises them)', () => {
    const target = revision('v2').map((w) =>
      w.metadata.name === 'frontend-x' && w.metadata.namespace === 'karmada-es-b'
        ? {
            ...w,
            spec: {
              workload: {
                manifests: [{ ...deploy('frontend', 'v2'), spec: { replicas: 5, image: 'v2' } }],
              },
            },
          }
        : w,
    );
    const r = pass([], 0, {}, { target: { revision: 'v2', works: target }, failoverTargets: ['b'] });
    const b = r.works.find((w) => w.metadata.name === 'frontend-x' && w.metadata.namespace === 'karmada-es-b');
    assert.deepEqual(b?.spec.workload.manifests[0]?.['spec'], { replicas: 5, image: 'v1' });
  });
  it('a copy that was not observed keeps the gate closed', () => {
    const first = pass([], 0, {});
    const r = pass(
      first.decisions.map((d) => d.state),
      60,
      { a: [] },
    );
    assert.deepEqual(images(r.works), ['a:backend:v2', 'a:frontend:v2', 'b:backend:v2', 'b:frontend:v1']);
    assert.deepEqual(
      r.decisions.map((d) => d.transitions.length),
      [0],
    );
  });
});
