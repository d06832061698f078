/**
 * Application failover against real members (issue 10): an OverridePolicy gives member1's copy a
 * nodeSelector no simulated node has, so its pods stay Pending and the Deployment is Unhealthy
 * there (InterpretHealth); after `decisionConditions.tolerationSeconds` the controller evicts
 * member1, the replicas move to member3, and once they are healthy the old copy is purged.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitCli } from '../git/helpers/workspace.ts';
import { e2eEnabled, eventually, getJson, members } from './harness.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const ns = 'appfail';

const fleet = `apiVersion: v1
kind: Namespace
metadata: { name: ${ns} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: ${ns} }
spec:
  replicas: 4
  selector: { matchLabels: { app: app } }
  template:
    metadata: { labels: { app: app } }
    spec: { containers: [{ name: app, image: registry.example.com/app:1.0, resources: { requests: { cpu: 100m } } }] }
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: { name: app, namespace: ${ns} }
spec:
  resourceSelectors: [{ apiVersion: apps/v1, kind: Deployment, name: app }]
  propagateDeps: true
  failover:
    application:
      decisionConditions: { tolerationSeconds: 3 }
      purgeMode: Gracefully
      gracePeriodSeconds: 120
  placement:
    clusterAffinity: { clusterNames: [member1, member3] }
    replicaScheduling:
      replicaSchedulingType: Divided
      replicaDivisionPreference: Weighted
      weightPreference:
        staticWeightList:
          - { targetCluster: { clusterNames: [member1] }, weight: 1 }
          - { targetCluster: { clusterNames: [member3] }, weight: 1 }
---
# member1's pods can never be scheduled: the workload is Unhealthy there.
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
`;

(e2eEnabled ? describe : describe.skip)('flotilla controller: application failover (e2e, real members)', function () {
  this.timeout(300_000);
  let kubeconfig = '';
  let repo = '';
  let controller: ChildProcess | undefined;
  let logs = '';

  before(async function () {
    this.timeout(600_000);
    ({ kubeconfig } = await members());
    repo = mkdtempSync(path.join(os.tmpdir(), 'flotilla-appfail-'));
    cpSync(path.join(import.meta.dirname, 'fleet', 'clusters'), path.join(repo, 'clusters'), { recursive: true });
    mkdirSync(path.join(repo, 'apps'));
    writeFileSync(path.join(repo, 'apps', 'app.yaml'), fleet);
    await gitCli(repo, 'init', '--quiet', '--initial-branch', 'main');
    await gitCli(repo, 'add', '-A');
    await gitCli(repo, 'commit', '--quiet', '-m', 'fleet with app');
    controller = spawn(node, [path.join(root, 'bin', 'flotilla.js'), 'controller', '--repo', repo, '--kubeconfig', kubeconfig, '--listen', '127.0.0.1:0',
      '--interval', '1s', '--timeout', '5s'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    controller.stderr?.on('data', (d) => (logs += String(d)));
  });
  after(() => {
    if (controller && controller.exitCode === null) controller.kill('SIGKILL');
    rmSync(repo, { recursive: true, force: true });
  });

  const statusLog = async () => gitCli(repo, 'log', '--format=%B%x00', 'flotilla-status').catch(() => '');

  it('a workload unhealthy on one member past tolerationSeconds moves to the other, and the old copy is purged', async () => {
    await eventually('app 2/2 applied, Pending on member1', 60_000, async () => {
      const m1 = await getJson('member1', 'deployment', 'app', '-n', ns);
      const m3 = await getJson('member3', 'deployment', 'app', '-n', ns);
      return m1?.['spec']?.['replicas'] === 2 && m3?.['status']?.['readyReplicas'] === 2 ? true : undefined;
    });
    const evicted = await eventually('evict commit', 90_000, async () => {
      const log = await statusLog();
      return /Flotilla-Decision: evict/.test(log) ? log : undefined;
    });
    assert.match(evicted, /evict 1 binding from member1 \(unhealthy since/);
    assert.match(evicted, /tolerationSeconds 3/);
    await eventually('all 4 replicas ready on member3', 60_000, async () => {
      const m3 = await getJson('member3', 'deployment', 'app', '-n', ns);
      return m3?.['spec']?.['replicas'] === 4 && m3?.['status']?.['readyReplicas'] === 4 ? true : undefined;
    });
    await eventually('purge commit', 60_000, async () => (/Flotilla-Decision: purge/.test(await statusLog()) ? true : undefined));
    await eventually('old copy pruned from member1', 60_000, async () => ((await getJson('member1', 'deployment', 'app', '-n', ns)) === undefined ? true : undefined));
    assert.doesNotMatch(await statusLog(), /Flotilla-Decision: failover/, 'no cluster was failed over: only the application');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => controller?.once('exit', (code) => resolve(code)));
    controller?.kill('SIGTERM');
    assert.equal(await exited, 0, logs.slice(-2000));
  });
});
