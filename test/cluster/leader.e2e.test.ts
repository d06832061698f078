/**
 * Two `flotilla controller --leader-elect=true` processes on one fleet repo and one Lease in the
 * harness hub (issue 10): exactly one acts; SIGKILL of the leader hands over within the lease
 * duration, and the new leader finishes the eviction the old one had started.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitCli } from '../git/helpers/workspace.ts';
import { e2eEnabled, eventually, getJson, kubectl, members, startMember, stopMember } from './harness.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const ns = 'leader';
const leaseNs = `flotilla-lease-${process.pid}`;

const fleet = `apiVersion: v1
kind: Namespace
metadata: { name: ${ns} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: worker, namespace: ${ns} }
spec:
  replicas: 4
  selector: { matchLabels: { app: worker } }
  template:
    metadata: { labels: { app: worker } }
    spec: { containers: [{ name: worker, image: registry.example.com/worker:1.0, resources: { requests: { cpu: 100m } } }] }
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: { name: worker, namespace: ${ns} }
spec:
  resourceSelectors: [{ apiVersion: apps/v1, kind: Deployment, name: worker }]
  placement:
    clusterAffinity: { clusterNames: [member2, member3] }
    replicaScheduling:
      replicaSchedulingType: Divided
      replicaDivisionPreference: Weighted
      weightPreference:
        staticWeightList:
          - { targetCluster: { clusterNames: [member2] }, weight: 1 }
          - { targetCluster: { clusterNames: [member3] }, weight: 1 }
`;

interface Proc { readonly name: string; readonly child: ChildProcess; logs: string }

(e2eEnabled ? describe : describe.skip)('flotilla controller: leader election (e2e, Lease in the hub)', function () {
  this.timeout(300_000);
  let kubeconfig = '';
  let repo = '';
  const procs: Proc[] = [];

  function start(name: string): Proc {
    const child = spawn(node, [path.join(root, 'bin', 'flotilla.js'), 'controller', '--repo', repo, '--kubeconfig', kubeconfig, '--hub-context', 'hub',
      '--leader-elect=true', '--lease-namespace', leaseNs, '--lease-duration', '4s', '--identity', name, '--listen', '127.0.0.1:0',
      '--interval', '2s', '--timeout', '5s', '--cluster-failure-threshold', '1s', '--failover-eviction-timeout', '1s', '--graceful-eviction-timeout', '120s'],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    const p: Proc = { name, child, logs: '' };
    child.stderr?.on('data', (d) => (p.logs += String(d)));
    procs.push(p);
    return p;
  }
  const passes = (p: Proc) => p.logs.split('\n').filter((l) => l.includes('"msg":"pass done"')).length;

  before(async function () {
    this.timeout(600_000);
    ({ kubeconfig } = await members());
    await kubectl('hub', 'create', 'namespace', leaseNs);
    repo = mkdtempSync(path.join(os.tmpdir(), 'flotilla-leader-'));
    cpSync(path.join(import.meta.dirname, 'fleet', 'clusters'), path.join(repo, 'clusters'), { recursive: true });
    mkdirSync(path.join(repo, 'apps'));
    writeFileSync(path.join(repo, 'apps', 'worker.yaml'), fleet);
    await gitCli(repo, 'init', '--quiet', '--initial-branch', 'main');
    await gitCli(repo, 'add', '-A');
    await gitCli(repo, 'commit', '--quiet', '-m', 'fleet with worker');
  });
  after(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await startMember('member2').catch(() => undefined);
    await kubectl('hub', 'delete', 'namespace', leaseNs, '--wait=false').catch(() => '');
    rmSync(repo, { recursive: true, force: true });
  });

  it('exactly one of two controllers holds the Lease and acts', async () => {
    const a = start('controller-a');
    await eventually('a leads and applies', 60_000, async () => (passes(a) > 0 && (await getJson('member3', 'deployment', 'worker', '-n', ns)) ? true : undefined));
    const b = start('controller-b');
    await new Promise((r) => setTimeout(r, 6000));
    const lease = await getJson('hub', 'lease', 'flotilla', '-n', leaseNs);
    assert.equal(lease?.['spec']?.['holderIdentity'], 'controller-a');
    assert.equal(passes(b), 0, 'the standby never runs a pass');
    assert.doesNotMatch(b.logs, /became leader/);
  });

  it('killing the leader hands over within the lease duration and the pending eviction finishes', async () => {
    const [a, b] = procs as [Proc, Proc];
    await stopMember('member2');
    await eventually('evict commit by a', 60_000, async () => (/Flotilla-Decision: evict/.test(await gitCli(repo, 'log', '--format=%B', 'flotilla-status')) ? true : undefined));
    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    await eventually('b leads', 30_000, async () => (/became leader/.test(b.logs) ? true : undefined));
    const handover = Date.now() - killedAt;
    assert.ok(handover < 4000 + 2000, `handover took ${handover} ms (lease 4s, retry 0.8s)`);
    await eventually('worker 4 on member3', 60_000, async () => ((await getJson('member3', 'deployment', 'worker', '-n', ns))?.['spec']?.['replicas'] === 4 ? true : undefined));
    await eventually('purge commit', 90_000, async () => (/Flotilla-Decision: purge/.test(await gitCli(repo, 'log', '--format=%B', 'flotilla-status')) ? true : undefined));
    const lease = await getJson('hub', 'lease', 'flotilla', '-n', leaseNs);
    assert.equal(lease?.['spec']?.['holderIdentity'], 'controller-b');
    assert.ok(Number(lease?.['spec']?.['leaseTransitions']) >= 1);
    await startMember('member2');
  });

  it('SIGTERM releases the Lease', async () => {
    const b = procs[1] as Proc;
    const exited = new Promise<number | null>((resolve) => b.child.once('exit', (code) => resolve(code)));
    b.child.kill('SIGTERM');
    assert.equal(await exited, 0, b.logs.slice(-2000));
    const lease = await getJson('hub', 'lease', 'flotilla', '-n', leaseNs);
    assert.equal(lease?.['spec']?.['holderIdentity'] ?? '', '');
  });
});
