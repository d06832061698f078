/**
 * `flotilla reconcile --status-repo URL|DIR` through the real CLI (child process): the status and
 * rendered branches go to a repository other than the source, which never gets a flotilla branch.
 * Remote case: both repositories on the test git server (git http-backend, basic auth from the
 * environment); local case: two local repositories.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseRevisionRecord } from '../../src/writeback/index.ts';
import { childEnv, runFlotilla, type ProcessResult } from './helpers/cli-process.ts';
import { exampleFleet, startFleetRig, type FleetRig } from './helpers/fleet.ts';
import { cloneRepo, commitAndPush, gitCli, tempDir } from './helpers/workspace.ts';

/** `refs/heads/<name>` → commit, from `git ls-remote` output. */
function heads(lsRemote: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of lsRemote.split('\n')) {
    const [sha, ref] = line.split('\t');
    if (sha && ref?.startsWith('refs/heads/')) out.set(ref.slice('refs/heads/'.length), sha);
  }
  return out;
}

/** The `-o json` result of `reconcile --once`, after checking the exit code. */
function outcome(r: ProcessResult, code = 0): Record<string, unknown> {
  assert.equal(r.code, code, r.stderr.slice(-2000));
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('flotilla reconcile --status-repo (child process)', function () {
  this.timeout(300_000);

  describe('a remote source and a remote status repository on the git server', () => {
    let rig: FleetRig;
    let statusWork: string;
    beforeEach(async () => {
      rig = await startFleetRig();
      try {
        rig.server.createRepo('fleet-status');
        mkdirSync(path.join(rig.root, 'status-clone'));
        statusWork = await cloneRepo(rig.server.authUrl('fleet-status'), path.join(rig.root, 'status-clone'));
      } catch (err) {
        await rig.cleanup();
        throw err;
      }
    });
    afterEach(async () => {
      await rig.cleanup();
    });

    const env = () =>
      childEnv(rig.root, { FLOTILLA_GIT_USERNAME: rig.server.user, FLOTILLA_GIT_PASSWORD: rig.server.password });
    const reconcile = (cache: string) =>
      runFlotilla(
        [
          'reconcile',
          '--repo',
          rig.url,
          '--status-repo',
          rig.server.url('fleet-status'),
          '--cache-dir',
          path.join(rig.root, cache),
          '--once',
          '-o',
          'json',
        ],
        rig.root,
        env(),
      );
    const statusHeads = async () => heads(await gitCli(statusWork, 'ls-remote', 'origin'));
    const showStatus = async (spec: string) => {
      await gitCli(statusWork, 'fetch', '--quiet', 'origin');
      return gitCli(statusWork, 'show', spec);
    };

    it('writes flotilla-status and flotilla-rendered to the status repository only; a rerun from a cold cache is unchanged; a push is followed', async () => {
      // The status repository as a hosting service creates it: one commit on its default branch.
      writeFileSync(path.join(statusWork, 'README.md'), 'flotilla writes its status and rendered branches here\n');
      const readme = await commitAndPush(statusWork, 'Initial commit');

      const o1 = outcome(await reconcile('cache-a'));
      assert.equal(o1['outcome'], 'applied');
      assert.equal(o1['revision'], rig.first);

      const source = heads(await gitCli(rig.work, 'ls-remote', 'origin'));
      assert.deepEqual([...source], [['main', rig.first]], 'the source repository gets no flotilla branch');
      const status = await statusHeads();
      assert.deepEqual([...status.keys()].sort(), ['flotilla-rendered', 'flotilla-status', 'main']);
      assert.equal(status.get('main'), readme, "the status repository's own branch is left alone");
      assert.equal(status.get('flotilla-status'), o1['statusCommit']);
      assert.equal(status.get('flotilla-rendered'), o1['renderedCommit']);

      const record = parseRevisionRecord(await showStatus('origin/flotilla-status:revision.yaml'));
      assert.equal(record?.lastAppliedRevision, rig.first);
      assert.equal(record?.sourceBranch, 'main');
      assert.match(
        await gitCli(statusWork, 'log', '-1', '--format=%B', 'origin/flotilla-status'),
        new RegExp(`^Flotilla-Source: ${rig.first}$`, 'm'),
      );
      assert.match(
        await gitCli(statusWork, 'log', '-1', '--format=%B', 'origin/flotilla-rendered'),
        new RegExp(`^Flotilla-Source: ${rig.first}$`, 'm'),
      );
      assert.match(
        await gitCli(statusWork, 'ls-tree', '-r', '--name-only', 'origin/flotilla-status'),
        /^bindings\/shop\/deployment\.frontend\.yaml$/m,
      );
      assert.match(
        await gitCli(statusWork, 'ls-tree', '-r', '--name-only', 'origin/flotilla-rendered'),
        /^clusters\/aws-use\/kustomization\.yaml$/m,
      );

      // Another process (its own, empty cache) reads the attempt back from the status repository.
      const o2 = outcome(await reconcile('cache-b'));
      assert.equal(o2['outcome'], 'unchanged');
      assert.deepEqual(await statusHeads(), status, 'an unchanged revision commits nothing');

      writeFileSync(
        path.join(rig.work, 'apps', 'shop', 'extra.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: shop\n',
      );
      const second = await commitAndPush(rig.work, 'Add a ConfigMap');
      const o3 = outcome(await reconcile('cache-a'));
      assert.equal(o3['outcome'], 'applied');
      assert.equal(o3['revision'], second);
      assert.deepEqual([...heads(await gitCli(rig.work, 'ls-remote', 'origin')).keys()], ['main']);
      assert.equal(
        parseRevisionRecord(await showStatus('origin/flotilla-status:revision.yaml'))?.lastAppliedRevision,
        second,
      );
      assert.equal(
        (await gitCli(statusWork, 'rev-parse', 'origin/flotilla-status^')).trim(),
        status.get('flotilla-status'),
        'the new status commit builds on the first',
      );
    });

    it('an empty status repository: the first run writes there; a cold cache then gets a clear, terminal error naming the missing default branch', async () => {
      const o1 = outcome(await reconcile('cache-a'));
      assert.equal(o1['outcome'], 'applied');
      assert.deepEqual([...(await statusHeads()).keys()].sort(), ['flotilla-rendered', 'flotilla-status']);
      // isomorphic-git cannot fetch from a remote whose HEAD names a branch that does not exist.
      const r2 = await reconcile('cache-b');
      assert.equal(r2.code, 2);
      assert.match(r2.stderr, /has no default branch: its HEAD names a branch that does not exist/);
      assert.match(r2.stderr, /transient=false/);
      // Pushing a default branch, as the message says, makes it work.
      await gitCli(statusWork, 'commit', '--quiet', '--allow-empty', '-m', 'default branch');
      await gitCli(statusWork, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
      const o3 = outcome(await reconcile('cache-b'));
      assert.equal(o3['outcome'], 'unchanged');
    });
  });

  describe('a local source and a local status repository', () => {
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(() => {
      tmp = tempDir();
    });
    afterEach(() => tmp.cleanup());

    it('writes both branches into the --status-repo directory and leaves the source repository alone', async () => {
      const fleet = path.join(tmp.dir, 'fleet');
      cpSync(exampleFleet, fleet, { recursive: true });
      await gitCli(fleet, 'init', '--quiet', '--initial-branch=main');
      await gitCli(fleet, 'add', '-A');
      await gitCli(fleet, 'commit', '--quiet', '-m', 'fleet');
      const first = (await gitCli(fleet, 'rev-parse', 'HEAD')).trim();
      const statusDir = path.join(tmp.dir, 'status');
      mkdirSync(statusDir);
      await gitCli(statusDir, 'init', '--quiet', '--initial-branch=main');

      const env = childEnv(tmp.dir);
      const o1 = outcome(
        await runFlotilla(
          ['reconcile', '--repo', 'fleet', '--status-repo', 'status', '--once', '-o', 'json'],
          tmp.dir,
          env,
        ),
      );
      assert.equal(o1['outcome'], 'applied');
      assert.equal((await gitCli(fleet, 'for-each-ref', '--format=%(refname)')).trim(), 'refs/heads/main');
      assert.equal(
        (await gitCli(statusDir, 'for-each-ref', '--format=%(refname)')).trim(),
        'refs/heads/flotilla-rendered\nrefs/heads/flotilla-status',
      );
      assert.equal(
        parseRevisionRecord(await gitCli(statusDir, 'show', 'flotilla-status:revision.yaml'))?.lastAppliedRevision,
        first,
      );
      assert.match(
        await gitCli(statusDir, 'log', '-1', '--format=%B', 'flotilla-rendered'),
        new RegExp(`^Flotilla-Source: ${first}$`, 'm'),
      );

      const o2 = outcome(
        await runFlotilla(
          ['reconcile', '--repo', 'fleet', '--status-repo', 'status', '--once', '-o', 'json'],
          tmp.dir,
          env,
        ),
      );
      assert.equal(o2['outcome'], 'unchanged');

      const bad = await runFlotilla(
        ['reconcile', '--repo', 'fleet', '--status-repo', 'nowhere', '--once'],
        tmp.dir,
        env,
      );
      assert.equal(bad.code, 2, 'a --status-repo that is neither a URL nor a git repository is a usage error');
    });
  });
});
