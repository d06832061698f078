/**
 * Application failover against real members (issue 10): an OverridePolicy gives member1's copy a
 * nodeSelector no simulated node has, so its pods stay Pending and the Deployment is Unhealthy
 * there (InterpretHealth); after `decisionConditions.tolerationSeconds` the controller evicts
 * member1, the replicas move to member3, and once they are healthy the old copy is purged.
 */
import assert from 'node:assert/strict';
import {
  equalWeights,
  fleetRepo,
  policyYaml,
  removeRepo,
  startController,
  statusLog as logOf,
  workloadYaml,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, getJson, members } from './harness.ts';
const ns = 'appfail';

const fleet = [
  workloadYaml(ns, 'app', 4),
  policyYaml(ns, 'app', {
    propagateDeps: true,
    failover: {
      application: { decisionConditions: { tolerationSeconds: 3 }, purgeMode: 'Gracefully', gracePeriodSeconds: 120 },
    },
    placement: equalWeights(['member1', 'member3']),
  }),
  `# member1's pods can never be scheduled: the workload is Unhealthy there.
apiVersion: policy.karmada.io/v1alpha1
kind: OverridePolicy
metadata: { name: app-broken-on-member1, namespace: ${ns} }
spec:
  resourceSelectors: [{ apiVersion: apps/v1, kind: Deployment, name: app }]
  overrideRules:
    - targetCluster: { clusterNames: [member1] }
      overriders:
        plaintext:
          - { path: /spec/template/spec/nodeSelector, operator: add, value: { no-such-node: "true" } }
`,
].join('---\n');

(e2eEnabled ? describe : describe.skip)('flotilla controller: application failover (e2e, real members)', function () {
  this.timeout(600_000);
  let repo = '';
  let controller: ControllerProcess | undefined;

  before(async function () {
    this.timeout(600_000);
    const { kubeconfig } = await members();
    repo = await fleetRepo('appfail', { 'apps/app.yaml': fleet });
    controller = startController(repo, kubeconfig, ['--interval', '1s', '--timeout', '20s']);
  });
  after(() => {
    controller?.kill();
    removeRepo(repo);
  });

  const statusLog = () => logOf(repo);

  it('a workload unhealthy on one member past tolerationSeconds moves to the other, and the old copy is purged', async () => {
    await eventually('app 2/2 applied, Pending on member1', 120_000, async () => {
      const m1 = await getJson('member1', 'deployment', 'app', '-n', ns);
      const m3 = await getJson('member3', 'deployment', 'app', '-n', ns);
      return m1?.['spec']?.['replicas'] === 2 && m3?.['status']?.['readyReplicas'] === 2 ? true : undefined;
    });
    const evicted = await eventually('evict commit', 180_000, async () => {
      const log = await statusLog();
      return /Flotilla-Decision: evict/.test(log) ? log : undefined;
    });
    assert.match(evicted, /evict 1 binding from member1 \(unhealthy since/);
    assert.match(evicted, /tolerationSeconds 3/);
    await eventually('all 4 replicas ready on member3', 120_000, async () => {
      const m3 = await getJson('member3', 'deployment', 'app', '-n', ns);
      return m3?.['spec']?.['replicas'] === 4 && m3?.['status']?.['readyReplicas'] === 4 ? true : undefined;
    });
    await eventually('purge commit', 120_000, async () =>
      /Flotilla-Decision: purge/.test(await statusLog()) ? true : undefined,
    );
    await eventually('old copy pruned from member1', 120_000, async () =>
      (await getJson('member1', 'deployment', 'app', '-n', ns)) === undefined ? true : undefined,
    );
    assert.doesNotMatch(
      await statusLog(),
      /Flotilla-Decision: failover/,
      'no cluster was failed over: only the application',
    );
  });

  it('stops cleanly on SIGTERM', async () => {
    assert.equal(await controller?.stop(), 0, controller?.logs().slice(-2000));
  });
});
