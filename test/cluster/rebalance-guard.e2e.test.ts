/**
 * Never to zero when a WorkloadRebalancer moves a workload off a member entirely (issue 17): an
 * Aggregated Deployment sits on one member; that member fills up with a workload created there
 * directly, and a committed WorkloadRebalancer schedules the Deployment afresh (Karmada
 * dynamicFreshScale), all onto another member. The old copy stays as a graceful-eviction task
 * until the new replicas are ready, then is purged and pruned; sampled ready replicas over the
 * members never reach zero.
 */
import assert from 'node:assert/strict';
import { gitCli } from '../git/helpers/workspace.ts';
import {
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
import { e2eEnabled, eventually, getJson, members } from './harness.ts';
import { applyFiller, readyOn, removeFiller, removeNamespace, replicasOn, sampleWhile } from './rebalance-rig.ts';

const ns = 'rebalance-guard';
const fillerNs = 'guard-filler';
const all = ['member1', 'member2', 'member3'];
const policy = policyYaml(ns, 'api', {
  placement: {
    clusterAffinity: { clusterNames: all },
    replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
  },
});
const replicas = (ctx: string) => replicasOn(ctx, ns, 'api');
const ready = (ctx: string) => readyOn(ctx, ns, 'api');

(e2eEnabled ? describe : describe.skip)(
  'flotilla controller: a WorkloadRebalancer moving a workload off a member keeps it until the new replicas are ready (e2e)',
  function () {
    this.timeout(600_000);
    let repo = '';
    let from = '';
    let controller: ControllerProcess | undefined;

    before(async function () {
      this.timeout(600_000);
      const { kubeconfig } = await members();
      repo = await fleetRepo('rebalance-guard', {
        'apps/api.yaml': workloadYaml(ns, 'api', 4, '2'),
        'policies/api.yaml': policy,
      });
      controller = startController(repo, kubeconfig, fastFailoverFlags);
    });
    after(async () => {
      controller?.kill();
      if (from) await removeFiller(from, fillerNs);
      await removeNamespace(all, ns);
      removeRepo(repo);
    });

    it('aggregates the Deployment on one member, 4 ready', async () => {
      from = await eventually('api 4 ready on one member', 120_000, async () => {
        for (const m of all) if ((await replicas(m)) === 4 && (await ready(m)) === 4) return m;
        return undefined;
      });
    });

    it('a rebalance onto a member with room keeps the old copy until the new one is ready: never zero ready replicas', async () => {
      // Each member has 2 Nodes of 8 CPUs: api holds 8 CPUs of its member, the filler asks for the other 8.
      await applyFiller(from, fillerNs, { replicas: 4, cpu: '2' });
      // Running or Pending, the filler's pods count against the member's free capacity (allocated or allocating).
      await eventually('the filler created on the old member', 120_000, async () =>
        Number((await getJson(from, 'deployment', 'filler', '-n', fillerNs))?.['status']?.['replicas'] ?? 0) === 4
          ? true
          : undefined,
      );
      const wrote = await flotilla('rebalance', `Deployment/${ns}/api`, '--repo', repo, '--name', 'move-api');
      assert.equal(wrote.status, 0, wrote.stderr);
      const sampler = sampleWhile(async () => (await Promise.all(all.map(ready))).reduce((a, b) => a + b, 0));
      let to = '';
      let samples: number[] = [];
      try {
        await gitCli(repo, 'add', '-A');
        await gitCli(repo, 'commit', '--quiet', '-m', 'rebalance api');
        const log = await eventually('rebalance commit', 120_000, async () => {
          const l = await logOf(repo);
          return /Flotilla-Decision: rebalance/.test(l) ? l : undefined;
        });
        assert.match(log, new RegExp(`\\(${from} kept until the new replicas are ready\\)`));
        to = await eventually('api 4 ready on another member', 120_000, async () => {
          for (const m of all) if (m !== from && (await ready(m)) === 4) return m;
          return undefined;
        });
        await eventually('the old copy purged and pruned', 120_000, async () =>
          (await replicas(from)) === undefined ? true : undefined,
        );
      } finally {
        samples = await sampler.stop();
      }
      assert.notEqual(to, from);
      assert.ok(samples.length > 0, `sampled ${samples.length} times`);
      assert.ok(
        samples.every((n) => n > 0),
        `ready replicas over the members: ${samples.join(',')}`,
      );
      // The prune is applied before the pass commits its purge decision to the status branch.
      await eventually('the purge decision on the status branch', 120_000, async () =>
        /Flotilla-Decision: purge/.test(await logOf(repo)) ? true : undefined,
      );
    });

    it('stops cleanly on SIGTERM', async () => {
      assert.equal(await controller?.stop(), 0, controller?.logs().slice(-2000));
    });
  },
);
