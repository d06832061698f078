/**
 * Concurrent writers of the status branch and crashes: no commit is ever lost or duplicated.
 * Two flotilla processes (separate caches) race; a person pushes to the status branch in the
 * middle of a write; a run crashes between the rendered and the status commit.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { reconcileOnce } from '../../src/controller/reconcile.ts';
import { remoteContext, startFleetRig, type FleetRig } from './helpers/fleet.ts';
import { cloneRepo, commitAndPush, gitCli } from './helpers/workspace.ts';

describe('concurrent status writers and crashes', function () {
  this.timeout(90000);
  let rig: FleetRig;
  beforeEach(async () => {
    rig = await startFleetRig();
  });
  afterEach(async () => {
    await rig.cleanup();
  });

  const log = async (ref: string) => {
    await gitCli(rig.work, 'fetch', '--quiet', 'origin');
    return (await gitCli(rig.work, 'log', '--format=%H %s', ref)).trim().split('\n');
  };

  it('two processes reconciling the same revision at once leave one status commit and one rendered commit', async () => {
    const [a, b] = await Promise.all([remoteContext(rig, 'cache-a'), remoteContext(rig, 'cache-b')]);
    const [oa, ob] = await Promise.all([reconcileOnce(a), reconcileOnce(b)]);
    assert.deepEqual([oa.kind, ob.kind].sort(), ['applied', 'applied']);
    assert.equal((await log('origin/flotilla-status')).length, 1);
    assert.equal((await log('origin/flotilla-rendered')).length, 1);
  });

  it('a person pushing to the status branch during a write keeps their commit; flotilla re-applies on top', async () => {
    const ctx0 = await remoteContext(rig, 'cache');
    await reconcileOnce(ctx0);
    const person = await cloneRepo(rig.server.authUrl('fleet'), rig.root, 'person');
    await gitCli(person, 'checkout', '--quiet', 'flotilla-status');
    await commitAndPush(rig.work, 'A new revision');
    let pushed = '';
    const ctx = await remoteContext(rig, 'cache', {
      faults: {
        beforePublish: async (branch, attempt) => {
          if (branch !== 'flotilla-status' || attempt !== 1) return;
          writeFileSync(path.join(person, 'NOTES.md'), 'on-call notes\n');
          pushed = await commitAndPush(person, 'Human notes', 'flotilla-status');
        },
      },
    });
    const o = await reconcileOnce(ctx);
    assert.equal(o.kind, 'applied');
    const history = await log('origin/flotilla-status');
    assert.equal(history.length, 3);
    assert.ok(
      history.some((l) => l.startsWith(pushed)),
      'the human commit is in the history',
    );
    assert.equal(await gitCli(rig.work, 'show', 'origin/flotilla-status:NOTES.md'), 'on-call notes\n');
    assert.match(
      await gitCli(rig.work, 'log', '-1', '--format=%B', 'origin/flotilla-status'),
      /Flotilla-Decision: plan/,
    );
  });

  it('a crash between the rendered commit and the status commit: the next run completes without a second rendered commit', async () => {
    const crashing = await remoteContext(rig, 'cache', {
      faults: {
        afterRender: async () => {
          throw new Error('simulated crash');
        },
      },
    });
    const o1 = await reconcileOnce(crashing);
    assert.equal(o1.kind, 'failed');
    assert.equal((await log('origin/flotilla-rendered')).length, 1);
    assert.equal((await gitCli(rig.work, 'ls-remote', 'origin', 'flotilla-status')).trim(), '');
    const o2 = await reconcileOnce(await remoteContext(rig, 'cache-restarted'));
    assert.equal(o2.kind, 'applied');
    assert.equal((await log('origin/flotilla-rendered')).length, 1);
    assert.equal((await log('origin/flotilla-status')).length, 1);
  });
});
