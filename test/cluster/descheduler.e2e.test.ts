/**
 * The descheduler against real members (issue 17, Karmada karmada-descheduler): a Deployment
 * divided by the members' free capacity (dynamicWeight: AvailableReplicas) runs on all three; a
 * higher-priority workload created directly on member2 takes both its Nodes (kube-scheduler
 * preempts the Deployment's pods there, which stay Pending: PodScheduled=False, Unschedulable). With
 * `--descheduler` those replicas are taken off member2 once unschedulable longer than
 * --unschedulable-threshold and the plan places them on members with room; the decision is a
 * status commit with `Flotilla-Decision: deschedule`.
 */
import assert from 'node:assert/strict';
import {
  fastFailoverFlags,
  fleetRepo,
  policyYaml,
  removeRepo,
  startController,
  statusLog as logOf,
  workloadYaml,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, kubectl, members } from './harness.ts';
import { applyFiller, readyOn, removeFiller, removeNamespace, replicasOn } from './rebalance-rig.ts';

const ns = 'desched';
const fillerNs = 'desched-filler';
const all = ['member1', 'member2', 'member3'];
const policy = policyYaml(ns, 'web', {
  placement: {
    clusterAffinity: { clusterNames: all },
    replicaScheduling: {
      replicaSchedulingType: 'Divided',
      replicaDivisionPreference: 'Weighted',
      weightPreference: { dynamicWeight: 'AvailableReplicas' },
    },
  },
});
const replicas = (ctx: string) => replicasOn(ctx, ns, 'web');
const ready = (ctx: string) => readyOn(ctx, ns, 'web');

(e2eEnabled ? describe : describe.skip)('flotilla controller --descheduler (e2e, real members)', function () {
  this.timeout(600_000);
  let repo = '';
  let controller: ControllerProcess | undefined;

  before(async function () {
    this.timeout(600_000);
    const { kubeconfig } = await members();
    repo = await fleetRepo('descheduler', {
      'apps/web.yaml': workloadYaml(ns, 'web', 6, '1'),
      'policies/web.yaml': policy,
    });
    controller = startController(repo, kubeconfig, [
      ...fastFailoverFlags,
      '--descheduler',
      '--descheduling-interval',
      '5s',
      '--unschedulable-threshold',
      '5s',
    ]);
  });
  after(async () => {
    controller?.kill();
    await removeFiller('member2', fillerNs);
    await removeNamespace(all, ns);
    removeRepo(repo);
  });

  it('divides the Deployment by free capacity, member2 included, all ready', async () => {
    await eventually('web divided with replicas on member2, all ready', 120_000, async () => {
      const r = await Promise.all(all.map(replicas));
      const total = r.reduce<number>((a, n) => a + (n ?? 0), 0);
      const readyTotal = (await Promise.all(all.map(ready))).reduce((a, n) => a + n, 0);
      return total === 6 && readyTotal === 6 && (r[1] ?? 0) > 0 ? true : undefined;
    });
  });

  it('replicas Pending as Unschedulable on member2 are descheduled onto members with room, with a deschedule commit', async () => {
    // Each member has 2 Nodes of 8 CPUs: two 8-CPU pods of a higher priority take both Nodes of member2.
    await applyFiller('member2', fillerNs, { replicas: 2, cpu: '8', preempt: true });
    await eventually('web pods Pending as Unschedulable on member2', 120_000, async () => {
      const pods = JSON.parse(await kubectl('member2', 'get', 'pods', '-n', ns, '-o', 'json')) as {
        items: { status?: { phase?: string; conditions?: { type: string; status: string; reason?: string }[] } }[];
      };
      return pods.items.some(
        (p) =>
          p.status?.phase === 'Pending' &&
          p.status.conditions?.some(
            (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
          ),
      )
        ? true
        : undefined;
    });
    const log = await eventually('deschedule commit', 120_000, async () => {
      const l = await logOf(repo);
      return /Flotilla-Decision: deschedule/.test(l) ? l : undefined;
    });
    assert.match(log, /flotilla: deschedule \d+ replicas? of 1 workload/);
    assert.match(log, /Deployment desched\/web: member2 \d+ → \d+ \(\d+ unschedulable for over 5s\)/);
    await eventually('web 6 ready on member1 and member3, none left on member2', 120_000, async () => {
      const on2 = await replicas('member2');
      const sum = ((await replicas('member1')) ?? 0) + ((await replicas('member3')) ?? 0);
      const readySum = (await ready('member1')) + (await ready('member3'));
      return (on2 === undefined || on2 === 0) && sum === 6 && readySum === 6 ? true : undefined;
    });
  });

  it('stops cleanly on SIGTERM', async () => {
    assert.equal(await controller?.stop(), 0, controller?.logs().slice(-2000));
  });
});
