/**
 * A flapping member (its apiserver stopped and restarted every few seconds) against the
 * controller's flap damping (Karmada's --cluster-failure-threshold): no failover while each outage
 * is shorter than the threshold, so replicas never ping-pong (issue 10). Each outage and each return
 * is waited for until the controller has seen it (a pass that ran with the member down, an apply to
 * it once back), not for a fixed time; the threshold is wide enough that a loaded machine's slow
 * passes still keep every outage below it.
 */
import assert from 'node:assert/strict';
import {
  fleetRepo,
  policyYaml,
  removeRepo,
  startController,
  statusLog,
  workloadYaml,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, getJson, members, startMember, stopMember } from './harness.ts';
const ns = 'flap';

const fleet = [
  workloadYaml(ns, 'steady', 2),
  policyYaml(ns, 'steady', {
    placement: {
      clusterAffinity: { clusterNames: ['member1', 'member3'] },
      replicaScheduling: { replicaSchedulingType: 'Duplicated' },
    },
  }),
].join('---\n');

(e2eEnabled ? describe : describe.skip)('flotilla controller: a flapping member (e2e, real members)', function () {
  this.timeout(900_000);
  let repo = '';
  let controller: ControllerProcess | undefined;

  before(async function () {
    this.timeout(600_000);
    const { kubeconfig } = await members();
    repo = await fleetRepo('flap', { 'apps/steady.yaml': fleet });
    controller = startController(repo, kubeconfig, [
      '--interval',
      '1s',
      '--timeout',
      '3s',
      '--cluster-failure-threshold',
      '120s',
      '--cluster-success-threshold',
      '5s',
      '--failover-eviction-timeout',
      '5s',
    ]);
  });
  after(async () => {
    controller?.kill();
    await startMember('member3').catch(() => undefined);
    removeRepo(repo);
  });

  const count = (match: (e: Readonly<Record<string, unknown>>) => boolean) =>
    controller?.entries().filter(match).length ?? 0;
  /** Waits until a controller pass that began after `since` (epoch ms) has finished: it saw the member as it was then. */
  async function passBegunAfter(since: number): Promise<void> {
    const begunAfter = (e: Readonly<Record<string, unknown>>) =>
      e['msg'] === 'pass done' && Number(e['time']) - Number(e['ms']) > since;
    await eventually('a pass that began after the change', 120_000, async () =>
      count(begunAfter) > 0 ? true : undefined,
    );
  }
  /** Waits until the controller has applied to member3 again (it saw the member back). */
  async function appliedToMember3(): Promise<void> {
    const applied = (e: Readonly<Record<string, unknown>>) =>
      e['msg'] === 'cluster applied' && e['cluster'] === 'member3' && e['ok'] === true;
    const target = count(applied) + 1;
    await eventually('an apply to member3', 120_000, async () => (count(applied) >= target ? true : undefined));
  }

  it('outages shorter than the failure threshold cause no failover and no replica move', async () => {
    await eventually('steady on member1 and member3', 120_000, async () =>
      (await getJson('member3', 'deployment', 'steady', '-n', ns)) &&
      (await getJson('member1', 'deployment', 'steady', '-n', ns))
        ? true
        : undefined,
    );
    for (let i = 0; i < 4; i++) {
      await stopMember('member3');
      await passBegunAfter(Date.now());
      await startMember('member3');
      await appliedToMember3();
    }
    await passBegunAfter(Date.now());
    const log = await statusLog(repo);
    const failovers = log.split('\u0000').filter((b) => /^Flotilla-Decision: (failover|evict)$/m.test(b)).length;
    assert.equal(failovers, 0, `4 outages seen by the controller; status log:\n${log.slice(0, 3000)}`);
    assert.equal((await getJson('member3', 'deployment', 'steady', '-n', ns))?.['spec']?.['replicas'], 2);
    // The member's own controllers reconnect after the flapping; later tests need it scheduling again.
    await eventually('steady ready on member3 again', 120_000, async () =>
      (await getJson('member3', 'deployment', 'steady', '-n', ns))?.['status']?.['readyReplicas'] === 2
        ? true
        : undefined,
    );
    assert.ok(controller?.logs().includes('"msg":"pass done"'));
  });

  it('stops cleanly on SIGTERM', async () => {
    assert.equal(await controller?.stop(), 0, controller?.logs().slice(-2000));
  });
});
