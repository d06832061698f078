/**
 * `flotilla reconcile --once --kubeconfig` (issue 9: the reconciler applies each good revision
 * before it writes the status branch): one pass over a local git repository applies to the real
 * members and records the revision, the placement and each cluster's health; an invalid revision
 * applies nothing and the last good one stays in force.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gitCli } from '../git/helpers/workspace.ts';
import { fleetRepo, flotilla, removeRepo } from './controller-rig.ts';
import { e2eEnabled, getJson, members } from './harness.ts';

const fleetDir = path.join(import.meta.dirname, 'fleet');

(e2eEnabled ? describe : describe.skip)('flotilla reconcile --once --kubeconfig (e2e, real members)', function () {
  this.timeout(180_000);
  let kubeconfig = '';
  let repo = '';

  before(async function () {
    this.timeout(600_000);
    ({ kubeconfig } = await members());
    repo = await fleetRepo(
      'reconcile-apply',
      Object.fromEntries(
        ['apps/web.yaml', 'policies/web.yaml'].map((f) => [f, readFileSync(path.join(fleetDir, f), 'utf8')]),
      ),
    );
  });
  after(() => removeRepo(repo));

  it('applies the revision to every member, then records it on the status branch', async () => {
    const r = await flotilla('reconcile', '--repo', repo, '--once', '--kubeconfig', kubeconfig, '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      outcome: string;
      clusters: { cluster: string; ok: boolean }[];
      unreachable: string[];
      statusCommit: string | null;
    };
    assert.equal(out.outcome, 'applied');
    assert.deepEqual(
      out.clusters.map((c) => [c.cluster, c.ok]),
      [
        ['member1', true],
        ['member2', true],
        ['member3', true],
      ],
    );
    assert.deepEqual(out.unreachable, []);
    assert.ok(out.statusCommit);
    for (const m of ['member1', 'member2', 'member3'])
      assert.ok(await getJson(m, 'deployment', 'web', '-n', 'shop'), m);
    const record = await gitCli(repo, 'show', 'flotilla-status:revision.yaml');
    const head = (await gitCli(repo, 'rev-parse', 'main')).trim();
    assert.match(record, new RegExp(`lastAppliedRevision: ${head}`));
    assert.match(await gitCli(repo, 'show', 'flotilla-status:clusters/member1.yaml'), /reason: ClusterReady/);
  });

  it('an invalid revision exits 1, applies nothing and keeps the last good revision in force', async () => {
    const good = (await gitCli(repo, 'rev-parse', 'main')).trim();
    writeFileSync(
      path.join(repo, 'apps', 'web.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop\nspec: {}\n',
    );
    await gitCli(repo, 'commit', '--quiet', '-am', 'broken');
    const r = await flotilla('reconcile', '--repo', repo, '--once', '--kubeconfig', kubeconfig, '-o', 'json');
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { outcome: string; inForce: string };
    assert.equal(out.outcome, 'invalid');
    assert.equal(out.inForce, good);
    const record = await gitCli(repo, 'show', 'flotilla-status:revision.yaml');
    assert.match(record, new RegExp(`lastAppliedRevision: ${good}`));
    assert.equal(
      (await getJson('member1', 'configmap', 'flotilla-inventory', '-n', 'flotilla-system'))?.['metadata']?.[
        'annotations'
      ]?.['flotilla.io/revision'],
      good,
    );
  });

  it('--kubeconfig without --once is a usage error pointing at flotilla controller', async () => {
    const r = await flotilla('reconcile', '--repo', repo, '--kubeconfig', kubeconfig);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /flotilla controller/);
  });
});
