/**
 * Cross-cluster autoscaling against real members (issue 19, Karmada FederatedHPA/CronFederatedHPA):
 * a CronFederatedHPA rule due every minute sets a Divided Deployment's total, and the members get the
 * new replicas by the policy's division, with a `Flotilla-Decision: scale` commit and the execution in
 * the rule's history.
 */
import assert from 'node:assert/strict';
import YAML from 'yaml';
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
import { e2eEnabled, eventually, members } from './harness.ts';
import { removeNamespace, replicasOn } from './rebalance-rig.ts';

const ns = 'autoscale-cron';
const pair = ['member1', 'member2'];
const cron = YAML.stringify({
  apiVersion: 'autoscaling.karmada.io/v1alpha1',
  kind: 'CronFederatedHPA',
  metadata: { name: 'every-minute', namespace: ns },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'batch' },
    rules: [{ name: 'up', schedule: '*/1 * * * *', targetReplicas: 4 }],
  },
});

async function cronRecord(repo: string): Promise<Record<string, any> | undefined> {
  const text = await gitCli(repo, 'show', `flotilla-status:cronfederatedhpas/${ns}/every-minute.yaml`).catch(() => '');
  return text ? (YAML.parse(text) as Record<string, any>) : undefined;
}

(e2eEnabled ? describe : describe.skip)('CronFederatedHPA (e2e, real members)', function () {
  this.timeout(400_000);
  let repo = '';
  let controller: ControllerProcess | undefined;

  before(async function () {
    this.timeout(600_000);
    const { kubeconfig } = await members();
    repo = await fleetRepo('autoscale-cron', {
      'apps/batch.yaml': workloadYaml(ns, 'batch', 2),
      'apps/cron.yaml': cron,
      'policies/batch.yaml': policyYaml(ns, 'batch', { placement: equalWeights(pair) }),
    });
    controller = startController(repo, kubeconfig, ['--interval', '2s', '--timeout', '10s']);
  });
  after(async () => {
    controller?.kill();
    await removeNamespace(pair, ns);
    removeRepo(repo);
  });

  it('divides the template replicas first (1 and 1)', async () => {
    await eventually('batch 1 and 1 on member1 and member2', 120_000, async () => {
      const r = await Promise.all(pair.map((c) => replicasOn(c, ns, 'batch')));
      return r[0] === 1 && r[1] === 1 ? true : undefined;
    });
  });

  it('at the rule time the total becomes 4, divided 2 and 2, with a scale commit and the execution recorded', async () => {
    const log = await eventually('a scale commit of the cron rule', 180_000, async () => {
      const l = await statusLog(repo);
      return /Flotilla-Decision: scale/.test(l) && /CronFederatedHPA autoscale-cron\/every-minute, rule up/.test(l)
        ? l
        : undefined;
    });
    assert.match(log, /Deployment autoscale-cron\/batch: replicas 4/);
    await eventually('batch 2 and 2 on member1 and member2', 120_000, async () => {
      const r = await Promise.all(pair.map((c) => replicasOn(c, ns, 'batch')));
      return r[0] === 2 && r[1] === 2 ? true : undefined;
    });
    const record = await eventually('the execution in the rule history', 60_000, async () => {
      const r = await cronRecord(repo);
      return r?.['status']?.['executionHistories']?.[0]?.['successfulExecutions']?.length ? r : undefined;
    });
    const history = record['status']['executionHistories'][0];
    assert.equal(history['ruleName'], 'up');
    assert.equal(history['successfulExecutions'][0]['appliedReplicas'], 4);
    assert.match(history['successfulExecutions'][0]['scheduleTime'], /:00Z$/);
  });

  it('stops cleanly on SIGTERM', async () => {
    assert.equal(await controller?.stop(), 0, controller?.logs().slice(-2000));
  });
});
