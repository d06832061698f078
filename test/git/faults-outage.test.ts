/**
 * A git outage loses nothing: against the real git server, stopped and restarted on its port,
 * a commit the remote cannot take is kept in the cache as the branch's pending tip, later
 * commits build on it, and once the remote answers the pending commits are pushed exactly once.
 * A pending commit the remote moved away from meanwhile is dropped, never forced over it.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { reconcileOnce } from '../../src/controller/reconcile.ts';
import { GitRemoteUnreachable, type BranchStore } from '../../src/git/index.ts';
import { commitToBranch, type BranchWriteOptions, type DeferPublish } from '../../src/writeback/index.ts';
import { otherStore, remoteContext, startFleetRig, testTime, type FleetRig } from './helpers/fleet.ts';
import { startGitServer, type GitServer } from './helpers/git-server.ts';
import { commitAndPush, gitCli, cloneRepo } from './helpers/workspace.ts';
import { writeFileSync } from 'node:fs';

describe('faults: the git remote goes down and comes back', function () {
  this.timeout(90000);
  let rig: FleetRig;
  let restarted: GitServer | undefined;
  beforeEach(async () => {
    rig = await startFleetRig();
    assert.equal((await reconcileOnce(await remoteContext(rig, 'cache-setup'))).kind, 'applied');
  });
  afterEach(async () => {
    await restarted?.stop();
    restarted = undefined;
    await rig.cleanup();
  });

  const branch = 'flotilla-status';
  const opts = (deferPublish: DeferPublish): BranchWriteOptions => ({
    identity: { name: 'flotilla', email: 'flotilla@localhost' },
    now: () => testTime,
    deferPublish,
  });
  const note = (store: BranchStore, name: string, d: DeferPublish) =>
    commitToBranch(
      store,
      branch,
      () => ({
        kind: 'commit',
        changes: [{ path: `notes/${name}`, content: new TextEncoder().encode(`${name}\n`) }],
        message: `note ${name}\n`,
        allowEmpty: false,
      }),
      opts(d),
    );
  const restart = async () => {
    restarted = await startGitServer(
      path.join(rig.root, 'server'),
      rig.server.user,
      rig.server.password,
      rig.server.port,
    );
  };
  const remoteLog = async () => {
    await gitCli(rig.work, 'fetch', '--quiet', 'origin');
    return (await gitCli(rig.work, 'log', '--format=%s', `origin/${branch}`)).trim().split('\n');
  };

  it('commits made while the remote is down are kept as the pending tip and pushed once when it is back', async () => {
    const store = await otherStore(rig, 'cache');
    await store.refresh();
    const before = await store.tip(branch);
    await rig.server.stop();
    const first = await note(store, 'a', 'on-unreachable');
    assert.equal(first.kind, 'committed');
    assert.ok(
      first.kind === 'committed' && first.deferred?.error instanceof GitRemoteUnreachable,
      'the failed push is reported',
    );
    assert.equal(
      await store.tip(branch),
      first.kind === 'committed' ? first.commit : '',
      'the pending commit is the tip in the local view',
    );
    const second = await note(store, 'b', 'always');
    assert.ok(second.kind === 'committed' && second.deferred?.error === undefined);
    await assert.rejects(store.flush(branch), GitRemoteUnreachable);
    await restart();
    const flushed = await store.flush(branch);
    assert.deepEqual(flushed, { kind: 'pushed', commit: second.kind === 'committed' ? second.commit : '' });
    assert.deepEqual((await store.flush(branch)).kind, 'none', 'a second flush pushes nothing');
    const log = await remoteLog();
    assert.deepEqual(log.slice(0, 2), ['note b', 'note a']);
    assert.equal(log.filter((s) => s === 'note a').length, 1);
    assert.equal((await gitCli(rig.work, 'rev-parse', `origin/${branch}~2`)).trim(), before);
  });

  it('a pending commit the remote moved away from meanwhile is dropped, not forced over the remote', async () => {
    const store = await otherStore(rig, 'cache');
    await store.refresh();
    await rig.server.stop();
    const kept = await note(store, 'offline', 'on-unreachable');
    assert.ok(kept.kind === 'committed' && kept.deferred);
    await restart();
    const person = await cloneRepo(rig.server.authUrl('fleet'), rig.root, 'person');
    await gitCli(person, 'checkout', '--quiet', branch);
    writeFileSync(path.join(person, 'NOTES.md'), 'human\n');
    const theirs = await commitAndPush(person, 'Human notes', branch);
    await store.refresh();
    assert.equal(await store.tip(branch), theirs, 'the remote tip wins in the local view');
    assert.equal((await store.flush(branch)).kind, 'superseded');
    assert.deepEqual((await remoteLog())[0], 'Human notes');
  });
});
