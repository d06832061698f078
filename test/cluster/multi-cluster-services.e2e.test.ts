/**
 * Multi-cluster services against real members (issue 18): kwok gives member pods IPs and each
 * member's kube-controller-manager builds their EndpointSlices; the controller's service step
 * copies them into the consumers. ServiceExport/ServiceImport: derived Service, scaling, a second
 * provider, a stopped provider held for the failover grace and then dropped, pruning exactly what
 * flotilla wrote. MultiClusterService: the Service and the dispatched slices on the consumers.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gitCli } from '../git/helpers/workspace.ts';
import {
  flotilla,
  fleetRepo,
  removeRepo,
  startController,
  workloadYaml,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, getJson, members, startMember, stopMember } from './harness.ts';
import { copiedIps, kubectlApply, mcsCrds, placeYaml, podIps, serviceYaml, slicesOf } from './mcs-fixtures.ts';

const ns = 'mcs';
const exportYaml = `apiVersion: multicluster.x-k8s.io/v1alpha1\nkind: ServiceExport\nmetadata: {name: web, namespace: ${ns}}\n`;
const importYaml = `apiVersion: multicluster.x-k8s.io/v1alpha1\nkind: ServiceImport\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  type: ClusterSetIP\n  ports: [{name: http, port: 80, protocol: TCP}]\n`;
const providerPolicy = (clusters: readonly string[]) =>
  placeYaml(ns, 'web', clusters, [
    { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    { apiVersion: 'v1', kind: 'Service', name: 'web' },
    { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', name: 'web' },
  ]);
const consumerPolicy = placeYaml(
  ns,
  'web-import',
  ['member2'],
  [{ apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport', name: 'web' }],
);
// A foreign slice for the derived Service on the consumer: flotilla must never touch it.
const foreignSlice = `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: hand-made\n  namespace: ${ns}\n  labels: {kubernetes.io/service-name: derived-web}\naddressType: IPv4\nendpoints: [{addresses: [192.0.2.1]}]\n`;

async function commit(repo: string, files: Readonly<Record<string, string | null>>, message: string): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    if (text === null) rmSync(path.join(repo, file), { force: true });
    else writeFileSync(path.join(repo, file), text);
  }
  await gitCli(repo, 'add', '-A');
  await gitCli(repo, 'commit', '--quiet', '-m', message);
}

(e2eEnabled ? describe : describe.skip)('flotilla controller: multi-cluster services (e2e, real members)', function () {
  this.timeout(600_000);
  let repo = '';
  let controller: ControllerProcess | undefined;
  const statusFile = async (file: string) => gitCli(repo, 'show', `flotilla-status:${file}`).catch(() => '');
  const sameIps = sameIpsIn;

  before(async function () {
    this.timeout(600_000);
    const { kubeconfig } = await members();
    // Karmada's guide installs the mcs-api CRDs on every member; so does this test.
    for (const m of ['member1', 'member2', 'member3']) await kubectlApply(m, mcsCrds);
    repo = await fleetRepo('mcs', {
      'apps/web.yaml': `${workloadYaml(ns, 'web', 2)}---\n${serviceYaml(ns, 'web')}---\n${exportYaml}---\n${importYaml}`,
      'policies/web.yaml': providerPolicy(['member1']),
      'policies/web-import.yaml': consumerPolicy,
    });
    controller = startController(repo, kubeconfig, [
      '--interval',
      '1s',
      '--timeout',
      '20s',
      '--cluster-failure-threshold',
      '2s',
      '--cluster-success-threshold',
      '2s',
      '--cluster-monitor-grace-period',
      '20s',
      '--failover-eviction-timeout',
      '10s',
      '--graceful-eviction-timeout',
      '120s',
    ]);
  });
  after(async () => {
    controller?.kill();
    await startMember('member1').catch(() => undefined);
    removeRepo(repo);
  });

  it("member2 gets derived-web and an EndpointSlice with member1's pod IPs", async () => {
    await sameIps(
      'member1 pod IPs on member2',
      () => podIps('member1', ns, 'web'),
      () => copiedIps('member2', ns, 'derived-web', 'member1'),
      2,
    );
    const svc = await getJson('member2', 'service', 'derived-web', '-n', ns);
    assert.equal(svc?.['spec']?.['type'], 'ClusterIP');
    assert.deepEqual(
      svc?.['spec']?.['ports']?.map((p: { port: number }) => p.port),
      [80],
    );
    const slices = await slicesOf('member2', ns, 'derived-web');
    for (const [name, s] of slices) {
      assert.match(name, /^imported-member1-/);
      assert.equal(s.labels['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.karmada.io');
      assert.equal(s.labels['app.kubernetes.io/managed-by'], 'flotilla');
    }
    const summary = await eventually('service summary', 120_000, async () => {
      const t = await statusFile(`services/${ns}/serviceexport.web.yaml`);
      return /endpoints: 2/.test(t) ? t : undefined;
    });
    assert.match(summary, /cluster: member1/);
    assert.match(summary, /consumers:\n\s+- member2/);
    assert.doesNotMatch(summary, /\d+\.\d+\.\d+\.\d+/, 'no endpoint address reaches git');
    const { kubeconfig } = await members();
    const status = await flotilla('status', '--repo', repo, '--kubeconfig', kubeconfig, '-o', 'json');
    assert.deepEqual(
      JSON.parse(status.stdout).services,
      [
        {
          source: 'ServiceExport',
          namespace: ns,
          name: 'web',
          providers: [{ cluster: 'member1', reachable: true, endpoints: 2, ready: 2 }],
          consumers: ['member2'],
        },
      ],
      status.stderr,
    );
    const table = await flotilla('status', '--repo', repo, '--kubeconfig', kubeconfig);
    assert.match(table.stdout, /mcs\s+web\s+ServiceExport\s+member1:2\/2\s+member2/);
  });

  it("scaling member1's pods updates member2's slice", async () => {
    await commit(
      repo,
      {
        'apps/web.yaml': `${workloadYaml(ns, 'web', 3)}---\n${serviceYaml(ns, 'web')}---\n${exportYaml}---\n${importYaml}`,
      },
      'web: 3 replicas',
    );
    await sameIps(
      '3 member1 pod IPs on member2',
      () => podIps('member1', ns, 'web'),
      () => copiedIps('member2', ns, 'derived-web', 'member1'),
      3,
    );
  });

  it('a second provider adds its endpoints', async () => {
    await commit(repo, { 'policies/web.yaml': providerPolicy(['member1', 'member3']) }, 'web: member3 provides too');
    await sameIps(
      'member3 pod IPs on member2',
      () => podIps('member3', ns, 'web'),
      () => copiedIps('member2', ns, 'derived-web', 'member3'),
      3,
    );
    assert.equal((await copiedIps('member2', ns, 'derived-web', 'member1')).length, 3);
  });

  it("a stopped provider's endpoints stay through the failover grace, then go", async () => {
    await kubectlApply('member2', foreignSlice);
    await stopMember('member1');
    try {
      await heldThenDropped();
    } finally {
      await startMember('member1');
    }
  });

  async function heldThenDropped(): Promise<void> {
    const held = await eventually('member1 unreachable in the summary', 120_000, async () => {
      const t = await statusFile(`services/${ns}/serviceexport.web.yaml`);
      return /reachable: false\n\s+pastGrace: false/.test(t) ? t : undefined;
    });
    assert.match(held, /cluster: member1/);
    assert.equal((await copiedIps('member2', ns, 'derived-web', 'member1')).length, 3, 'held within the grace');
    await eventually('member1 copies removed after the grace', 120_000, async () =>
      (await copiedIps('member2', ns, 'derived-web', 'member1')).length === 0 ? true : undefined,
    );
    // The pass that removes them is the one that adds the NoExecute taint; its status commit comes at the end of that pass.
    await eventually('NoExecute taint on member1', 120_000, async () =>
      /effect: NoExecute/.test(await statusFile('clusters/member1.yaml')) ? true : undefined,
    );
    const commits = (await gitCli(repo, 'log', '--format=%H', 'flotilla-status')).trim().split('\n').reverse();
    const heldRe = /cluster: member1\n\s+reachable: false\n\s+pastGrace: false/;
    const firstHeld = await firstCommitWith(commits, `services/${ns}/serviceexport.web.yaml`, heldRe);
    const afterHeld = commits.slice(commits.indexOf(firstHeld ?? '') + 1);
    // Past the grace, the summary shows member1 pastGrace: true, or no longer lists it (its ServiceExport was evicted in the same pass).
    const dropped = await firstCommitWith(afterHeld, `services/${ns}/serviceexport.web.yaml`, heldRe, false);
    assert.ok(firstHeld !== undefined && dropped !== undefined);
    assert.equal(
      dropped,
      await firstCommitWith(commits, 'clusters/member1.yaml', /effect: NoExecute/),
      'member1 is dropped in the status commit that adds its NoExecute taint',
    );
    assert.equal((await copiedIps('member2', ns, 'derived-web', 'member3')).length, 3);
  }

  /** The first of `commits` whose `file` matches `re` (or, with matches false, does not). */
  async function firstCommitWith(
    commits: readonly string[],
    file: string,
    re: RegExp,
    matches = true,
  ): Promise<string | undefined> {
    for (const c of commits)
      if (re.test(await gitCli(repo, 'show', `${c}:${file}`).catch(() => '')) === matches) return c;
    return undefined;
  }

  it('deleting the export and import prunes exactly what flotilla wrote', async () => {
    await commit(
      repo,
      {
        'apps/web.yaml': `${workloadYaml(ns, 'web', 3)}---\n${serviceYaml(ns, 'web')}`,
        'policies/web-import.yaml': null,
      },
      'web: no longer exported',
    );
    await eventually('derived Service pruned', 120_000, async () =>
      (await getJson('member2', 'service', 'derived-web', '-n', ns)) === undefined ? true : undefined,
    );
    await eventually('copied slices pruned', 120_000, async () => {
      const left = [...(await slicesOf('member2', ns, 'derived-web')).keys()];
      return JSON.stringify(left) === JSON.stringify(['hand-made']) ? true : undefined;
    });
    await eventually('summary removed', 120_000, async () =>
      (await statusFile(`services/${ns}/serviceexport.web.yaml`)) === '' ? true : undefined,
    );
  });

  it("a MultiClusterService dispatches member1's slices and the Service to its consumers, and is pruned with it", async () => {
    const mcs = `apiVersion: networking.karmada.io/v1alpha1\nkind: MultiClusterService\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  types: [CrossCluster]\n  providerClusters: [{name: member1}]\n  consumerClusters: [{name: member2}, {name: member3}]\n`;
    await commit(repo, { 'policies/web.yaml': providerPolicy(['member1']) }, 'web: member1 alone provides');
    await eventually('the plan prunes Service web from member3', 120_000, async () =>
      (await getJson('member3', 'service', 'web', '-n', ns)) === undefined ? true : undefined,
    );
    // A Service web on member3 that flotilla does not own: never touched, yet member3 still gets the dispatched slices.
    await kubectlApply(
      'member3',
      `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: ${ns}, labels: {owner: someone-else}}\nspec:\n  ports: [{port: 81}]\n`,
    );
    await commit(repo, { 'apps/mcs.yaml': mcs }, 'web: a MultiClusterService');
    await sameIps(
      'member1 pod IPs dispatched to member2',
      () => podIps('member1', ns, 'web'),
      () => copiedIps('member2', ns, 'web', 'member1'),
      3,
    );
    await sameIps(
      'member1 pod IPs dispatched to member3',
      () => podIps('member1', ns, 'web'),
      () => copiedIps('member3', ns, 'web', 'member1'),
      3,
    );
    const foreign = await getJson('member3', 'service', 'web', '-n', ns);
    assert.deepEqual(
      [foreign?.['metadata']?.['labels'], foreign?.['spec']?.['ports']?.map((p: { port: number }) => p.port)],
      [{ owner: 'someone-else' }, [81]],
    );
    // The dispatch is logged after it returns, and the log reaches this process later still: await the line.
    await eventually("member3's dispatch warning in the log", 120_000, async () =>
      /"level":40,.*"msg":"multi-cluster services dispatched","cluster":"member3".*Service mcs\/web exists and is not flotilla's; left as it is/.test(
        controller?.logs() ?? '',
      )
        ? true
        : undefined,
    );
    const slices = await slicesOf('member2', ns, 'web');
    assert.ok(
      [...slices.keys()].some((n) => /^member1-/.test(n)),
      [...slices.keys()].join(','),
    );
    const svc = await getJson('member2', 'service', 'web', '-n', ns);
    assert.equal(svc?.['metadata']?.['annotations']?.['flotilla.io/binding'], `${ns}/web-multiclusterservice`);
    await commit(repo, { 'apps/mcs.yaml': null }, 'web: MultiClusterService removed');
    await eventually('dispatched Service and slices pruned', 120_000, async () => {
      const gone =
        (await getJson('member2', 'service', 'web', '-n', ns)) === undefined &&
        (await copiedIps('member2', ns, 'web', 'member1')).length === 0;
      return gone ? true : undefined;
    });
    assert.deepEqual([...(await slicesOf('member2', ns, 'derived-web')).keys()], ['hand-made']);
    await eventually('member3 copies pruned', 120_000, async () =>
      (await copiedIps('member3', ns, 'web', 'member1')).length === 0 ? true : undefined,
    );
    assert.deepEqual((await getJson('member3', 'service', 'web', '-n', ns))?.['metadata']?.['labels'], {
      owner: 'someone-else',
    });
  });

  it('stops cleanly', async () => {
    assert.equal(await controller?.stop(), 0, controller?.logs().slice(-3000));
  });
});

(e2eEnabled ? describe : describe.skip)(
  'flotilla controller --shards 2: multi-cluster services (e2e, real members)',
  function () {
    this.timeout(600_000);
    const sns = 'mcs-shards';
    let repo = '';
    const shards: ControllerProcess[] = [];

    before(async function () {
      this.timeout(600_000);
      const { kubeconfig } = await members();
      for (const m of ['member1', 'member2', 'member3']) await kubectlApply(m, mcsCrds);
      repo = await fleetRepo('mcs-shards', {
        'apps/web.yaml': `${workloadYaml(sns, 'web', 2)}---\n${serviceYaml(sns, 'web')}---\n${exportYaml.replaceAll(ns, sns)}---\n${importYaml.replaceAll(ns, sns)}`,
        'policies/web.yaml': providerPolicy(['member1']).replaceAll(ns, sns),
        'policies/web-import.yaml': placeYaml(
          sns,
          'web-import',
          ['member2', 'member3'],
          [{ apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport', name: 'web' }],
        ),
      });
      for (const index of [0, 1])
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
          ]),
        );
    });
    after(() => {
      for (const s of shards) s.kill();
      removeRepo(repo);
    });

    it("shard 0 collects from and dispatches to every member, its own and the worker's; the worker does neither", async () => {
      for (const consumer of ['member2', 'member3']) {
        await sameIpsIn(
          `member1 pod IPs on ${consumer}`,
          () => podIps('member1', sns, 'web'),
          () => copiedIps(consumer, sns, 'derived-web', 'member1'),
        );
      }
      const [decider, worker] = shards as [ControllerProcess, ControllerProcess];
      // Whole log lines only (entries()); a dispatch is logged after it returns, so await both consumers' lines.
      const dispatchedTo = (s: ControllerProcess) =>
        new Set(
          s
            .entries()
            .filter((e) => e['msg'] === 'multi-cluster services dispatched')
            .map((e) => String(e['cluster'])),
        );
      await eventually('the decider logs both dispatches', 120_000, async () =>
        ['member2', 'member3'].every((c) => dispatchedTo(decider).has(c)) ? true : undefined,
      );
      assert.deepEqual([...dispatchedTo(decider)].sort(), ['member2', 'member3']);
      assert.deepEqual([...dispatchedTo(worker)], []);
    });

    it('both shards stop cleanly', async () => {
      for (const s of shards) assert.equal(await s.stop(), 0, s.logs().slice(-2000));
    });
  },
);

/** Waits until a member's copied addresses equal the provider's pod IPs (at least `min` of them). */
function sameIpsIn(
  what: string,
  want: () => Promise<string[]>,
  got: () => Promise<string[]>,
  min = 2,
): Promise<string[]> {
  return eventually(what, 120_000, async () => {
    const [w, g] = await Promise.all([want(), got()]);
    return w.length >= min && JSON.stringify(w) === JSON.stringify(g) ? g : undefined;
  });
}
