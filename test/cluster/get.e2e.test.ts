/**
 * `flotilla get` as a child process (Q6) across the real members: the server's columns with a
 * CLUSTER column and flotilla's binding, -o name / json / wide, -A, -l, --clusters, and a stopped
 * member named on stderr while the others are still listed. FLOTILLA_E2E=0 skips.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { flotilla } from './controller-rig.ts';
import { membersAndFleetCopy } from './fleet-copy.ts';
import { e2eEnabled, eventually, kubectl, startMember, stopMember } from './harness.ts';

(e2eEnabled ? describe : describe.skip)('flotilla get (e2e, child process)', function () {
  this.timeout(180_000);
  let kubeconfig = '';
  let repo = '';
  const get = (...args: string[]) => flotilla('get', ...args, '--repo', repo, '--kubeconfig', kubeconfig);

  before(async function () {
    this.timeout(300_000);
    ({ kubeconfig, repo } = await membersAndFleetCopy('flotilla-get-'));
    const applied = await flotilla('apply', '--repo', repo, '--kubeconfig', kubeconfig);
    assert.equal(applied.status, 0, applied.stderr);
    await kubectl('member1', 'create', 'deployment', 'handmade', '-n', 'shop', '--image', 'nginx:1.27');
  });
  after(async function () {
    this.timeout(60_000);
    rmSync(repo, { recursive: true, force: true });
    await kubectl('member1', 'delete', 'deployment', 'handmade', '-n', 'shop', '--ignore-not-found');
  });

  it('lists a kind on every member with the server columns, CLUSTER first and flotilla BINDING last', async () => {
    const r = await get('deployments', '-n', 'shop');
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^CLUSTER\s+NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+BINDING\s+REVISION$/);
    assert.deepEqual(
      lines.slice(1).map((l) =>
        l
          .split(/\s+/)
          .filter((_, i) => i < 2)
          .join(' '),
      ),
      ['member1 handmade', 'member1 web', 'member2 web', 'member3 web'],
    );
    assert.match(lines[1] ?? '', /\s-\s+-$/, "a hand-made object is not flotilla's");
    assert.match(lines[2] ?? '', /\sshop\/web-deployment\s+working-tree-[0-9a-f]{7}$/);
  });

  it('-o name, -o json, -o wide, -A, -l and --clusters', async () => {
    const names = await get('deploy', 'web', '-n', 'shop', '-o', 'name');
    assert.equal(
      names.stdout,
      'member1 deployment.apps/web\nmember2 deployment.apps/web\nmember3 deployment.apps/web\n',
    );
    const json = JSON.parse((await get('deployment.apps/web', '-n', 'shop', '-o', 'json')).stdout) as {
      items: { cluster: string; binding: string | null; revision: string | null; object: { kind: string } }[];
    };
    assert.deepEqual(
      json.items.map((i) => [i.cluster, i.binding, i.object.kind]),
      [
        ['member1', 'shop/web-deployment', 'Deployment'],
        ['member2', 'shop/web-deployment', 'Deployment'],
        ['member3', 'shop/web-deployment', 'Deployment'],
      ],
    );
    assert.ok(json.items.every((i) => i.revision?.startsWith('working-tree')));
    const wide = await get('deploy', '-n', 'shop', '-o', 'wide', '--no-headers', '--clusters', 'member2');
    assert.match(
      wide.stdout,
      /^member2\s+web\s+.*nginx:1\.27\s+app=web\s+shop\/web-deployment\s+working-tree-[0-9a-f]{7}$/m,
    );
    const all = await get('configmaps', '-A', '-l', 'app.kubernetes.io/managed-by=flotilla', '--clusters', 'member1');
    assert.match(all.stdout, /^CLUSTER\s+NAMESPACE\s+NAME\s+DATA\s+AGE\s+BINDING\s+REVISION\n/);
    assert.match(all.stdout, /member1\s+shop\s+web-config\s+1\s/);
    // member3's two web Pods: its ReplicaSet controller creates them after the apply, so wait for both.
    const pods = await eventually('two web Pods on member3', 120_000, async () => {
      const r = await get('pods', '-n', 'shop', '-l', 'app=web', '-o', 'name', '--clusters', 'member3');
      return r.stdout.trimEnd().split('\n').length === 2 ? r : undefined;
    });
    assert.match(pods.stdout, /^member3 pod\/web-[a-z0-9-]+\nmember3 pod\/web-[a-z0-9-]+\n$/);
  });

  it('a name found nowhere exits 1; an unknown kind or cluster says so', async () => {
    const missing = await get('deployment', 'nope', '-n', 'shop');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /"nope" not found on any of 3 cluster/);
    const kind = await get('widgets', '--clusters', 'member1');
    assert.equal(kind.status, 1);
    assert.match(kind.stderr, /cluster member1 has no resource type "widgets"/);
    const cluster = await get('pods', '--clusters', 'member7');
    assert.equal(cluster.status, 2);
    assert.match(cluster.stderr, /--clusters: no such cluster: member7/);
  });

  it('names an unreachable member on stderr and still lists the others', async () => {
    await stopMember('member3');
    try {
      // member3 refuses connections at once; the bound is for the members that answer, on a loaded machine.
      const r = await get('deployments', '-n', 'shop', '--timeout', '30s');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /^unreachable: cluster member3 is unreachable/m);
      assert.match(r.stdout, /member2\s+web/);
      assert.doesNotMatch(r.stdout, /member3/);
    } finally {
      await startMember('member3');
      await eventually('member3 answers', 120_000, async () =>
        (await get('ns', 'default', '--clusters', 'member3')).status === 0 ? true : undefined,
      );
    }
  });
});
