/**
 * `reconcile` against a real git server (git http-backend): a user pushes with the git CLI;
 * flotilla fetches, plans, commits the rendered and status branches and pushes them.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { reconcileOnce } from '../../src/controller/reconcile.ts';
import { parseRevisionRecord } from '../../src/writeback/index.ts';
import { remoteContext, startFleetRig, type FleetRig } from './helpers/fleet.ts';
import { commitAndPush, gitCli } from './helpers/workspace.ts';

describe('reconcile a remote fleet repo (git http-backend)', function () {
  this.timeout(60000);
  let rig: FleetRig;
  beforeEach(async () => {
    rig = await startFleetRig();
  });
  afterEach(async () => {
    await rig.cleanup();
  });

  const show = async (ref: string) => {
    await gitCli(rig.work, 'fetch', '--quiet', 'origin');
    return gitCli(rig.work, 'show', ref);
  };

  it('plans the pushed revision and pushes status and rendered commits with trailers and the injected time', async () => {
    const ctx = await remoteContext(rig, 'cache');
    const o = await reconcileOnce(ctx);
    assert.equal(o.kind, 'applied');
    const log = await show('origin/flotilla-status');
    assert.match(log, new RegExp(`Flotilla-Source: ${rig.first}`));
    assert.match(log, /Flotilla-Decision: plan/);
    assert.match(
      await gitCli(rig.work, 'log', '-1', '--format=%an <%ae> %at', 'origin/flotilla-status'),
      /^flotilla <flotilla@localhost> 1893553445/,
    );
    const record = parseRevisionRecord(await gitCli(rig.work, 'show', 'origin/flotilla-status:revision.yaml'));
    assert.equal(record?.lastAppliedRevision, rig.first);
    const rendered = await gitCli(rig.work, 'ls-tree', '-r', '--name-only', 'origin/flotilla-rendered');
    assert.match(rendered, /^clusters\/aws-use\/kustomization\.yaml$/m);
    assert.match(rendered, /^clusters\/aws-use\/shop\/deployment-frontend\.yaml$/m);
    assert.match(
      await gitCli(rig.work, 'log', '-1', '--format=%B', 'origin/flotilla-rendered'),
      new RegExp(`Flotilla-Source: ${rig.first}`),
    );
  });

  it('an unchanged revision makes no commit and skips planning', async () => {
    const ctx = await remoteContext(rig, 'cache');
    await reconcileOnce(ctx);
    const before = (await gitCli(rig.work, 'ls-remote', 'origin')).trim();
    const o = await reconcileOnce(ctx);
    assert.equal(o.kind, 'unchanged');
    assert.equal((await gitCli(rig.work, 'ls-remote', 'origin')).trim(), before);
  });

  it('a push making the repo invalid is recorded with file and line; the last good revision stays in force', async () => {
    const ctx = await remoteContext(rig, 'cache');
    await reconcileOnce(ctx);
    const renderedBefore = (await gitCli(rig.work, 'ls-remote', 'origin', 'flotilla-rendered')).trim();
    writeFileSync(
      path.join(rig.work, 'apps', 'shop', 'broken.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata: [unclosed\n',
    );
    const bad = await commitAndPush(rig.work, 'Break the fleet');
    const o = await reconcileOnce(ctx);
    assert.equal(o.kind, 'invalid');
    assert.equal((await gitCli(rig.work, 'ls-remote', 'origin', 'flotilla-rendered')).trim(), renderedBefore);
    const record = parseRevisionRecord(await show('origin/flotilla-status:revision.yaml'));
    assert.equal(record?.lastAppliedRevision, rig.first);
    assert.equal(record?.lastAttemptedRevision, bad);
    assert.equal(record?.lastAttempt.decision, 'invalid');
    const e = record?.lastAttempt.errors[0];
    assert.equal(e?.file, 'apps/shop/broken.yaml');
    assert.equal(e?.line, 6); // the YAML parser reports an unclosed flow sequence at the end of the file
    assert.match(
      await gitCli(rig.work, 'log', '-1', '--format=%B', 'origin/flotilla-status'),
      /Flotilla-Decision: invalid/,
    );
    // The bindings of the last good revision are still there.
    assert.match(
      await gitCli(rig.work, 'ls-tree', '-r', '--name-only', 'origin/flotilla-status'),
      /^bindings\/shop\/deployment\.frontend\.yaml$/m,
    );
  });

  it('follows a force-push that rewrites the source branch', async () => {
    const ctx = await remoteContext(rig, 'cache');
    await reconcileOnce(ctx);
    await gitCli(rig.work, 'rm', '--quiet', 'apps/payments/payments.yaml');
    await gitCli(rig.work, 'commit', '--quiet', '--amend', '-m', 'Rewritten history');
    await gitCli(rig.work, 'push', '--quiet', '--force', 'origin', 'HEAD:main');
    const rewritten = (await gitCli(rig.work, 'rev-parse', 'HEAD')).trim();
    const o = await reconcileOnce(ctx);
    assert.equal(o.kind, 'applied');
    assert.equal(o.revision, rewritten);
    const files = await show('origin/flotilla-status:bindings/');
    assert.doesNotMatch(files, /payments/);
  });

  it('a huge manifest and a binary file do not break the reconcile: the huge one is a diagnostic, the binary non-manifest is ignored', async () => {
    const ctx = await remoteContext(rig, 'cache');
    writeFileSync(path.join(rig.work, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255, 254]));
    writeFileSync(path.join(rig.work, 'apps', 'huge.yaml'), `# ${'x'.repeat(9 * 1024 * 1024)}\n`);
    const c = await commitAndPush(rig.work, 'Add a logo and a huge file');
    const o = await reconcileOnce(ctx);
    assert.equal(o.kind, 'invalid');
    assert.equal(o.revision, c);
    if (o.kind === 'invalid')
      assert.deepEqual(
        o.errors.map((e) => [e.file, e.code]),
        [['apps/huge.yaml', 'UnreadableFile']],
      );
  });
});
