/**
 * Two `flotilla controller --leader-elect=true` processes on one fleet repo and one Lease in the
 * harness hub (issue 10): exactly one acts; SIGKILL of the leader hands over once its lease has
 * expired (never before: read from the Lease's own times, not the test's clock), and the new leader
 * finishes the eviction the old one had started.
 */
import assert from 'node:assert/strict';
import { gitCli } from '../git/helpers/workspace.ts';
import {
  equalWeights,
  fleetRepo,
  policyYaml,
  removeRepo,
  startController,
  workloadYaml,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, getJson, kubectl, members, startMember, stopMember } from './harness.ts';
const ns = 'leader';
const leaseNs = `flotilla-lease-${process.pid}`;

/** The Lease's duration (`--lease-duration 4s`). */
const leaseMs = 4000;
const leaseTime = (lease: Record<string, any> | undefined, field: 'renewTime' | 'acquireTime') =>
  Date.parse(String(lease?.['spec']?.[field] ?? ''));

const fleet = [
  workloadYaml(ns, 'worker', 4),
  policyYaml(ns, 'worker', { placement: equalWeights(['member2', 'member3']) }),
].join('---\n');

(e2eEnabled ? describe : describe.skip)('flotilla controller: leader election (e2e, Lease in the hub)', function () {
  this.timeout(900_000);
  let kubeconfig = '';
  let repo = '';
  const procs: ControllerProcess[] = [];

  function start(name: string): ControllerProcess {
    const p = startController(repo, kubeconfig, [
      '--hub-context',
      'hub',
      '--leader-elect=true',
      '--lease-namespace',
      leaseNs,
      '--lease-duration',
      '4s',
      '--identity',
      name,
      '--interval',
      '2s',
      '--timeout',
      '5s',
      '--cluster-failure-threshold',
      '1s',
      '--failover-eviction-timeout',
      '1s',
      '--graceful-eviction-timeout',
      '120s',
    ]);
    procs.push(p);
    return p;
  }
  const passes = (p: ControllerProcess) =>
    p
      .logs()
      .split('\n')
      .filter((l) => l.includes('"msg":"pass done"')).length;

  before(async function () {
    this.timeout(600_000);
    ({ kubeconfig } = await members());
    await kubectl('hub', 'create', 'namespace', leaseNs);
    repo = await fleetRepo('leader', { 'apps/worker.yaml': fleet });
  });
  after(async () => {
    for (const p of procs) p.kill();
    await startMember('member2').catch(() => undefined);
    await kubectl('hub', 'delete', 'namespace', leaseNs, '--wait=false').catch(() => '');
    removeRepo(repo);
  });

  it('exactly one of two controllers holds the Lease and acts', async () => {
    const a = start('controller-a');
    await eventually('a leads and applies', 180_000, async () =>
      passes(a) > 0 && (await getJson('member3', 'deployment', 'worker', '-n', ns)) ? true : undefined,
    );
    const b = start('controller-b');
    const seen = await eventually('b stands by for a', 180_000, async () =>
      b.entries().find((e) => e['msg'] === 'standing by' && e['holder'] === 'controller-a'),
    );
    // b takes the Lease over only after seeing no renewal for a lease duration: once a has renewed a full
    // duration after b first looked, b has had every chance to take over wrongly.
    const lease = await eventually('a renews a lease duration after b looked', 120_000, async () => {
      const l = await getJson('hub', 'lease', 'flotilla', '-n', leaseNs);
      return leaseTime(l, 'renewTime') > Number(seen['time']) + leaseMs ? l : undefined;
    });
    assert.equal(lease['spec']?.['holderIdentity'], 'controller-a');
    assert.equal(passes(b), 0, 'the standby never runs a pass');
    assert.doesNotMatch(b.logs(), /became leader/);
  });

  it('killing the leader hands over once its lease has expired and the pending eviction finishes', async () => {
    const [a, b] = procs as [ControllerProcess, ControllerProcess];
    await stopMember('member2');
    await eventually('evict commit by a', 180_000, async () =>
      /Flotilla-Decision: evict/.test(await gitCli(repo, 'log', '--format=%B', 'flotilla-status')) ? true : undefined,
    );
    a.kill();
    await a.exited;
    // a's last renewal: a is gone, and b waits out the lease before it writes.
    const last = await getJson('hub', 'lease', 'flotilla', '-n', leaseNs);
    await eventually('b leads', 180_000, async () => (/became leader/.test(b.logs()) ? true : undefined));
    const taken = await getJson('hub', 'lease', 'flotilla', '-n', leaseNs);
    assert.equal(taken?.['spec']?.['holderIdentity'], 'controller-b');
    // Never two leaders: b's acquireTime is at least a lease after a's last renewal (less one read, as b
    // times the lease from just before the read that saw the renewal).
    const gap = leaseTime(taken, 'acquireTime') - leaseTime(last, 'renewTime');
    assert.ok(gap >= leaseMs - 1000, `b took the Lease ${gap} ms after a's last renewal (lease ${leaseMs} ms)`);
    await eventually('worker 4 on member3', 180_000, async () =>
      (await getJson('member3', 'deployment', 'worker', '-n', ns))?.['spec']?.['replicas'] === 4 ? true : undefined,
    );
    await eventually('purge commit', 180_000, async () =>
      /Flotilla-Decision: purge/.test(await gitCli(repo, 'log', '--format=%B', 'flotilla-status')) ? true : undefined,
    );
    const lease = await getJson('hub', 'lease', 'flotilla', '-n', leaseNs);
    assert.equal(lease?.['spec']?.['holderIdentity'], 'controller-b');
    assert.ok(Number(lease?.['spec']?.['leaseTransitions']) >= 1);
    await startMember('member2');
  });

  it('SIGTERM releases the Lease', async () => {
    const b = procs[1] as ControllerProcess;
    assert.equal(await b.stop(), 0, b.logs().slice(-2000));
    const lease = await getJson('hub', 'lease', 'flotilla', '-n', leaseNs);
    assert.equal(lease?.['spec']?.['holderIdentity'] ?? '', '');
  });
});
