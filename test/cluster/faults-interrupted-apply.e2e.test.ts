/**
 * Issue 24 item 1: a `flotilla apply` killed at any point, or cut short by its per-member
 * --timeout mid-apply, orphans nothing. The process is interrupted at named points with the
 * test-only FLOTILLA_TEST_KILL_AT / FLOTILLA_TEST_STALL_AT (src/cluster/fault-points.ts), never by
 * timing; then a revision that drops what the interrupted pass was creating is applied, and no
 * ConfigMap labelled app.kubernetes.io/managed-by=flotilla may be left outside the plan.
 */
import assert from 'node:assert/strict';
import { fleetRepo, removeRepo } from './controller-rig.ts';
import {
  configMapPolicyYaml,
  configMapsYaml,
  flotillaWith,
  inventoryEntries,
  namespaceYaml,
  orphanedConfigMaps,
  writeFleet,
} from './faults-rig.ts';
import { e2eEnabled, members } from './harness.ts';

const ns = 'faults-interrupted';
const all = ['member1', 'member2', 'member3'];
const base = ['base-a', 'base-b'];
const extras = (round: number) => Array.from({ length: 30 }, (_, i) => `extra-${round}-${String(i).padStart(2, '0')}`);

(e2eEnabled ? describe : describe.skip)('faults: an interrupted apply orphans nothing (e2e)', function () {
  this.timeout(600_000);
  let kubeconfig = '';
  let repo = '';
  const apply = (env: Record<string, string> = {}, ...more: string[]) =>
    flotillaWith(env, 'apply', '--repo', repo, '--kubeconfig', kubeconfig, '-o', 'json', ...more);
  const revision = (names: readonly string[]) =>
    writeFleet(repo, { 'apps/configmaps.yaml': configMapsYaml(ns, names) });

  /** Applies the base revision and asserts that no member holds an orphan. */
  async function revertAndCount(): Promise<void> {
    revision(base);
    const r = await apply();
    assert.equal(r.code, 0, r.stderr);
    for (const m of all) assert.deepEqual(await orphanedConfigMaps(m, ns, new Set(base)), [], `orphans on ${m}`);
  }

  before(async () => {
    ({ kubeconfig } = await members());
    repo = await fleetRepo('faults-interrupted', {
      'apps/namespace.yaml': namespaceYaml(ns),
      'apps/configmaps.yaml': configMapsYaml(ns, base),
      'policies/configmaps.yaml': configMapPolicyYaml(ns, all),
    });
    const r = await apply();
    assert.equal(r.code, 0, r.stderr);
  });
  after(() => removeRepo(repo));

  const points = [
    { point: 'apply', what: 'after the intent is recorded, before anything is applied' },
    { point: 'apply:7', what: 'mid-apply, after 7 objects were written to a member' },
    { point: 'prune', what: 'after the apply, before pruning' },
    { point: 'write-inventory', what: 'after pruning, before the inventory is written' },
  ];
  for (const [round, p] of points.entries()) {
    it(`killed ${p.what} (FLOTILLA_TEST_KILL_AT=${p.point}): the next revision prunes everything it had created`, async () => {
      revision([...base, ...extras(round)]);
      const killed = await apply({ FLOTILLA_TEST_KILL_AT: p.point });
      assert.equal(killed.signal, 'SIGKILL', `expected the fault point to kill flotilla: ${killed.stderr}`);
      await revertAndCount();
    });
  }

  it('killed mid-apply then reverted, five times over: 0 orphans every time', async () => {
    for (let i = 0; i < 5; i++) {
      revision([...base, ...extras(10 + i)]);
      const killed = await apply({ FLOTILLA_TEST_KILL_AT: `apply:${3 + 4 * i}` });
      assert.equal(killed.signal, 'SIGKILL', `iteration ${i}: ${killed.stderr}`);
      await revertAndCount();
    }
  });

  it('a member whose --timeout fires mid-apply fails the apply, and the next revision prunes what it had created', async () => {
    revision([...base, ...extras(20)]);
    const r = await apply({ FLOTILLA_TEST_STALL_AT: 'apply:5' }, '--timeout', '10s');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /--timeout for this cluster was reached/);
    // The intent was recorded before the apply: the inventory tracks the objects the stalled pass may have created.
    assert.ok(
      (await Promise.all(all.map(inventoryEntries))).some((e) => e.some((l) => l.includes('extra-20-'))),
      'the intent is on the members',
    );
    await revertAndCount();
  });

  it('after the faults, the inventory holds exactly the plan', async () => {
    for (const m of all) {
      const entries = (await inventoryEntries(m)).filter((l) => l.startsWith(`${ns}_`));
      assert.deepEqual(
        entries.map((l) => l.split(' ')[0]),
        [`${ns}_base-a__ConfigMap`, `${ns}_base-b__ConfigMap`],
        m,
      );
    }
  });
});
