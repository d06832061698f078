/**
 * Claims and Lazy activation live on the status branch (issue 14: "a claim kept under preemption: Never … lives on
 * the status branch like every other decision, and a restarted controller keeps it"). A fleet on
 * the test git server is reconciled once with one PropagationPolicy; then a policy of higher
 * priority is pushed, and a new controller process (a fresh cache) reconciles: Karmada keeps the
 * claim (pkg/detector/policy.go propagateResource), so the binding stays with the first policy,
 * where a plan without memory would hand it to the new one.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { reconcileOnce } from '../../src/controller/reconcile.ts';
import { childEnv, runFlotilla } from './helpers/cli-process.ts';
import { remoteContext, remoteStatusFile, startFleetRigWith, type FleetRig } from './helpers/fleet.ts';
import { commitAndPush } from './helpers/workspace.ts';

const policy = (name: string, cluster: string, priority = 0) => ({
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name, namespace: 'default' },
  spec: {
    priority,
    resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }],
    placement: { clusterAffinity: { clusterNames: [cluster] } },
  },
});

interface Recorded {
  metadata: { annotations: Record<string, string> };
  spec: { clusters: { name: string }[] };
}

describe('a claim is read back from the status branch by a restarted controller', function () {
  this.timeout(300_000);
  let rig: FleetRig | undefined;
  afterEach(async () => {
    await rig?.cleanup();
    rig = undefined;
  });

  /** A fleet of two members, Deployment `web` and the policy `low` (placing it on member1), pushed and reconciled once. */
  async function firstRevision(lowPolicy: object) {
    rig = await startFleetRigWith((work) => writeFleet(work, lowPolicy), 'Fleet: web claimed by low');
    const { work } = rig;
    const recorded = async () => (await remoteStatusFile(work, 'bindings/default/deployment.web.yaml')) as Recorded;
    const o1 = await reconcileOnce(await remoteContext(rig, 'cache-1'));
    assert.equal(o1.kind, 'applied', o1.kind === 'failed' ? String(o1.error) : undefined);
    assert.equal((await recorded()).metadata.annotations['propagationpolicy.karmada.io/name'], 'low');
    return { work, rig, recorded };
  }

  /** Two members, Deployment `web` and the policy `low`, written into the user's clone `work`. */
  function writeFleet(work: string, lowPolicy: object): void {
    for (const d of ['clusters', 'apps', 'policies']) mkdirSync(path.join(work, d), { recursive: true });
    for (const n of ['member1', 'member2'])
      writeFileSync(
        path.join(work, 'clusters', `${n}.yaml`),
        YAML.stringify({
          apiVersion: 'cluster.karmada.io/v1alpha1',
          kind: 'Cluster',
          metadata: { name: n },
          spec: { syncMode: 'Push' },
        }),
      );
    writeFileSync(
      path.join(work, 'apps', 'web.yaml'),
      YAML.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default' },
        spec: { replicas: 1 },
      }),
    );
    writeFileSync(path.join(work, 'policies', 'low.yaml'), YAML.stringify(lowPolicy));
  }

  it('a higher-priority policy pushed later does not take the claimed Deployment (preemption Never)', async () => {
    const { work, rig, recorded } = await firstRevision(policy('low', 'member1'));

    writeFileSync(path.join(work, 'policies', 'high.yaml'), YAML.stringify(policy('high', 'member2', 5)));
    const second = await commitAndPush(work, 'A higher-priority policy');
    const root = rig.root;
    const fresh = await runFlotilla(['plan', '--repo', work, '-o', 'json'], root, childEnv(root));
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.deepEqual(
      (JSON.parse(fresh.stdout) as { bindings: Recorded[] }).bindings[0]?.spec.clusters,
      [{ name: 'member2', replicas: 1 }],
      'without memory the new policy wins',
    );

    const o2 = await reconcileOnce(await remoteContext(rig, 'cache-2'));
    assert.equal(o2.kind, 'applied', o2.kind === 'failed' ? String(o2.error) : undefined);
    assert.equal(o2.revision, second);
    const b = await recorded();
    assert.deepEqual(
      [b.metadata.annotations['propagationpolicy.karmada.io/name'], b.spec.clusters],
      ['low', [{ name: 'member1', replicas: 1 }]],
    );
  });

  // Karmada pkg/detector/detector.go ApplyPolicy: a Lazy policy's change waits for the template to change.
  it('activationPreference Lazy: a policy edit waits, across a restart, until the template changes', async () => {
    const lazy = (cluster: string) => ({
      ...policy('low', cluster),
      spec: { ...policy('low', cluster).spec, activationPreference: 'Lazy' },
    });
    const { work, rig, recorded } = await firstRevision(lazy('member1'));
    writeFileSync(path.join(work, 'policies', 'low.yaml'), YAML.stringify(lazy('member2')));
    await commitAndPush(work, 'Lazy policy moves to member2');
    const o2 = await reconcileOnce(await remoteContext(rig, 'cache-2'));
    assert.equal(o2.kind, 'applied', o2.kind === 'failed' ? String(o2.error) : undefined);
    assert.deepEqual((await recorded()).spec.clusters, [{ name: 'member1', replicas: 1 }], 'the edit is held back');
    writeFileSync(
      path.join(work, 'apps', 'web.yaml'),
      YAML.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default' },
        spec: { replicas: 2 },
      }),
    );
    await commitAndPush(work, 'web scaled to 2');
    const o3 = await reconcileOnce(await remoteContext(rig, 'cache-3'));
    assert.equal(o3.kind, 'applied', o3.kind === 'failed' ? String(o3.error) : undefined);
    assert.deepEqual(
      (await recorded()).spec.clusters,
      [{ name: 'member2', replicas: 2 }],
      'the template changed: the policy as it is now applies',
    );
  });
});
