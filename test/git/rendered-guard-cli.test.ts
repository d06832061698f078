/** `flotilla reconcile --repo DIR` and the mass-prune guard of the rendered branch: a force-pushed empty fleet does not empty it. */
import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.ts';
import { exampleFleet } from './helpers/fleet.ts';
import { gitCli, tempDir } from './helpers/workspace.ts';

describe('flotilla reconcile: the mass-prune guard on the rendered branch (CLI)', function () {
  this.timeout(60000);
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  const renderedFiles = async (dir: string) =>
    (await gitCli(dir, 'ls-tree', '-r', '--name-only', 'flotilla-rendered')).trim().split('\n');

  it('a force-pushed fleet without templates leaves the object files in place, says why, and --allow-mass-prune confirms', async () => {
    const dir = path.join(tmp.dir, 'fleet');
    cpSync(exampleFleet, dir, { recursive: true });
    await gitCli(dir, 'init', '--quiet', '--initial-branch=main');
    await gitCli(dir, 'add', '-A');
    await gitCli(dir, 'commit', '--quiet', '-m', 'fleet');
    const r1 = await runCli(['reconcile', '--repo', dir, '--once']);
    assert.equal(r1.code, 0, r1.stderr);
    const before = await renderedFiles(dir);
    assert.ok(
      before.some((p) => !p.endsWith('kustomization.yaml') && !p.includes('/_cluster/namespace-')),
      'the example fleet places objects',
    );

    // The force-push: main replaced by an unrelated commit with the clusters and no apps or policies.
    await gitCli(dir, 'checkout', '--quiet', '--orphan', 'rewrite');
    rmSync(path.join(dir, 'apps'), { recursive: true });
    rmSync(path.join(dir, 'policies'), { recursive: true });
    await gitCli(dir, 'add', '-A');
    await gitCli(dir, 'commit', '--quiet', '-m', 'empty fleet');
    await gitCli(dir, 'checkout', '--quiet', '-B', 'main');

    const r2 = await runCli(['reconcile', '--repo', dir, '--once']);
    assert.equal(r2.code, 0, r2.stderr);
    assert.match(
      r2.stderr,
      /level="error" msg="rendered branch: mass prune held" reason="PruneGuard" cluster="aws-use"/,
    );
    assert.match(r2.stderr, /leaving nothing there.*--allow-mass-prune/);
    assert.deepEqual(await renderedFiles(dir), before, 'every file of the rendered branch is as before');

    const r3 = await runCli(['reconcile', '--repo', dir, '--once', '--allow-mass-prune']);
    assert.equal(r3.code, 0, r3.stderr);
    assert.doesNotMatch(r3.stderr, /mass prune held/);
    const after = await renderedFiles(dir);
    assert.ok(after.length > 0 && after.every((p) => p.endsWith('/kustomization.yaml')), after.join(' '));
  });
});
