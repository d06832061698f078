/**
 * A flapping member (its apiserver stopped and restarted every few seconds) against the
 * controller's flap damping (Karmada's --cluster-failure-threshold): no failover while each outage
 * is shorter than the threshold, so replicas never ping-pong (issue 10).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gitCli } from '../git/helpers/workspace.ts';
import { e2eEnabled, eventually, getJson, members, startMember, stopMember } from './harness.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const ns = 'flap';

const fleet = `apiVersion: v1
kind: Namespace
metadata: { name: ${ns} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: steady, namespace: ${ns} }
spec:
  replicas: 2
  selector: { matchLabels: { app: steady } }
  template:
    metadata: { labels: { app: steady } }
    spec: { containers: [{ name: steady, image: registry.example.com/steady:1.0 }] }
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: { name: steady, namespace: ${ns} }
spec:
  resourceSelectors: [{ apiVersion: apps/v1, kind: Deployment, name: steady }]
  placement:
    clusterAffinity: { clusterNames: [member1, member3] }
    replicaScheduling: { replicaSchedulingType: Duplicated }
`;

(e2eEnabled ? describe : describe.skip)('flotilla controller: a flapping member (e2e, real members)', function () {
  this.timeout(300_000);
  let repo = '';
  let controller: ChildProcess | undefined;
  let logs = '';

  before(async function () {
    this.timeout(600_000);
    const { kubeconfig } = await members();
    repo = mkdtempSync(path.join(os.tmpdir(), 'flotilla-flap-'));
    cpSync(path.join(import.meta.dirname, 'fleet', 'clusters'), path.join(repo, 'clusters'), { recursive: true });
    mkdirSync(path.join(repo, 'apps'));
    writeFileSync(path.join(repo, 'apps', 'steady.yaml'), fleet);
    await gitCli(repo, 'init', '--quiet', '--initial-branch', 'main');
    await gitCli(repo, 'add', '-A');
    await gitCli(repo, 'commit', '--quiet', '-m', 'fleet with steady');
    controller = spawn(node, [path.join(root, 'bin', 'flotilla.js'), 'controller', '--repo', repo, '--kubeconfig', kubeconfig, '--listen', '127.0.0.1:0',
      '--interval', '1s', '--timeout', '3s', '--cluster-failure-threshold', '15s', '--cluster-success-threshold', '5s', '--failover-eviction-timeout', '5s'],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    controller.stderr?.on('data', (d) => (logs += String(d)));
  });
  after(async () => {
    if (controller && controller.exitCode === null) controller.kill('SIGKILL');
    await startMember('member3').catch(() => undefined);
    rmSync(repo, { recursive: true, force: true });
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
    const log = await gitCli(repo, 'log', '--format=%B%x00', 'flotilla-status');
    const failovers = log.split('\u0000').filter((b) => /^Flotilla-Decision: (failover|evict)$/m.test(b)).length;
    assert.equal(failovers, 0, `flapped for ${flapped} ms; status log:\n${log.slice(0, 3000)}`);
    assert.equal((await getJson('member3', 'deployment', 'steady', '-n', ns))?.['spec']?.['replicas'], 2);
    assert.ok(logs.includes('"msg":"pass done"'));
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => controller?.once('exit', (code) => resolve(code)));
    controller?.kill('SIGTERM');
    assert.equal(await exited, 0, logs.slice(-2000));
  });
});
