/**
 * Issue 24 item 8: a revision that would empty a member (a force-push of a fleet without
 * templates) is held there, nothing applied or pruned, with reason PruneGuard and a non-zero exit,
 * until confirmed with --allow-mass-prune: for `flotilla apply`, `flotilla reconcile --once
 * --kubeconfig` and `flotilla controller`, which share reconcileCluster.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { gitCli } from '../git/helpers/workspace.ts';
import { fleetRepo, removeRepo, startController, type ControllerProcess } from './controller-rig.ts';
import {
  configMapPolicyYaml,
  configMapsYaml,
  flotillaWith,
  namespaceYaml,
  orphanedConfigMaps,
  writeFleet,
} from './faults-rig.ts';
import { e2eEnabled, eventually, members } from './harness.ts';

const all = ['member1', 'member2', 'member3'];
const names = ['a', 'b', 'c'];

interface ApplyReport {
  clusters: { cluster: string; ok: boolean; reason: string; message: string; pruned: unknown[] }[];
}

/** The ConfigMaps of `ns` flotilla holds on each member, by member. */
async function held(ns: string): Promise<string[][]> {
  return Promise.all(all.map((m) => orphanedConfigMaps(m, ns, new Set())));
}

(e2eEnabled ? describe : describe.skip)('faults: the mass-prune guard (e2e)', function () {
  this.timeout(300_000);
  let kubeconfig = '';
  const repos: string[] = [];
  let controller: ControllerProcess | undefined;
  const fleet = (ns: string) => ({
    'apps/namespace.yaml': namespaceYaml(ns),
    'apps/configmaps.yaml': configMapsYaml(ns, names),
    'policies/configmaps.yaml': configMapPolicyYaml(ns, all),
  });
  /** A fleet repo putting ConfigMaps a, b, c of `ns` on every member, and `flotilla apply` of it. */
  async function applied(
    ns: string,
  ): Promise<{ repo: string; apply: (...more: string[]) => ReturnType<typeof flotillaWith> }> {
    const repo = await fleetRepo(ns, fleet(ns));
    repos.push(repo);
    const apply = (...more: string[]) =>
      flotillaWith({}, 'apply', '--repo', repo, '--kubeconfig', kubeconfig, '-o', 'json', ...more);
    assert.equal((await apply()).code, 0);
    assert.deepEqual(await held(ns), [names, names, names]);
    return { repo, apply };
  }

  before(async () => {
    ({ kubeconfig } = await members());
  });
  after(() => {
    controller?.kill();
    for (const r of repos) removeRepo(r);
  });

  it('flotilla apply: an empty fleet is held on every member (exit 1, PruneGuard) until --allow-mass-prune', async () => {
    const ns = 'faults-guard-apply';
    const { repo, apply } = await applied(ns);

    for (const dir of ['apps', 'policies']) rmSync(path.join(repo, dir), { recursive: true, force: true });
    const r = await apply();
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as ApplyReport;
    assert.deepEqual(
      report.clusters.map((c) => [c.cluster, c.ok, c.reason]),
      all.map((m) => [m, false, 'PruneGuard']),
    );
    for (const c of report.clusters) assert.deepEqual(c.pruned, [], c.cluster);
    assert.match(
      r.stderr,
      /would delete all of the 3 objects flotilla owns on member1, leaving nothing there.*--allow-mass-prune/,
    );
    assert.deepEqual(await held(ns), [names, names, names], 'nothing was pruned');

    const confirmed = await apply('--allow-mass-prune');
    assert.equal(confirmed.code, 0, confirmed.stderr);
    assert.deepEqual(await held(ns), [[], [], []]);
  });

  it('a stricter --max-prune-share holds a revision that drops most objects', async () => {
    const ns = 'faults-guard-share';
    const { repo, apply } = await applied(ns);
    writeFleet(repo, { 'apps/configmaps.yaml': configMapsYaml(ns, ['a']) });
    const strict = await apply('--max-prune-share', '50%');
    assert.equal(strict.code, 1, strict.stderr);
    assert.match(strict.stderr, /PruneGuard: revision .* would delete 2 \(66.7%, more than --max-prune-share 50%\)/);
    const normal = await apply();
    assert.equal(normal.code, 0, normal.stderr);
    assert.deepEqual(await held(ns), [['a'], ['a'], ['a']]);
    writeFleet(repo, { 'apps/configmaps.yaml': undefined });
    assert.equal((await apply('--allow-mass-prune')).code, 0);
  });

  it('flotilla reconcile --once --kubeconfig and flotilla controller hold it too; reconcile --once --allow-mass-prune confirms', async () => {
    const ns = 'faults-guard-git';
    const repo = await fleetRepo('faults-guard-git', fleet(ns));
    repos.push(repo);
    const once = (...more: string[]) =>
      flotillaWith({}, 'reconcile', '--repo', repo, '--once', '--kubeconfig', kubeconfig, '-o', 'json', ...more);
    const first = await once();
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(await held(ns), [names, names, names]);

    await gitCli(repo, 'rm', '-r', '--quiet', 'apps', 'policies');
    await gitCli(repo, 'commit', '--quiet', '-m', 'force-push: a fleet without templates');
    const r = await once();
    assert.equal(r.code, 1, r.stderr);
    const pass = JSON.parse(r.stdout) as ApplyReport;
    assert.deepEqual(
      pass.clusters.map((c) => [c.cluster, c.ok, c.reason]),
      all.map((m) => [m, false, 'PruneGuard']),
    );
    assert.deepEqual(await held(ns), [names, names, names], 'reconcile pruned nothing');

    controller = startController(repo, kubeconfig, ['--interval', '1s']);
    const c = controller;
    await eventually('the controller holds the members', 120_000, async () =>
      /"reason":"PruneGuard"/.test(c.logs()) ? true : undefined,
    );
    assert.equal(await c.stop(), 0);
    controller = undefined;
    assert.deepEqual(await held(ns), [names, names, names], 'the controller pruned nothing');

    const confirmed = await once('--allow-mass-prune');
    assert.equal(confirmed.code, 0, confirmed.stderr);
    assert.deepEqual(await held(ns), [[], [], []]);
  });
});
