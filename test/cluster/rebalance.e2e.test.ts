/**
 * Failback with a WorkloadRebalancer against real members (issue 17): a Divided Deployment 2/2/2
 * piles up 3/3 on the survivors when member2 is stopped and, as in Karmada, stays there when
 * member2 recovers; committing a WorkloadRebalancer written by `flotilla rebalance` brings it back
 * to its policy's division 2/2/2 (Karmada: the controller stamps rescheduleTriggeredAt, the
 * scheduler assigns Fresh), records Successful on the status branch with a
 * `Flotilla-Decision: rebalance` commit, and the ready replicas over the members never reach zero.
 */
import assert from 'node:assert/strict';
import { gitCli } from '../git/helpers/workspace.ts';
import {
  equalWeights,
  fastFailoverFlags,
  fleetRepo,
  flotilla,
  policyYaml,
  removeRepo,
  startController,
  statusLog as logOf,
  workloadYaml,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, members, startMember, stopMember } from './harness.ts';
import { readyOn, removeNamespace, replicasOn, sampleWhile } from './rebalance-rig.ts';

const ns = 'rebalance';
const all = ['member1', 'member2', 'member3'];
const policy = policyYaml(ns, 'api', {
  failover: { cluster: { purgeMode: 'Gracefully' } },
  placement: equalWeights(all),
});
const replicas = (ctx: string) => replicasOn(ctx, ns, 'api');
const ready = (ctx: string) => readyOn(ctx, ns, 'api');
const division = async (want: readonly (number | undefined)[], readyToo: boolean) => {
  const r = await Promise.all(all.map(replicas));
  if (r.some((n, i) => n !== want[i])) return undefined;
  if (readyToo && (await Promise.all(all.map(ready))).some((n, i) => n !== (want[i] ?? 0))) return undefined;
  return true;
};

(e2eEnabled ? describe : describe.skip)(
  'flotilla controller: WorkloadRebalancer failback after a recovery (e2e, real members)',
  function () {
    this.timeout(600_000);
    let repo = '';
    let controller: ControllerProcess | undefined;

    before(async function () {
      this.timeout(600_000);
      const { kubeconfig } = await members();
      repo = await fleetRepo('rebalance', { 'apps/api.yaml': workloadYaml(ns, 'api', 6), 'policies/api.yaml': policy });
      controller = startController(repo, kubeconfig, fastFailoverFlags);
    });
    after(async () => {
      controller?.kill();
      await startMember('member2').catch(() => undefined);
      await removeNamespace(all, ns);
      removeRepo(repo);
    });
    const statusLog = () => logOf(repo);
    const statusFile = async (file: string) => gitCli(repo, 'show', `flotilla-status:${file}`).catch(() => '');

    it('a failover piles the workload up 3/3 on the survivors and it stays there after member2 recovers', async () => {
      await eventually('api 2/2/2 and ready', 120_000, () => division([2, 2, 2], true));
      await stopMember('member2');
      await eventually('api rescheduled 3/3 on member1 and member3', 120_000, async () => {
        const r = [await replicas('member1'), await replicas('member3')];
        return r[0] === 3 && r[1] === 3 ? true : undefined;
      });
      await eventually('api purge commit once the replacement is healthy', 180_000, async () =>
        /\|Deployment\|rebalance\|api: /.test(await statusLog()) ? true : undefined,
      );
      await startMember('member2');
      await eventually('recover commit', 180_000, async () =>
        /Flotilla-Decision: recover/.test(await statusLog()) ? true : undefined,
      );
      await eventually('the old copy pruned from member2', 120_000, async () =>
        (await replicas('member2')) === undefined ? true : undefined,
      );
      assert.deepEqual([await replicas('member1'), await replicas('member3')], [3, 3]);
    });

    it('a committed WorkloadRebalancer brings it back to 2/2/2, once, never at zero ready replicas, and records Successful', async () => {
      const wrote = await flotilla('rebalance', 'Deployment/rebalance/api', '--repo', repo, '--name', 'failback');
      assert.equal(wrote.status, 0, wrote.stderr);
      assert.match(wrote.stdout, /wrote rebalancers\/failback\.yaml/);
      const sampler = sampleWhile(async () => (await Promise.all(all.map(ready))).reduce((a, b) => a + b, 0));
      let samples: number[] = [];
      try {
        await gitCli(repo, 'add', '-A');
        await gitCli(repo, 'commit', '--quiet', '-m', 'failback: rebalance api');
        await eventually('api back to 2/2/2 and ready', 120_000, () => division([2, 2, 2], true));
      } finally {
        samples = await sampler.stop();
      }
      assert.ok(samples.length > 0, `sampled ${samples.length} times`);
      assert.ok(
        samples.every((n) => n > 0),
        `ready replicas over the members: ${samples.join(',')}`,
      );
      // The members show the division when the apply returns; the pass records it on the status branch after that.
      const log = await eventually('the rebalance decision on the status branch', 120_000, async () => {
        const l = await statusLog();
        return /Flotilla-Decision: rebalance/.test(l) ? l : undefined;
      });
      assert.match(log, /rebalance 1 workload \(WorkloadRebalancer failback\)/);
      assert.match(log, /Flotilla-Decision: rebalance/);
      assert.match(log, /Deployment rebalance\/api: member1:3 member3:3 → member1:2 member2:2 member3:2/);
      const record = await eventually('the rebalancer finished on the status branch', 120_000, async () => {
        const r = await statusFile('rebalancers/failback.yaml');
        return /finishTime: /.test(r) ? r : undefined;
      });
      assert.match(record, /result: Successful/);
      assert.match(record, /finishTime: /);
    });

    it('the rebalancer acts once: a later commit leaves the division alone and writes no new rebalance decision', async () => {
      const before = (await statusLog()).split('Flotilla-Decision: rebalance').length;
      await gitCli(repo, 'commit', '--quiet', '--allow-empty', '-m', 'a later commit');
      const head = (await gitCli(repo, 'rev-parse', 'main')).trim();
      await eventually('the later commit in force', 120_000, async () =>
        (await statusFile('revision.yaml')).includes(head) ? true : undefined,
      );
      assert.equal((await statusLog()).split('Flotilla-Decision: rebalance').length, before);
      assert.equal(await division([2, 2, 2], false), true);
    });

    it('stops cleanly on SIGTERM', async () => {
      assert.equal(await controller?.stop(), 0, controller?.logs().slice(-2000));
    });
  },
);
