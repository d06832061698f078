/** `flotilla rebalance` as a child process: the file it writes loads as a WorkloadRebalancer, --branch commits through git, usage errors exit 2. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const flotilla = (cwd: string, ...args: string[]) =>
  spawnSync(node, [path.join(root, 'bin', 'flotilla.js'), ...args], { cwd, encoding: 'utf8', timeout: 60000 });
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });

describe('flotilla rebalance (child process)', function () {
  this.timeout(120000);
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-rebalance-'));
    cpSync(path.join(root, 'examples', 'fleet-repo'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes rebalancers/<name>.yaml in Karmada's shape, the apiVersion from the template; the plan reports it", () => {
    const r = flotilla(
      dir,
      'rebalance',
      'Deployment/shop/frontend',
      'deployment/shop/catalog',
      '--name',
      'failback',
      '--ttl-seconds-after-finished',
      '600',
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'wrote rebalancers/failback.yaml (WorkloadRebalancer failback, 2 workload(s))\n');
    assert.deepEqual(YAML.parse(readFileSync(path.join(dir, 'rebalancers', 'failback.yaml'), 'utf8')), {
      apiVersion: 'apps.karmada.io/v1alpha1',
      kind: 'WorkloadRebalancer',
      metadata: { name: 'failback' },
      spec: {
        workloads: [
          { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'frontend' },
          { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'catalog' },
        ],
        ttlSecondsAfterFinished: 600,
      },
    });
    const plan = flotilla(dir, 'plan', '--repo', '.', '-o', 'json');
    assert.equal(plan.status, 0, plan.stderr);
    assert.ok(
      !(JSON.parse(plan.stdout) as { warnings: { message: string }[] }).warnings.some((w) =>
        /WorkloadRebalancer/.test(w.message),
      ),
      'no longer an ignored kind',
    );
    const explain = flotilla(dir, 'explain', 'Deployment/frontend', '-n', 'shop', '--repo', '.');
    assert.match(explain.stdout + explain.stderr, /rescheduled from scratch \(Fresh\) by WorkloadRebalancer failback/);
  });
  it('--branch commits the file on a new branch and leaves the working tree alone', () => {
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'fleet');
    const r = flotilla(
      dir,
      'rebalance',
      'Deployment/shop/frontend',
      '--name',
      'failback',
      '--branch',
      'failback-eu',
      '-o',
      'json',
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { file: string; branch: string; commit: string };
    assert.deepEqual([out.file, out.branch], ['rebalancers/failback.yaml', 'failback-eu']);
    assert.equal(git(dir, 'rev-parse', 'failback-eu').trim(), out.commit);
    assert.equal(git(dir, 'rev-parse', 'failback-eu^').trim(), git(dir, 'rev-parse', 'main').trim());
    assert.match(git(dir, 'show', 'failback-eu:rebalancers/failback.yaml'), /name: frontend/);
    assert.equal(existsSync(path.join(dir, 'rebalancers')), false);
    assert.equal(git(dir, 'status', '--porcelain'), '');
    const again = flotilla(dir, 'rebalance', 'Deployment/shop/frontend', '--name', 'other', '--branch', 'failback-eu');
    assert.equal(again.status, 2);
    assert.match(again.stderr, /failback-eu: the branch exists already/);
  });
  it('flotilla status lists each rebalancer with its phase and results from the status branch, and names a broken status file', () => {
    for (const name of ['failback', 'later'])
      assert.equal(flotilla(dir, 'rebalance', 'Deployment/shop/frontend', '--name', name).status, 0);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'fleet');
    // The status branch as the controller writes it: failback finished (one Failed), later not recorded yet.
    git(dir, 'checkout', '-q', '--orphan', 'flotilla-status');
    git(dir, 'rm', '-rqf', '.');
    const frontend = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'frontend' };
    const gone = { ...frontend, name: 'gone' };
    const record = {
      apiVersion: 'apps.karmada.io/v1alpha1',
      kind: 'WorkloadRebalancer',
      metadata: { name: 'failback' },
      status: {
        observedWorkloads: [
          { workload: frontend, result: 'Successful' },
          { workload: gone, result: 'Failed', reason: 'ReferencedBindingNotFound' },
        ],
        finishTime: '2026-12-07T16:00:00Z',
      },
    };
    mkdirSync(path.join(dir, 'rebalancers'));
    mkdirSync(path.join(dir, 'clusters'));
    writeFileSync(path.join(dir, 'rebalancers', 'failback.yaml'), YAML.stringify(record));
    writeFileSync(path.join(dir, 'clusters', 'aws-euw.yaml'), 'name: [\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'status');
    git(dir, 'checkout', '-qf', 'main');
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    const status = (...args: string[]) =>
      flotilla(dir, 'status', '--repo', '.', '--kubeconfig', kubeconfig, '--observe=false', ...args);
    const json = status('-o', 'json');
    assert.deepEqual((JSON.parse(json.stdout) as { rebalancers: unknown }).rebalancers, [
      { name: 'failback', phase: 'Finished', ...record.status },
      { name: 'later', phase: 'Pending', observedWorkloads: [] },
    ]);
    assert.match(json.stderr, /^warning: clusters\/aws-euw\.yaml:2:1: invalid YAML/m);
    assert.match(
      status().stdout,
      /\nREBALANCER\s+PHASE\s+WORKLOADS\s+SUCCESSFUL\s+FAILED\s+FINISHED\s+MESSAGE\nfailback\s+Finished\s+2\s+1\s+1\s+2026-12-07T16:00:00Z\s+Deployment shop\/gone: ReferencedBindingNotFound\nlater\s+Pending\s+0\s+0\s+0\s+-\s*\n$/,
    );
  });
  const usage: [string, string[], RegExp][] = [
    ['a workload the repo lacks', ['Deployment/shop/nope'], /the fleet repo has no Deployment shop\/nope/],
    ['a malformed workload', ['frontend'], /expected KIND\/NAMESPACE\/NAME/],
    ['no workload', [], /name at least one workload/],
    [
      'a bad TTL',
      ['Deployment/shop/frontend', '--ttl-seconds-after-finished', '1h'],
      /--ttl-seconds-after-finished must be an integer of at least 0/,
    ],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 on ${name}`, () => {
      const r = flotilla(dir, 'rebalance', ...args);
      assert.equal(r.status, 2);
      assert.match(r.stderr, message);
    });
  }
  it('exits 2 when flotilla.yaml would not read rebalancers/', () => {
    const settings = path.join(dir, 'flotilla.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace(', "rebalancers/**"', ''));
    const r = flotilla(dir, 'rebalance', 'Deployment/shop/frontend');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /add "rebalancers\/\*\*" to include/);
  });
  it('exits 2 when a rebalancer of that name exists', () => {
    assert.equal(flotilla(dir, 'rebalance', 'Deployment/shop/frontend', '--name', 'x').status, 0);
    const r = flotilla(dir, 'rebalance', 'Deployment/shop/catalog', '--name', 'x');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /WorkloadRebalancer x already/);
  });
});
