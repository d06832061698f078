/**
 * Cross-cluster autoscaling against real members (issue 19, Karmada FederatedHPA/CronFederatedHPA):
 * a CronFederatedHPA rule due every minute sets a Divided Deployment's total, and the members get the
 * new replicas by the policy's division, with a `Flotilla-Decision: scale` commit and the execution in
 * the rule's history. A FederatedHPA reads the pods' usage from each member's metrics.k8s.io
 * (metrics-server scraping what kwok emulates): raising the emulated CPU scales the Divided Deployment
 * up within its behavior's Pods policy, lowering it scales down after the stabilization window.
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
import { e2eEnabled, eventually, members, metrics } from './harness.ts';
import { setPodUsage } from './pod-metrics.ts';
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
    // Read from the status branch's history, not only the members: the rule's first run comes at the
    // next minute boundary after the controller first sees it, which may be seconds after the first apply.
    const path = `bindings/${ns}/deployment.batch.yaml`;
    const first = await eventually('the first placement of batch on the status branch', 120_000, async () => {
      const commits = await gitCli(repo, 'log', '--reverse', '--format=%H', 'flotilla-status', '--', path).catch(
        () => '',
      );
      const oldest = commits.split('\n')[0];
      return oldest ? (YAML.parse(await gitCli(repo, 'show', `${oldest}:${path}`)) as Record<string, any>) : undefined;
    });
    assert.deepEqual(first['spec']['clusters'], [
      { name: 'member1', replicas: 1 },
      { name: 'member2', replicas: 1 },
    ]);
    await eventually('batch 1 and 1 on member1 and member2, unless the rule has run already', 120_000, async () => {
      const r = await Promise.all(pair.map((c) => replicasOn(c, ns, 'batch')));
      if (r[0] === 1 && r[1] === 1) return true;
      return /CronFederatedHPA autoscale-cron\/every-minute, rule up/.test(await statusLog(repo)) ? true : undefined;
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

  it('removing the CronFederatedHPA from git removes its record in one scale commit, and the template replicas come back', async () => {
    await gitCli(repo, 'rm', '--quiet', 'apps/cron.yaml');
    await gitCli(repo, 'commit', '--quiet', '-m', 'Remove the CronFederatedHPA');
    const commit = await eventually('the commit that forgets the CronFederatedHPA', 180_000, async () => {
      const c = (
        await gitCli(
          repo,
          'log',
          '-1',
          '--format=%H',
          '--grep=forget CronFederatedHPA autoscale-cron/every-minute',
          'flotilla-status',
        )
      ).trim();
      return c || undefined;
    });
    assert.match(await gitCli(repo, 'show', '-s', '--format=%B', commit), /^Flotilla-Decision: scale$/m);
    const files = await gitCli(repo, 'ls-tree', '-r', '--name-only', commit);
    assert.doesNotMatch(files, /^cronfederatedhpas\//m);
    await eventually('batch 1 and 1 again (the template replicas)', 120_000, async () => {
      const r = await Promise.all(pair.map((c) => replicasOn(c, ns, 'batch')));
      return r[0] === 1 && r[1] === 1 ? true : undefined;
    });
  });

  it('stops cleanly on SIGTERM', async () => {
    assert.equal(await controller?.stop(), 0, controller?.logs().slice(-2000));
  });
});

const hpaNs = 'autoscale-hpa';
const app = { app: 'web' };
const fhpa = YAML.stringify({
  apiVersion: 'autoscaling.karmada.io/v1alpha1',
  kind: 'FederatedHPA',
  metadata: { name: 'web', namespace: hpaNs },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 2,
    maxReplicas: 6,
    // A 100 % target: on a scale-down a pod without a sample counts as using exactly the target, so a
    // pod metrics-server has not reported yet slows the scale-down but cannot hold it (with 50 %, two
    // such pods of 5 at 10 % give 46 %, within the tolerance: decide-scale.test.ts).
    metrics: [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 100 } } },
    ],
    behavior: {
      scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 2, periodSeconds: 30 }] },
      scaleDown: { stabilizationWindowSeconds: 20, policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    },
  },
});

/** The status branch's scale decisions of the FederatedHPA, oldest first, as [from, to]. */
async function scales(repo: string): Promise<[number, number][]> {
  const subjects = (await statusLog(repo))
    .split('\0')
    .flatMap((m) => [...m.matchAll(/scale Deployment autoscale-hpa\/web from (\d+) to (\d+)/g)])
    .map((m): [number, number] => [Number(m[1]), Number(m[2])]);
  return subjects.reverse();
}

async function dividedAs(want: readonly [number, number]): Promise<true | undefined> {
  const r = await Promise.all(pair.map((c) => replicasOn(c, hpaNs, 'web')));
  return r[0] === want[0] && r[1] === want[1] ? true : undefined;
}

(e2eEnabled ? describe : describe.skip)('FederatedHPA (e2e, real members, metrics-server over kwok)', function () {
  this.timeout(900_000);
  let repo = '';
  let controller: ControllerProcess | undefined;

  before(async function () {
    this.timeout(900_000);
    const { kubeconfig } = await members();
    await metrics();
    for (const c of pair) await setPodUsage(c, hpaNs, app, { cpu: '10m' });
    repo = await fleetRepo('autoscale-hpa', {
      'apps/web.yaml': workloadYaml(hpaNs, 'web', 2, '100m'),
      'apps/web-hpa.yaml': fhpa,
      'policies/web.yaml': policyYaml(hpaNs, 'web', { placement: equalWeights(pair) }),
    });
    controller = startController(repo, kubeconfig, ['--interval', '2s', '--timeout', '10s']);
  });
  after(async () => {
    controller?.kill();
    await removeNamespace(pair, hpaNs);
    removeRepo(repo);
  });

  it('at low load the template replicas hold, divided 1 and 1', async () => {
    await eventually('web 1 and 1', 120_000, () => dividedAs([1, 1]));
  });

  it('raising the emulated CPU scales up within the behavior limits, and the members get the new replicas divided', async () => {
    for (const c of pair) await setPodUsage(c, hpaNs, app, { cpu: '400m' });
    // 2 pods at 400% of their request against 100% would be 8: the Pods policy allows 2 more per 30 s.
    const first = await eventually('a first scale-up commit', 180_000, async () => {
      const s = await scales(repo);
      return s.length > 0 ? s[0] : undefined;
    });
    assert.deepEqual(first, [2, 4]);
    await eventually('web 2 and 2', 120_000, () => dividedAs([2, 2]));
    await eventually('web at maxReplicas: 3 and 3', 240_000, () => dividedAs([3, 3]));
    // The members are applied before the pass writes the status branch: await the record itself.
    const record = await eventually('the record of the scale to 6', 60_000, async () => {
      const text = await gitCli(repo, 'show', `flotilla-status:autoscalers/${hpaNs}/web.yaml`).catch(() => '');
      const r = text ? (YAML.parse(text) as Record<string, any>) : undefined;
      return r?.['status']?.['desiredReplicas'] === 6 ? r : undefined;
    });
    assert.equal(record['status']['currentMetrics'][0]['resource']['name'], 'cpu');
  });

  it('lowering it scales down to minReplicas after the stabilization window; every scale commit changed the count', async () => {
    for (const c of pair) await setPodUsage(c, hpaNs, app, { cpu: '10m' });
    // metrics-server's samples fall over a scrape or two, so a step between 6 and 2 may come first.
    const down = await eventually('a scale-down commit to minReplicas', 480_000, async () => {
      const s = await scales(repo);
      const last = s.at(-1);
      return last !== undefined && last[1] === 2 ? last : undefined;
    });
    assert.ok(down[0] > 2, JSON.stringify(down));
    await eventually('web 1 and 1 again', 120_000, () => dividedAs([1, 1]));
    const all = await scales(repo);
    assert.ok(
      all.every(([from, to]) => from !== to),
      JSON.stringify(all),
    );
    assert.ok(
      all.every(([, to]) => to >= 2 && to <= 6),
      JSON.stringify(all),
    );
  });

  it('stops cleanly on SIGTERM', async () => {
    assert.equal(await controller?.stop(), 0, controller?.logs().slice(-2000));
  });
});
