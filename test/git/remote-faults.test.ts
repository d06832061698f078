/** Remote faults against a real git server: wrong or missing credentials, an unreachable remote, garbage answers. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { reconcileOnce } from '../../src/controller/reconcile.ts';
import { GitAuthFailed, GitRemoteInvalid, GitRemoteUnreachable, remoteStore } from '../../src/git/index.ts';
import { remoteContext, startFleetRig, type FleetRig } from './helpers/fleet.ts';

describe('remote faults', function () {
  this.timeout(60000);
  let rig: FleetRig;
  beforeEach(async () => {
    rig = await startFleetRig();
  });
  afterEach(async () => {
    await rig.cleanup();
  });

  const cases = [
    {
      name: 'wrong password',
      credentials: { username: 'fleet', password: 'wrong' },
      want: GitAuthFailed,
      transient: false,
    },
    { name: 'no credentials', credentials: undefined, want: GitAuthFailed, transient: false },
  ];
  for (const c of cases) {
    it(`${c.name}: fetch fails with ${c.want.name}, and the message holds no secret`, async () => {
      const store = await remoteStore({ url: rig.url, credentials: c.credentials }, path.join(rig.root, 'cache'));
      await assert.rejects(store.refresh(), (err: unknown) => {
        assert.ok(err instanceof c.want);
        assert.doesNotMatch(String(err.message), /wrong|s3cret/);
        return true;
      });
    });
  }

  it('a remote returning garbage fails the fetch step as transient GitRemoteInvalid', async () => {
    const ctx = await remoteContext(rig, 'cache');
    rig.server.fault.garbage = true;
    const o = await reconcileOnce(ctx);
    assert.equal(o.kind, 'failed');
    if (o.kind === 'failed') {
      assert.deepEqual([o.step, o.reason, o.transient], ['fetch', 'FetchFailed', true]);
      assert.ok(o.error instanceof GitRemoteInvalid);
    }
  });

  it('an unreachable remote fails as transient GitRemoteUnreachable; the next run after it is back succeeds', async () => {
    const ctx = await remoteContext(rig, 'cache');
    const down = await remoteContext({ ...rig, url: 'http://127.0.0.1:9/fleet.git' }, 'cache-down');
    const o = await reconcileOnce(down);
    assert.equal(o.kind, 'failed');
    if (o.kind === 'failed') {
      assert.equal(o.transient, true);
      assert.ok(o.error instanceof GitRemoteUnreachable);
    }
    assert.equal((await reconcileOnce(ctx)).kind, 'applied');
  });
});
