/**
 * A Cluster removed from the fleet repo (issue 24, item 7): flotilla keeps its objects (it never
 * prunes a cluster it cannot plan for), but says so on every pass (warn log, metric, status
 * branch, `flotilla status`). The documented clean-up works on real members: add the Cluster
 * back with the taint flotilla.io/decommission:NoExecute until its objects are pruned, remove
 * it again, and delete its status file to acknowledge.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitCli } from '../git/helpers/workspace.ts';
import {
  equalWeights,
  flotilla,
  fleetRepo,
  policyYaml,
  removeRepo,
  startController,
  workloadYaml,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, getJson, members } from './harness.ts';
const ns = 'removedcluster';

const fleet = [
  workloadYaml(ns, 'web', 3),
  policyYaml(ns, 'web', { placement: equalWeights(['member1', 'member2', 'member3']) }),
].join('---\n');
const web = async (ctx: string) => getJson(ctx, 'deployment', 'web', '-n', ns);
const member3Yaml = readFileSync(path.join(import.meta.dirname, 'fleet', 'clusters', 'member3.yaml'), 'utf8');

(e2eEnabled ? describe : describe.skip)('faults: a Cluster removed from git (e2e, real members)', function () {
  this.timeout(600_000);
  let repo = '';
  let kubeconfig = '';
  let controller: ControllerProcess | undefined;

  before(async function () {
    this.timeout(600_000);
    ({ kubeconfig } = await members());
    repo = await fleetRepo('removed', { 'apps/web.yaml': fleet });
    controller = startController(repo, kubeconfig, [
      '--interval',
      '1s',
      '--timeout',
      '20s',
      '--cluster-failure-threshold',
      '2s',
      '--cluster-success-threshold',
      '2s',
      '--failover-eviction-timeout',
      '2s',
      '--graceful-eviction-timeout',
      '30s',
    ]);
  });
  after(async () => {
    controller?.kill();
    removeRepo(repo);
  });

  const commit = async (message: string) => {
    await gitCli(repo, 'add', '-A');
    await gitCli(repo, 'commit', '--quiet', '-m', message);
  };
  const statusFile = () => gitCli(repo, 'show', 'flotilla-status:clusters/member3.yaml').catch(() => '');
  // Whole log lines only (entries()): the last chunk read from the pipe may end mid-line.
  const warnings = () =>
    (controller?.entries() ?? []).filter(
      (e) => String(e['msg']).startsWith('cluster removed from the fleet repo') && e['cluster'] === 'member3',
    );

  it("keeps the removed cluster's objects and warns on every pass: log, metric, status branch, flotilla status", async () => {
    await eventually('web on all three members', 120_000, async () =>
      (await Promise.all(['member1', 'member2', 'member3'].map(web))).every((d) => d !== undefined) ? true : undefined,
    );
    await gitCli(repo, 'rm', '--quiet', 'clusters/member3.yaml');
    await commit('Remove member3');
    await eventually('member3 marked removed on the status branch', 120_000, async () =>
      /removed:\n\s+since: /.test(await statusFile()) ? true : undefined,
    );
    await eventually('a warning on three passes', 120_000, async () => (warnings().length >= 3 ? true : undefined));
    assert.ok(
      warnings().every((e) => e['level'] === 40),
      'at warn level',
    );
    assert.ok(await web('member3'), "the removed cluster's objects are kept");
    // Argo CD and Flux consumers keep them too: the rendered folder stays as it was.
    assert.match(
      await gitCli(repo, 'show', `flotilla-rendered:clusters/member3/${ns}/deployment-web.yaml`),
      /kind: Deployment/,
    );
    const listen = /"listen":"([^"]+)"/.exec(controller?.logs() ?? '')?.[1] ?? '';
    assert.match(
      await (await fetch(`http://${listen}/metrics`)).text(),
      /^flotilla_cluster_removed\{cluster="member3"\} 1$/m,
    );
    const st = await flotilla('status', '--repo', repo, '--kubeconfig', kubeconfig, '--observe=false');
    assert.match(st.stderr, /warning: cluster member3 was removed from the fleet repo/);
  });

  it('the documented clean-up: back with flotilla.io/decommission:NoExecute prunes its objects; removed again and acknowledged, the warnings stop', async () => {
    writeFileSync(
      path.join(repo, 'clusters', 'member3.yaml'),
      `${member3Yaml}  taints:\n    - key: flotilla.io/decommission\n      effect: NoExecute\n`,
    );
    await commit('Decommission member3');
    await eventually('web pruned from member3', 120_000, async () =>
      (await web('member3')) === undefined ? true : undefined,
    );
    // The prune happens mid-pass, before the pass writes the status branch: until it does, the
    // file still carries the first removal's marker, which the check below would mistake for the second.
    await eventually('member3 declared again on the status branch', 120_000, async () => {
      const file = await statusFile();
      return /^name: member3$/m.test(file) && !/removed:/.test(file) ? true : undefined;
    });
    await gitCli(repo, 'rm', '--quiet', 'clusters/member3.yaml');
    await commit('Remove member3 again');
    await eventually('member3 marked removed again', 120_000, async () =>
      /removed:/.test(await statusFile()) ? true : undefined,
    );
    const worktree = path.join(os.tmpdir(), `flotilla-removed-ack-${process.pid}`);
    await gitCli(repo, 'worktree', 'add', '--quiet', worktree, 'flotilla-status');
    try {
      await gitCli(worktree, 'rm', '--quiet', 'clusters/member3.yaml');
      await gitCli(worktree, 'commit', '--quiet', '-m', 'member3 is cleaned up');
    } finally {
      await gitCli(repo, 'worktree', 'remove', '--force', worktree);
    }
    const before = warnings().length;
    const passes = () => (controller?.logs() ?? '').split('\n').filter((l) => l.includes('"pass done"')).length;
    const from = passes();
    await eventually('three more passes', 120_000, async () => (passes() >= from + 3 ? true : undefined));
    assert.equal(await statusFile(), '', 'the acknowledged file stays deleted');
    assert.ok(warnings().length - before <= 1, 'no more warnings once acknowledged');
    assert.equal(await controller?.stop(), 0, controller?.logs().slice(-2000));
  });
});
