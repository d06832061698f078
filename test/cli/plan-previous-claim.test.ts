/**
 * Q6: `flotilla plan --previous` carries a claim to the next revision (Karmada
 * pkg/detector/policy.go propagateResource: a claimed template keeps its policy), and the table
 * says when a binding is left to another scheduler.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const flotilla = (...args: string[]) =>
  spawnSync(node, [path.join(root, 'bin', 'flotilla.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60000 });
const policy = (name: string, cluster: string, extra = '') =>
  `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: ${name}}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement: {clusterAffinity: {clusterNames: [${cluster}]}}\n${extra}`;

describe('flotilla plan --previous (child process): claims across revisions', function () {
  this.timeout(120000);
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-claim-'));
    for (const d of ['clusters', 'apps', 'policies']) mkdirSync(path.join(dir, d));
    for (const n of ['member1', 'member2'])
      writeFileSync(
        path.join(dir, 'clusters', `${n}.yaml`),
        `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${n}}\nspec: {syncMode: Push}\n`,
      );
    writeFileSync(
      path.join(dir, 'apps', 'web.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 1}\n',
    );
    writeFileSync(path.join(dir, 'policies', 'low.yaml'), policy('low', 'member1'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.previous.json`, { force: true });
  });

  it('a policy of higher priority added later does not take the claimed template (preemption Never)', () => {
    const first = flotilla('plan', '--repo', dir, '-o', 'json');
    assert.equal(first.status, 0, first.stderr);
    writeFileSync(`${dir}.previous.json`, first.stdout);
    writeFileSync(path.join(dir, 'policies', 'high.yaml'), policy('high', 'member2', '  priority: 5\n'));
    const without = JSON.parse(flotilla('plan', '--repo', dir, '-o', 'json').stdout) as {
      bindings: { spec: { clusters: { name: string }[] } }[];
    };
    const withPrevious = flotilla('plan', '--repo', dir, '--previous', `${dir}.previous.json`, '-o', 'json');
    assert.equal(withPrevious.status, 0, withPrevious.stderr);
    const plan = JSON.parse(withPrevious.stdout) as typeof without;
    assert.deepEqual(
      [without.bindings[0]?.spec.clusters, plan.bindings[0]?.spec.clusters],
      [[{ name: 'member2', replicas: 1 }], [{ name: 'member1', replicas: 1 }]],
    );
  });
  it('the table shows a binding left to another scheduler', () => {
    writeFileSync(path.join(dir, 'policies', 'low.yaml'), policy('low', 'member1', '  schedulerName: my-scheduler\n'));
    const r = flotilla('plan', '--repo', dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Deployment\/web\s+low\s+-\s+OtherScheduler:/);
  });
});
