/**
 * A person breaks a status-branch file by hand (the binding record of a placement, a cluster's
 * failover memory) and pushes it: the next reconcile, by a restarted process with no memory of
 * its own, names the file and line in a warning, plans with the record's last good version, and
 * writes the record back whole; the other records are untouched.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { reconcileOnce } from '../../src/controller/reconcile.ts';
import { remoteContext, remoteStatusFile, startFleetRig, type FleetRig, type LogSink } from './helpers/fleet.ts';
import { commitAndPush, gitCli } from './helpers/workspace.ts';

const binding = 'bindings/shop/deployment.frontend.yaml';
const broken = 'apiVersion: work.karmada.io/v1alpha2\nkind: ResourceBinding\nspec: {clusters: [\n';

describe('a status-branch file broken by hand, then a reconcile (real git server)', function () {
  this.timeout(300_000);
  let rig: FleetRig | undefined;
  afterEach(async () => {
    await rig?.cleanup();
    rig = undefined;
  });

  it('is named with its line, its last good version is planned with and written back, and nothing else changes', async () => {
    rig = await startFleetRig();
    const { work } = rig;
    const first = await reconcileOnce(await remoteContext(rig, 'cache-1'));
    assert.equal(first.kind, 'applied', first.kind === 'failed' ? String(first.error) : undefined);
    const good = (await remoteStatusFile(work, binding)) as { spec: { clusters: unknown } };
    const others = async () =>
      (await gitCli(work, 'ls-tree', '-r', 'origin/flotilla-status', '--', 'bindings', 'clusters'))
        .split('\n')
        .filter((l) => l !== '' && !l.endsWith(`\t${binding}`));
    const before = await others();

    // The hand edit, pushed to the status branch; then a new source commit to reconcile.
    await gitCli(work, 'checkout', '--quiet', '-b', 'hand-edit', 'origin/flotilla-status');
    writeFileSync(path.join(work, binding), broken);
    await commitAndPush(work, 'a hand edit gone wrong', 'flotilla-status');
    await gitCli(work, 'checkout', '--quiet', 'main');
    await commitAndPush(work, 'a later source commit');

    const log: LogSink = [];
    const second = await reconcileOnce(await remoteContext(rig, 'cache-2', {}, log));
    assert.equal(second.kind, 'applied', second.kind === 'failed' ? String(second.error) : undefined);
    assert.deepEqual(
      log.filter((l) => l['file'] === binding).map((l) => [l['level'], l['line']]),
      [['warn', 4]],
    );
    const repaired = (await remoteStatusFile(work, binding)) as { spec: { clusters: unknown } };
    assert.deepEqual(repaired.spec.clusters, good.spec.clusters);
    assert.deepEqual(await others(), before);
  });
});
