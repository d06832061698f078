/**
 * `flotilla controller` against real members (issue 10): a stopped member apiserver is tainted,
 * its bindings are evicted and rescheduled onto the others, its copy is kept (never pruned) while
 * it is unreachable, every decision is a status-branch commit with its trailer, and at no sampled
 * moment does the workload's ready replica count over the reachable members drop to zero.
 * Restarting the member removes the taints; as in Karmada, the Divided Deployment stays where it
 * was moved (its placement and replicas did not change, so it is not rescheduled) while the
 * ConfigMap, scheduled like a Duplicated resource, comes back to the recovered member.
 */
import assert from 'node:assert/strict';
import { gitCli } from '../git/helpers/workspace.ts';
import {
  equalWeights,
  fastFailoverFlags,
  fleetRepo,
  policyYaml,
  removeRepo,
  startController,
  statusFileAtDecision,
  statusLog as logOf,
  workloadYaml,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, getJson, members, startMember, stopMember } from './harness.ts';
const ns = 'failover';

// api: divided 1:1:1 over the members; evicted copies kept until the replacement is healthy.
const policy = policyYaml(
  ns,
  'api',
  { failover: { cluster: { purgeMode: 'Gracefully' } }, placement: equalWeights(['member1', 'member2', 'member3']) },
  [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'api-config' }],
);
const app = `${workloadYaml(ns, 'api', 6)}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
  namespace: ${ns}
data:
  mode: active
`;

const replicas = async (ctx: string) =>
  (await getJson(ctx, 'deployment', 'api', '-n', ns))?.['spec']?.['replicas'] as number | undefined;
const ready = async (ctx: string) =>
  Number((await getJson(ctx, 'deployment', 'api', '-n', ns))?.['status']?.['readyReplicas'] ?? 0);

(e2eEnabled ? describe : describe.skip)('flotilla controller: cluster failover (e2e, real members)', function () {
  this.timeout(600_000);
  let repo = '';
  let controller: ControllerProcess | undefined;

  before(async function () {
    this.timeout(600_000);
    const { kubeconfig } = await members();
    repo = await fleetRepo('failover', { 'apps/api.yaml': app, 'policies/api.yaml': policy });
    controller = startController(repo, kubeconfig, fastFailoverFlags);
  });
  after(async () => {
    controller?.kill();
    await startMember('member2').catch(() => undefined);
    removeRepo(repo);
  });

  const statusLog = () => logOf(repo);
  const statusFile = async (file: string) => gitCli(repo, 'show', `flotilla-status:${file}`).catch(() => '');

  it('applies the fleet 2/2/2 and records the placement on the status branch', async () => {
    await eventually('api 2/2/2 and ready', 120_000, async () => {
      const r = await Promise.all(['member1', 'member2', 'member3'].map(replicas));
      const ok =
        r.every((n) => n === 2) &&
        (await Promise.all(['member1', 'member2', 'member3'].map(ready))).every((n) => n === 2);
      return ok ? true : undefined;
    });
    const binding = await eventually('binding status file', 120_000, async () => {
      const text = await statusFile(`bindings/${ns}/deployment.api.yaml`);
      return text.includes('health: Healthy') ? text : undefined;
    });
    assert.match(binding, /purgeMode: Gracefully/);
  });

  it('a stopped member is tainted, evicted and replaced without the workload ever reaching zero ready replicas', async () => {
    const samples: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        samples.push((await ready('member1').catch(() => 0)) + (await ready('member3').catch(() => 0)));
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    try {
      await stopMember('member2');
      const evicted = await eventually('evict commit', 180_000, async () => {
        const log = await statusLog();
        return /Flotilla-Decision: evict/.test(log) ? log : undefined;
      });
      assert.match(evicted, /Flotilla-Decision: failover/);
      assert.match(evicted, /failover member2/);
      // The eviction task as the evict commit recorded it (it ends once the replacement is healthy).
      assert.match(
        await statusFileAtDecision(repo, 'evict', `bindings/${ns}/deployment.api.yaml`),
        /fromCluster: member2/,
      );
      await eventually('api rescheduled 3/3 on member1 and member3', 120_000, async () => {
        const r = [await replicas('member1'), await replicas('member3')];
        return r[0] === 3 && r[1] === 3 ? true : undefined;
      });
      // The Deployment's task ends once its replacement is healthy (the ConfigMap's may end first).
      await eventually('api purge commit once the replacement is healthy', 180_000, async () =>
        /\|Deployment\|failover\|api: /.test(await statusLog()) ? true : undefined,
      );
      const cluster = await statusFile('clusters/member2.yaml');
      assert.match(cluster, /cluster\.karmada\.io\/not-ready/);
      // Argo CD / Flux follow the failover too: the rendered branch moved with it.
      const rendered = await gitCli(repo, 'show', `flotilla-rendered:clusters/member1/${ns}/deployment-api.yaml`);
      assert.match(rendered, /replicas: 3/);
      await assert.rejects(gitCli(repo, 'show', `flotilla-rendered:clusters/member2/${ns}/deployment-api.yaml`));
    } finally {
      sampling = false;
      await sampler;
    }
    assert.ok(samples.length > 5, `sampled ${samples.length} times`);
    assert.ok(
      samples.every((n) => n > 0),
      `ready replicas over the reachable members: ${samples.join(',')}`,
    );
  });

  it('the restarted member recovers: taints removed, the ConfigMap comes back, the Divided Deployment stays 3/3 and its old copy is pruned', async () => {
    await startMember('member2');
    await eventually('recover commit', 180_000, async () =>
      /Flotilla-Decision: recover/.test(await statusLog()) ? true : undefined,
    );
    await eventually('api-config back on member2', 120_000, async () =>
      (await getJson('member2', 'configmap', 'api-config', '-n', ns)) ? true : undefined,
    );
    await eventually('the purged copy of api pruned from member2', 120_000, async () =>
      (await replicas('member2')) === undefined ? true : undefined,
    );
    assert.deepEqual([await replicas('member1'), await replicas('member3')], [3, 3]);
    const cluster = await statusFile('clusters/member2.yaml');
    assert.doesNotMatch(cluster, /not-ready/);
  });

  it('stops cleanly on SIGTERM', async () => {
    assert.equal(await controller?.stop(), 0, controller?.logs().slice(-2000));
  });
});
