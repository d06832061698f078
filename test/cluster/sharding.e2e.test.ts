/**
 * A sharded controller against real members (issue 10): `--shards 2`, shard 0 deciding and
 * applying to its clusters, shard 1 applying the rendered branch to its own and reporting them
 * on the status branch. Each member is applied by exactly one shard, and a member only the worker
 * observes still fails over: the decider learns of the outage from the worker's report.
 */
import assert from 'node:assert/strict';
import { shardOf } from '../../src/controller/shard.ts';
import { gitCli } from '../git/helpers/workspace.ts';
import {
  equalWeights,
  fleetRepo,
  policyYaml,
  removeRepo,
  startController,
  statusLog,
  workloadYaml,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, getJson, members, startMember, stopMember } from './harness.ts';
const ns = 'sharded';
const all = ['member1', 'member2', 'member3'];

const fleet = [workloadYaml(ns, 'web', 6), policyYaml(ns, 'web', { placement: equalWeights(all) })].join('---\n');

const replicas = async (ctx: string) =>
  (await getJson(ctx, 'deployment', 'web', '-n', ns))?.['spec']?.['replicas'] as number | undefined;

(e2eEnabled ? describe : describe.skip)('flotilla controller --shards 2 (e2e, real members)', function () {
  this.timeout(600_000);
  let repo = '';
  const shards: ControllerProcess[] = [];
  const workerOwned = all.filter((c) => shardOf(c, 2) === 1);

  before(async function () {
    this.timeout(600_000);
    const { kubeconfig } = await members();
    repo = await fleetRepo('shards', { 'apps/web.yaml': fleet });
    for (const index of [0, 1]) {
      shards.push(
        startController(repo, kubeconfig, [
          '--shards',
          '2',
          '--shard',
          String(index),
          '--interval',
          '1s',
          '--timeout',
          '20s',
          '--cluster-failure-threshold',
          '2s',
          '--cluster-monitor-grace-period',
          '20s',
          '--failover-eviction-timeout',
          '3s',
          '--graceful-eviction-timeout',
          '120s',
        ]),
      );
    }
  });
  after(async () => {
    for (const s of shards) s.kill();
    for (const c of workerOwned) await startMember(c).catch(() => undefined);
    removeRepo(repo);
  });

  // Whole log lines only (entries()): the last chunk read from the pipe may end mid-line.
  const applied = (s: ControllerProcess) =>
    new Set(
      s
        .entries()
        .filter((e) => e['msg'] === 'cluster applied')
        .map((e) => String(e['cluster'])),
    );

  it('each member is applied by the one shard that owns it, and the worker reports its members', async () => {
    assert.ok(workerOwned.length > 0 && workerOwned.length < 3, `rendezvous split ${workerOwned.join(',')}`);
    await eventually('web 2/2/2', 240_000, async () =>
      (await Promise.all(all.map(replicas))).every((n) => n === 2) ? true : undefined,
    ).catch(async (err: unknown) => {
      const seen = await Promise.all(all.map(replicas));
      throw new Error(
        `${String(err)}; replicas ${seen.join('/')}\n${shards.map((s) => s.logs().slice(-3000)).join('\n---\n')}`,
        {
          cause: err,
        },
      );
    });
    const [decider, worker] = shards as [ControllerProcess, ControllerProcess];
    const deciderOwned = all.filter((c) => !workerOwned.includes(c));
    // A member shows the replicas as soon as the apply request returns; the shard logs
    // "cluster applied" after that, and its stdout reaches this process later still.
    const owned = (s: ControllerProcess, want: string[]) => want.every((c) => applied(s).has(c));
    await eventually('both shards log their applies', 120_000, async () =>
      owned(worker, workerOwned) && owned(decider, deciderOwned) ? true : undefined,
    );
    assert.deepEqual([...applied(worker)].sort(), workerOwned);
    assert.deepEqual([...applied(decider)].sort(), deciderOwned);
    const report = await eventually('worker report', 120_000, async () => {
      const text = await gitCli(repo, 'show', `flotilla-status:observations/${workerOwned[0]}.yaml`).catch(() => '');
      return /health: Healthy/.test(text) ? text : undefined;
    });
    assert.match(report, /shard: 1/);
    assert.match(report, /reachable: true/);
  });

  it("a member only the worker observes fails over: the decider acts on the worker's report", async () => {
    const down = workerOwned[0] ?? '';
    await stopMember(down);
    await eventually('evict commit', 180_000, async () =>
      /Flotilla-Decision: evict/.test(await statusLog(repo)) ? true : undefined,
    );
    const rest = all.filter((c) => c !== down);
    await eventually('web 3/3 on the others', 240_000, async () =>
      (await Promise.all(rest.map(replicas))).every((n) => n === 3) ? true : undefined,
    );
    assert.match(
      await gitCli(repo, 'show', `flotilla-status:clusters/${down}.yaml`),
      /cluster\.karmada\.io\/not-ready/,
    );
    await startMember(down);
  });

  it('both shards stop cleanly on SIGTERM', async () => {
    for (const s of shards) assert.equal(await s.stop(), 0, s.logs().slice(-2000));
  });
});
