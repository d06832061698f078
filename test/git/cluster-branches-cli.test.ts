/**
 * The per-cluster rendered branches through the built command line (Q6), against the real git
 * server: `reconcile --once --rendered-cluster-branches`, and `controller` with
 * `renderedClusterBranches: true` in the revision's flotilla.yaml, publish
 * `flotilla-rendered-<cluster>` for every cluster of the example fleet, each the rendered
 * branch's folder of that cluster.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { childEnv, eventually, runFlotilla, startFlotilla, type FlotillaProcess } from './helpers/cli-process.ts';
import { startFleetRig, type FleetRig } from './helpers/fleet.ts';
import { commitAndPush, gitCli } from './helpers/workspace.ts';

const clusters = ['aws-euw', 'aws-use', 'azure-apse', 'azure-euw', 'gcp-apse', 'gcp-use'];

/** Whether every cluster branch is on the remote and holds the rendered branch's folder of its cluster. */
async function mirrored(rig: FleetRig): Promise<true | undefined> {
  await gitCli(rig.work, 'fetch', '--quiet', 'origin');
  for (const c of clusters) {
    const own = await gitCli(rig.work, 'rev-parse', `origin/flotilla-rendered-${c}:clusters/${c}`).catch(() => '');
    const folder = await gitCli(rig.work, 'rev-parse', `origin/flotilla-rendered:clusters/${c}`).catch(() => '?');
    if (own !== folder) return undefined;
  }
  return true;
}

describe('per-cluster rendered branches from the command line (git http-backend)', function () {
  this.timeout(180_000);
  let rig: FleetRig;
  let controller: FlotillaProcess | undefined;
  beforeEach(async () => {
    rig = await startFleetRig();
  });
  afterEach(async () => {
    // Waits for the exit, so nothing writes into the scratch directory while it is removed.
    await controller?.stop('SIGKILL', 30_000);
    controller = undefined;
    await rig.cleanup();
  });
  const env = () =>
    childEnv(rig.root, { FLOTILLA_GIT_USERNAME: rig.server.user, FLOTILLA_GIT_PASSWORD: rig.server.password });

  it('reconcile --once --rendered-cluster-branches', async () => {
    const r = await runFlotilla(
      [
        'reconcile',
        '--repo',
        rig.url,
        '--once',
        '--rendered-cluster-branches',
        '--cache-dir',
        path.join(rig.root, 'cache'),
      ],
      rig.root,
      env(),
      120_000,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await mirrored(rig), true);
    assert.match(r.stderr, /cluster branches published/);
  });

  it('controller with renderedClusterBranches: true in flotilla.yaml', async () => {
    const settings = path.join(rig.work, 'flotilla.yaml');
    writeFileSync(
      settings,
      `${(await gitCli(rig.work, 'show', 'HEAD:flotilla.yaml')).trimEnd()}\nrenderedClusterBranches: true\n`,
    );
    await commitAndPush(rig.work, 'Per-cluster rendered branches');
    const kubeconfig = path.join(rig.root, 'kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    controller = startFlotilla(
      [
        'controller',
        '--repo',
        rig.url,
        '--kubeconfig',
        kubeconfig,
        '--listen',
        '127.0.0.1:0',
        '--cache-dir',
        path.join(rig.root, 'cache'),
        '--interval',
        '1s',
        '--timeout',
        '2s',
      ],
      rig.root,
      env(),
    );
    const c = controller;
    await eventually(
      'every cluster branch on the remote, each its folder',
      120_000,
      () => mirrored(rig),
      () => c.stderr(),
      500,
    );
  });
});
