/**
 * A flapping member (its apiserver stopped and restarted every few seconds) against the
 * controller's flap damping (Karmada's --cluster-failure-threshold): no failover while each outage
 * is shorter than the threshold, so replicas never ping-pong (issue 10).
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { fleetRepo, policyYaml, removeRepo, startController, statusLog, workloadYaml, type ControllerProcess } from './controller-rig.ts';
import { e2eEnabled, eventually, getJson, members, startMember, stopMember } from './harness.ts';
const ns = 'flap';

const fleet = [
  workloadYaml(ns, 'steady', 2),
  policyYaml(ns, 'steady', { placement: { clusterAffinity: { clusterNames: ['member1', 'member3'] }, replicaScheduling: { replicaSchedulingType: 'Duplicated' } } }),
].join('---\n');

(e2eEnabled ? describe : describe.skip)('flotilla controller: a flapping member (e2e, real members)', function () {
  this.timeout(300_000);
  let repo = '';
  let controller: ControllerProcess | undefined;

  before(async function () {
    this.timeout(600_000);
    const { kubeconfig } = await members();
    repo = await fleetRepo('flap', { 'apps/steady.yaml': fleet });
    controller = startController(repo, kubeconfig, ['--interval', '1s', '--timeout', '3s', '--cluster-failure-threshold', '15s', '--cluster-success-threshold', '5s', '--failover-eviction-timeout', '5s']);
  });
  after(async () => {
    controller?.kill();
    await startMember('member3').catch(() => undefined);
    removeRepo(repo);
  });

  it('outages shorter than the failure threshold cause no failover and no replica move', async () => {
    await eventually('steady on member1 and member3', 60_000, async () => ((await getJson('member3', 'deployment', 'steady', '-n', ns)) && (await getJson('member1', 'deployment', 'steady', '-n', ns)) ? true : undefined));
    const started = Date.now();
    for (let i = 0; i < 4; i++) {
      await stopMember('member3');
      await sleep(1500);
      await startMember('member3');
      await sleep(2000);
    }
    const flapped = Date.now() - started;
    await sleep(3000);
    const log = await statusLog(repo);
    const failovers = log.split('\u0000').filter((b) => /^Flotilla-Decision: (failover|evict)$/m.test(b)).length;
    assert.equal(failovers, 0, `flapped for ${flapped} ms; status log:\n${log.slice(0, 3000)}`);
    assert.equal((await getJson('member3', 'deployment', 'steady', '-n', ns))?.['spec']?.['replicas'], 2);
    // The member's own controllers reconnect after the flapping; later tests need it scheduling again.
    await eventually('steady ready on member3 again', 120_000, async () => ((await getJson('member3', 'deployment', 'steady', '-n', ns))?.['status']?.['readyReplicas'] === 2 ? true : undefined));
    assert.ok(controller?.logs().includes('"msg":"pass done"'));
  });

  it('stops cleanly on SIGTERM', async () => {
    assert.equal(await controller?.stop(), 0, controller?.logs().slice(-2000));
  });
});
