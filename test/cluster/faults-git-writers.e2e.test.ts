/**
 * Two `flotilla controller` processes on one fleet repo WITHOUT leader election (a
 * misconfiguration the fault matrix found duplicating decisions) and a member stopped, then
 * restarted: each decision is recorded on the status branch exactly once, no recorded time
 * moves, and the second writer is reported as an error.
 */
import assert from 'node:assert/strict';
import {
  fastFailoverFlags,
  fleetRepo,
  gracefulApiFleet,
  removeRepo,
  startController,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, members, startMember, stopMember } from './harness.ts';
import { replicasOn } from './rebalance-rig.ts';
import { decisionItems, movedTimes, repeated, statusMessages } from './status-history.ts';
const ns = 'twowriters';

const fleet = gracefulApiFleet(ns);
const replicas = (ctx: string) => replicasOn(ctx, ns, 'api');

(e2eEnabled ? describe : describe.skip)(
  'faults: two controllers without leader election (e2e, real members)',
  function () {
    this.timeout(600_000);
    let repo = '';
    const procs: ControllerProcess[] = [];

    before(async function () {
      this.timeout(600_000);
      const { kubeconfig } = await members();
      repo = await fleetRepo('twowriters', { 'apps/api.yaml': fleet });
      for (const name of ['a', 'b']) {
        procs.push(startController(repo, kubeconfig, ['--identity', `controller-${name}`, ...fastFailoverFlags]));
      }
    });
    after(async () => {
      for (const p of procs) p.kill();
      await startMember('member2').catch(() => undefined);
      removeRepo(repo);
    });

    it('a member stopped and restarted: every decision once, no recorded time moves, the second writer reported', async () => {
      await eventually('api 2/2/2', 120_000, async () =>
        (await Promise.all(['member1', 'member2', 'member3'].map(replicas))).every((n) => n === 2) ? true : undefined,
      ).catch((err: unknown) => {
        throw new Error(`${String(err)}\n${procs.map((p) => p.logs().slice(-3000)).join('\n---\n')}`, { cause: err });
      });
      await stopMember('member2');
      await eventually('api moved 3/3 to member1 and member3', 120_000, async () =>
        (await replicas('member1')) === 3 && (await replicas('member3')) === 3 ? true : undefined,
      );
      await eventually('the purge of member2 recorded', 120_000, async () =>
        decisionItems(await statusMessages(repo)).some((d) => d.startsWith('purge member2')) ? true : undefined,
      );
      await startMember('member2');
      await eventually('the recovery of member2 recorded', 120_000, async () =>
        decisionItems(await statusMessages(repo)).includes('recover member2') ? true : undefined,
      );
      for (const p of procs) assert.equal(await p.stop(), 0, p.logs().slice(-2000));
      const items = decisionItems(await statusMessages(repo));
      assert.deepEqual(repeated(items), [], items.join('\n'));
      for (const kind of ['failover', 'evict', 'purge', 'recover'])
        assert.ok(
          items.some((d) => d.startsWith(`${kind} member2`)),
          `${kind} member2 recorded: ${items.join('\n')}`,
        );
      assert.deepEqual(await movedTimes(repo, 'member2', `bindings/${ns}/deployment.api.yaml`), []);
      const reports = procs.flatMap((p) =>
        p
          .logs()
          .split('\n')
          .filter((l) => l.includes('another flotilla is writing the status branch')),
      );
      assert.ok(reports.length > 0, 'the second writer is reported');
      assert.ok(
        reports.every((l) => JSON.parse(l).level === 50),
        'as an error',
      );
    });
  },
);
