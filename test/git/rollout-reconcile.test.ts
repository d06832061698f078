/**
 * `flotilla reconcile` stages RolloutStrategies too (issue 16, docs/rollouts.md "Outputs"): on the
 * example fleet with docs/rollouts.md's `shop/storefront` strategy, a change of `frontend`'s image
 * reaches the rendered branch for the canary wave's cluster (aws-use) only, the other clusters
 * keeping the last fully rolled-out image; with no member access nothing is observed, so the
 * rollout stays at its first wave. Removing the strategy prunes its record in one commit, and the
 * rendered branch then holds the newest revision everywhere.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { withRecordedRollouts } from '../../src/cli/apply-rollouts.ts';
import { loadRevision } from '../../src/cli/load-revision.ts';
import { reconcileOnce } from '../../src/controller/reconcile.ts';
import { planLoaded } from '../../src/plan/index.ts';
import type { Work } from '../../src/render/index.ts';
import { clusterOfWork } from '../../src/rollout/index.ts';
import { remoteContext, remoteStatusFile, startFleetRig, type FleetRig } from './helpers/fleet.ts';
import { commitAndPush, gitCli } from './helpers/workspace.ts';

const strategy = `apiVersion: flotilla.io/v1alpha1
kind: RolloutStrategy
metadata: {name: storefront, namespace: shop}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: frontend}]
  waves:
    - {name: canary, clusters: {clusterNames: [aws-use]}, bake: 10m}
    - {name: us, clusters: {fieldSelector: {matchExpressions: [{key: region, operator: In, values: [us-east]}]}}, bake: 10m}
    - {name: rest, maxConcurrentClusters: 25%}
  healthCheck: {progressDeadline: 15m}
  onFailure: Pause
`;
const strategyFile = 'policies/rollout-storefront.yaml';
const frontendFile = 'apps/shop/frontend.yaml';

/** The image tag of `frontend` on each cluster of the remote rendered branch that holds it. */
async function renderedTags(work: string): Promise<Record<string, string>> {
  await gitCli(work, 'fetch', '--quiet', 'origin');
  const files = (await gitCli(work, 'ls-tree', '-r', '--name-only', 'origin/flotilla-rendered'))
    .split('\n')
    .filter((f) => /^clusters\/[^/]+\/shop\/deployment-frontend\.yaml$/.test(f));
  const out: Record<string, string> = {};
  for (const f of files) {
    const d = YAML.parse(await gitCli(work, 'show', `origin/flotilla-rendered:${f}`)) as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    out[f.split('/')[1] ?? ''] = d.spec.template.spec.containers[0]?.image.split(':').pop() ?? '';
  }
  return out;
}

/** `cluster:tag` of `frontend` in each Work that carries it. */
function imageTags(works: readonly Work[]): string[] {
  return works.flatMap((w) =>
    w.spec.workload.manifests
      .map(
        (m) =>
          m as unknown as {
            kind: string;
            metadata: { name: string };
            spec?: { template?: { spec?: { containers?: { image: string }[] } } };
          },
      )
      .filter((m) => m.kind === 'Deployment' && m.metadata.name === 'frontend')
      .map((m) => `${clusterOfWork(w)}:${m.spec?.template?.spec?.containers?.[0]?.image.split(':').pop() ?? ''}`),
  );
}

describe('flotilla reconcile: the rendered branch follows the waves of a RolloutStrategy', function () {
  this.timeout(300_000);
  let rig: FleetRig | undefined;
  afterEach(async () => {
    await rig?.cleanup();
    rig = undefined;
  });

  it('publishes a fresh change to the canary wave only, and prunes the record of a removed strategy', async () => {
    rig = await startFleetRig();
    const { work } = rig;
    const ctx = await remoteContext(rig, 'cache');
    const reconcile = async () => {
      const o = await reconcileOnce(ctx);
      assert.equal(o.kind, 'applied', o.kind === 'failed' ? String(o.error) : JSON.stringify(o));
    };
    await reconcile();
    writeFileSync(path.join(work, strategyFile), strategy);
    await commitAndPush(work, 'stage frontend');
    await reconcile();
    const before = await renderedTags(work);
    assert.ok(Object.keys(before).length >= 3, JSON.stringify(before));
    assert.ok(Object.values(before).every((t) => t === '1.8.2'));

    const frontend = path.join(work, frontendFile);
    writeFileSync(frontend, readFileSync(frontend, 'utf8').replace('storefront:1.8.2', 'storefront:1.9.0'));
    const change = await commitAndPush(work, 'frontend 1.9.0');
    await reconcile();
    const staged = await renderedTags(work);
    assert.deepEqual(
      Object.entries(staged).filter(([, t]) => t === '1.9.0'),
      [['aws-use', '1.9.0']],
    );
    assert.deepEqual(Object.keys(staged).sort(), Object.keys(before).sort());
    const record = (await remoteStatusFile(work, 'rollouts/shop/storefront.yaml')) as {
      phase: string;
      currentWave: number;
      targetRevision: string;
    };
    assert.deepEqual([record.phase, record.currentWave, record.targetRevision], ['Progressing', 0, change]);
    const log = await gitCli(work, 'log', '--format=%B%x00', 'origin/flotilla-status');
    assert.match(
      log,
      /flotilla: rollout shop\/storefront: Started, WaveStarted canary\n[^\0]*Flotilla-Decision: rollout\n/,
    );

    // flotilla apply on a clone holding the status branch applies what the record puts in force.
    const unstaged = planLoaded(await loadRevision(work, undefined, rig.root));
    assert.deepEqual(imageTags(unstaged.works).sort(), [
      'aws-euw:1.9.0',
      'aws-use:1.9.0',
      'azure-euw:1.9.0',
      'gcp-use:1.9.0',
    ]);
    const unrecorded = await withRecordedRollouts(
      work,
      rig.root,
      await loadRevision(work, undefined, rig.root),
      unstaged,
    );
    assert.deepEqual(unrecorded.unrecorded, ['shop/storefront']);
    await gitCli(work, 'branch', 'flotilla-status', 'origin/flotilla-status');
    const applied = await withRecordedRollouts(work, rig.root, await loadRevision(work, undefined, rig.root), unstaged);
    assert.deepEqual(applied.unrecorded, []);
    assert.deepEqual(Object.fromEntries(imageTags(applied.plan.works).map((t) => t.split(':'))), staged);

    rmSync(path.join(work, strategyFile));
    await commitAndPush(work, 'stop staging frontend');
    await reconcile();
    assert.deepEqual(
      Object.values(await renderedTags(work)).filter((t) => t !== '1.9.0'),
      [],
    );
    const listed = await gitCli(work, 'ls-tree', '-r', '--name-only', 'origin/flotilla-status');
    assert.ok(!listed.split('\n').some((f) => f.startsWith('rollouts/')), listed);
    const pruned = (await gitCli(work, 'log', '--format=%B%x00', 'origin/flotilla-status'))
      .split('\0')
      .filter((m) => m.includes('rollout records pruned'));
    assert.equal(pruned.length, 1);
    assert.match(
      pruned[0] ?? '',
      /^\n?flotilla: rollout records pruned: shop\/storefront\n[\s\S]*Flotilla-Decision: rollout\n/,
    );
  });
});
