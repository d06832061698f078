/**
 * The per-cluster rendered branches against a real git server (git http-backend): `reconcile`
 * with them enabled publishes `flotilla-rendered-<cluster>` for every cluster of the example fleet
 * in one push, each holding its folder alone; a change placed on one cluster moves that branch only.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reconcileOnce } from '../../src/controller/reconcile.ts';
import { GitPushRejected, GitRemoteUnreachable } from '../../src/git/index.ts';
import { writeClusterBranches } from '../../src/writeback/index.ts';
import { startGitServer, type GitServer } from './helpers/git-server.ts';
import { otherStore, remoteContext, startFleetRig, testTime, type FleetRig } from './helpers/fleet.ts';
import { cloneRepo, commitAndPush, gitCli } from './helpers/workspace.ts';

const clusters = ['aws-euw', 'aws-use', 'azure-apse', 'azure-euw', 'gcp-apse', 'gcp-use'];

/** Branch → commit of the server's `flotilla-rendered-*` branches. */
async function clusterTips(rig: FleetRig): Promise<Map<string, string>> {
  const out = await gitCli(rig.work, 'ls-remote', 'origin', 'refs/heads/flotilla-rendered-*');
  return new Map(
    out
      .trim()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [sha = '', ref = ''] = l.split(/\s+/);
        return [ref.replace('refs/heads/', ''), sha] as const;
      }),
  );
}

describe('reconcile with per-cluster rendered branches (git http-backend)', function () {
  this.timeout(120_000);
  let rig: FleetRig;
  let restarted: GitServer | undefined;
  beforeEach(async () => {
    rig = await startFleetRig();
  });
  afterEach(async () => {
    await restarted?.stop();
    restarted = undefined;
    await rig.cleanup();
  });
  const write = {
    renderedBranch: 'flotilla-rendered',
    clusters,
    reserved: ['main', 'flotilla-status', 'flotilla-rendered'],
  };
  const opts = { identity: { name: 'flotilla', email: 'flotilla@localhost' }, now: () => testTime };
  /** The rendered branch of the first revision, published with the cluster branches turned off. */
  async function renderedOnly(): Promise<void> {
    assert.equal((await reconcileOnce(await remoteContext(rig, 'cache'))).kind, 'applied');
  }

  it("publishes every cluster's folder alone on its branch, in one push, then moves only what a change touches", async () => {
    const ctx = await remoteContext(rig, 'cache', { branches: { renderedPerCluster: true } });
    const pushesBefore = rig.server.receivePacks;
    assert.equal((await reconcileOnce(ctx)).kind, 'applied');
    // The rendered branch, the cluster branches (one request for all six) and the status branch.
    assert.equal(rig.server.receivePacks - pushesBefore, 3);
    const first = await clusterTips(rig);
    assert.deepEqual(
      [...first.keys()].sort(),
      clusters.map((c) => `flotilla-rendered-${c}`),
    );
    await gitCli(rig.work, 'fetch', '--quiet', 'origin');
    for (const c of clusters) {
      const files = (await gitCli(rig.work, 'ls-tree', '-r', '--name-only', `origin/flotilla-rendered-${c}`)).trim();
      assert.ok(
        files.split('\n').every((f) => f.startsWith(`clusters/${c}/`)),
        `${c}: ${files}`,
      );
      assert.equal(
        await gitCli(rig.work, 'rev-parse', `origin/flotilla-rendered-${c}:clusters/${c}`),
        await gitCli(rig.work, 'rev-parse', `origin/flotilla-rendered:clusters/${c}`),
      );
      assert.match(
        await gitCli(rig.work, 'log', '-1', '--format=%B', `origin/flotilla-rendered-${c}`),
        new RegExp(`Flotilla-Source: ${rig.first}`),
      );
    }
    // Every object the branches need arrived (the pack was thinned against the rendered branch).
    execFileSync('git', ['fsck', '--connectivity-only', '--no-progress'], {
      cwd: path.join(rig.root, 'server', 'fleet.git'),
      stdio: 'pipe',
    });

    mkdirSync(path.join(rig.work, 'apps', 'only'), { recursive: true });
    writeFileSync(
      path.join(rig.work, 'apps', 'only', 'euw.yaml'),
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: euw-only, namespace: default}',
        'data: {where: aws-euw}',
        '---',
        'apiVersion: policy.karmada.io/v1alpha1',
        'kind: PropagationPolicy',
        'metadata: {name: euw-only, namespace: default}',
        'spec:',
        '  resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: euw-only}]',
        '  placement: {clusterAffinity: {clusterNames: [aws-euw]}}',
        '',
      ].join('\n'),
    );
    const second = await commitAndPush(rig.work, 'A ConfigMap for aws-euw only');
    assert.equal((await reconcileOnce(ctx)).kind, 'applied');
    const after = await clusterTips(rig);
    const moved = [...after].filter(([b, sha]) => first.get(b) !== sha).map(([b]) => b);
    assert.deepEqual(moved, ['flotilla-rendered-aws-euw']);
    await gitCli(rig.work, 'fetch', '--quiet', 'origin');
    assert.equal(
      (await gitCli(rig.work, 'rev-parse', 'origin/flotilla-rendered-aws-euw^')).trim(),
      first.get('flotilla-rendered-aws-euw'),
    );
    assert.match(
      await gitCli(rig.work, 'log', '-1', '--format=%B', 'origin/flotilla-rendered-aws-euw'),
      new RegExp(`Flotilla-Source: ${second}`),
    );
  });

  it('a branch another writer moved while flotilla pushed is decided again on its new tip; the others move in the first push', async () => {
    await renderedOnly();
    const store = await otherStore(rig, 'writer');
    await store.refresh();
    const first = await writeClusterBranches(store, write, opts);
    assert.equal(first.moved.length, clusters.length);
    // A person adds a file to aws-use's branch; flotilla's view is stale when it pushes.
    const person = await cloneRepo(rig.server.authUrl('fleet'), rig.root, 'person');
    await gitCli(person, 'checkout', '--quiet', 'flotilla-rendered-aws-use');
    writeFileSync(path.join(person, 'NOTES.md'), 'by hand\n');
    const theirs = await commitAndPush(person, 'Notes by hand', 'flotilla-rendered-aws-use');
    await store.refresh();
    let raced = false;
    const again = await writeClusterBranches(store, write, {
      ...opts,
      async beforePublish(_branch, attempt) {
        if (attempt !== 1 || raced) return;
        raced = true;
        writeFileSync(path.join(person, 'NOTES.md'), 'by hand, again\n');
        await commitAndPush(person, 'More notes by hand', 'flotilla-rendered-aws-use');
      },
    });
    assert.deepEqual(
      again.moved.map((m) => m.branch),
      ['flotilla-rendered-aws-use'],
    );
    assert.equal(again.attempts, 2, 'rejected once, then decided on the new tip');
    await gitCli(rig.work, 'fetch', '--quiet', 'origin');
    assert.equal(
      (await gitCli(rig.work, 'rev-parse', 'origin/flotilla-rendered-aws-use~2')).trim(),
      theirs,
      "both of the person's commits stay in history",
    );
    assert.equal(
      (await gitCli(rig.work, 'ls-tree', '-r', '--name-only', 'origin/flotilla-rendered-aws-use')).includes('NOTES.md'),
      false,
      'the branch holds its folder alone again',
    );
  });

  it('while the remote is down nothing is kept; the next write pushes every branch', async () => {
    await renderedOnly();
    const store = await otherStore(rig, 'writer');
    await store.refresh();
    await rig.server.stop();
    const down = await writeClusterBranches(store, write, { ...opts, deferPublish: 'on-unreachable' });
    assert.equal(down.moved.length, 0);
    assert.equal(down.deferred.branches.length, clusters.length);
    assert.ok(down.deferred.error instanceof GitRemoteUnreachable);
    await assert.rejects(writeClusterBranches(store, write, opts), GitRemoteUnreachable);
    restarted = await startGitServer(
      path.join(rig.root, 'server'),
      rig.server.user,
      rig.server.password,
      rig.server.port,
    );
    const up = await writeClusterBranches(store, write, { ...opts, deferPublish: 'on-unreachable' });
    assert.equal(up.moved.length, clusters.length);
    assert.deepEqual(
      [...(await clusterTips(rig)).keys()].sort(),
      clusters.map((c) => `flotilla-rendered-${c}`),
    );
  });

  it('a branch the server refuses (its update hook) is reported per ref: the others move, the write gives up on it', async () => {
    await renderedOnly();
    const hook = path.join(rig.root, 'server', 'fleet.git', 'hooks', 'update');
    writeFileSync(hook, '#!/bin/sh\n[ "$1" != refs/heads/flotilla-rendered-aws-use ]\n');
    chmodSync(hook, 0o755);
    const store = await otherStore(rig, 'writer');
    await store.refresh();
    await assert.rejects(writeClusterBranches(store, write, { ...opts, attempts: 2 }), GitPushRejected);
    const tips = await clusterTips(rig);
    assert.deepEqual(
      [...tips.keys()].sort(),
      clusters.filter((c) => c !== 'aws-use').map((c) => `flotilla-rendered-${c}`),
    );
  });

  it('reconcile still writes the status branch when the server keeps refusing a cluster branch; the error is logged', async () => {
    const hook = path.join(rig.root, 'server', 'fleet.git', 'hooks', 'update');
    writeFileSync(hook, '#!/bin/sh\n[ "$1" != refs/heads/flotilla-rendered-aws-use ]\n');
    chmodSync(hook, 0o755);
    const log: Record<string, unknown>[] = [];
    const ctx = await remoteContext(rig, 'cache', { branches: { renderedPerCluster: true } }, log);
    assert.equal((await reconcileOnce(ctx)).kind, 'applied');
    assert.ok(log.some((l) => l['reason'] === 'PushRejected' && l['level'] === 'error'));
    assert.equal((await clusterTips(rig)).size, clusters.length - 1);
    assert.match(await gitCli(rig.work, 'ls-remote', 'origin', 'refs/heads/flotilla-status'), /flotilla-status/);
  });
});
