/**
 * `flotilla status` with a member down (Q6): the member is named once on stderr, and the bindings
 * placed there show Unknown, not Unhealthy, with a short message. FLOTILLA_E2E=0 skips.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { flotilla } from './controller-rig.ts';
import { membersAndFleetCopy } from './fleet-copy.ts';
import { e2eEnabled, eventually, startMember, stopMember } from './harness.ts';

(e2eEnabled ? describe : describe.skip)('flotilla status with an unreachable member (e2e, child process)', function () {
  this.timeout(180_000);
  let kubeconfig = '';
  let repo = '';

  before(async function () {
    this.timeout(300_000);
    ({ kubeconfig, repo } = await membersAndFleetCopy('flotilla-status-'));
    const applied = await flotilla('apply', '--repo', repo, '--kubeconfig', kubeconfig);
    assert.equal(applied.status, 0, applied.stderr);
    await eventually('web healthy everywhere', 180_000, async () =>
      (await flotilla('status', '--repo', repo, '--kubeconfig', kubeconfig)).status === 0 ? true : undefined,
    );
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  it('says once that member3 is unreachable and shows its bindings Unknown, not Unhealthy', async () => {
    await stopMember('member3');
    try {
      const r = await flotilla(
        'status',
        '--repo',
        repo,
        '--kubeconfig',
        kubeconfig,
        '--observe=false',
        '--timeout',
        '30s',
      );
      assert.equal(r.status, 1);
      assert.equal(r.stderr.match(/member3 is unreachable/g)?.length, 1, r.stderr);
      assert.doesNotMatch(r.stdout, /Unhealthy/);
      assert.match(
        r.stdout,
        /^shop\s+Service\/web\s+member1,member2,member3\s+-\s+Unknown\s+Unknown\s+unknown on member3 \(unreachable\)$/m,
      );
      assert.doesNotMatch(r.stdout, /ECONNREFUSED|connect/, 'the reason is on stderr, once');
      const json = JSON.parse(
        (
          await flotilla(
            'status',
            '--repo',
            repo,
            '--kubeconfig',
            kubeconfig,
            '--observe=false',
            '--timeout',
            '30s',
            '-o',
            'json',
          )
        ).stdout,
      ) as { bindings: { clusters: { clusterName: string; health: string; unreachable?: boolean }[] }[] };
      const m3 = json.bindings.flatMap((b) => b.clusters.filter((c) => c.clusterName === 'member3'));
      assert.ok(m3.length >= 3 && m3.every((c) => c.health === 'Unknown' && c.unreachable === true));
    } finally {
      await startMember('member3');
    }
  });
});
