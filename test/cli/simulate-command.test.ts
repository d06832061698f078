/** Q6: `flotilla simulate` as a child process over the example fleet: exit codes, JSON, tables. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const flotilla = (...args: string[]) =>
  spawnSync(node, [path.join(root, 'bin', 'flotilla.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60000 });

interface Report {
  scenarios: {
    scenario: { name: string };
    failed: string[];
    summary: { lostReplicas: number; movedReplicas: number };
    workloads: {
      resource: { name: string };
      kept: number;
      lost: number;
      moved: { from: string; to: string; replicas: number }[];
      reasons: { kind: string }[];
    }[];
  }[];
}

describe('flotilla simulate (child process)', function () {
  this.timeout(60000);
  it('--fail cluster=aws-use: every replica there moves, as JSON', () => {
    const r = flotilla('simulate', '--repo', 'examples/fleet-repo', '--fail', 'cluster=aws-use', '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    const s = report.scenarios[0];
    assert.deepEqual([report.scenarios.length, s?.failed, s?.summary.lostReplicas], [1, ['aws-use'], 0]);
    const payments = s?.workloads.find((w) => w.resource.name === 'payments-api');
    assert.deepEqual(
      payments?.moved.map((m) => m.from),
      ['aws-use'],
    );
    assert.equal(
      payments?.moved.reduce((n, m) => n + m.replicas, 0),
      3,
    );
  });
  it('--each region: one row per region in the table', () => {
    const r = flotilla('simulate', '--repo', 'examples/fleet-repo', '--each', 'region');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^SCENARIO\s+FAILED\s+AFFECTED\s+MOVED\s+LOST\s+VERDICT/);
    for (const region of ['ap-southeast', 'eu-west', 'us-east'])
      assert.match(r.stdout, new RegExp(`^region=${region}\\s`, 'm'));
  });
  it('--strict exits 1 when a workload loses replicas, and the Markdown says why', () => {
    const r = flotilla(
      'simulate',
      '--repo',
      'examples/fleet-repo',
      '--fail',
      'region=us-east',
      '--fail',
      'provider=gcp',
      '--strict',
      '-o',
      'markdown',
    );
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^### flotilla simulate/);
    assert.match(r.stdout, /\| shop\/catalog \| degraded \| 5 \|.*SpreadUnsatisfiable/);
  });
  it('without --strict the same losses exit 0', () => {
    const r = flotilla(
      'simulate',
      '--repo',
      'examples/fleet-repo',
      '--fail',
      'region=us-east',
      '--fail',
      'provider=gcp',
      '-o',
      'json',
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as Report).scenarios[0]?.summary.lostReplicas, 5);
  });
  const usage: readonly { name: string; args: string[]; stderr: RegExp }[] = [
    { name: 'neither --fail nor --each', args: [], stderr: /--fail K=V .* or --each K/ },
    { name: 'both --fail and --each', args: ['--fail', 'region=us-east', '--each', 'region'], stderr: /not both/ },
    { name: 'an unknown selector key', args: ['--fail', 'rack=1'], stderr: /cluster, region, zone, provider/ },
    { name: 'an unknown --each key', args: ['--each', 'rack'], stderr: /--each must be one of/ },
    { name: 'a selector matching no cluster', args: ['--fail', 'region=mars'], stderr: /matches no cluster/ },
    {
      name: 'an unreadable --kubeconfig',
      args: ['--fail', 'region=us-east', '--kubeconfig', '/nonexistent/kubeconfig'],
      stderr: /cannot read kubeconfig/,
    },
    {
      name: 'a bad output format',
      args: ['--fail', 'region=us-east', '-o', 'yaml'],
      stderr: /must be one of: table, json, markdown/,
    },
  ];
  for (const u of usage) {
    it(`exits 2 on ${u.name}`, () => {
      const r = flotilla('simulate', '--repo', 'examples/fleet-repo', ...u.args);
      assert.equal(r.status, 2, r.stdout);
      assert.match(r.stderr, u.stderr);
    });
  }
  it('exits 1 for an invalid revision, with its errors', () => {
    const r = flotilla('simulate', '--repo', 'test/fixtures/bad-inputs/unknown-field', '--each', 'cluster');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /replicaSchedulingTyp/);
  });
  it('reads the observed capacity on the status branch: a full survivor loses the replicas sent there', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-simulate-'));
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
        cwd: dir,
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr);
    };
    try {
      cpSync(path.join(root, 'examples/fleet-repo'), dir, { recursive: true });
      git('init', '-q', '-b', 'main');
      git('add', '-A');
      git('commit', '-qm', 'fleet');
      git('checkout', '-q', '--orphan', 'flotilla-status');
      git('rm', '-rqf', '.');
      mkdirSync(path.join(dir, 'observations'));
      writeFileSync(
        path.join(dir, 'observations', 'aws-euw.yaml'),
        [
          'cluster: aws-euw',
          'shard: 1',
          'observedAt: "2026-11-01T00:00:00Z"',
          'reachable: true',
          'healthy: true',
          'status:',
          '  resourceSummary:',
          '    allocatable: { cpu: "32", memory: 128Gi, pods: "60" }',
          '    allocated: { cpu: "31", memory: 32Gi, pods: "59" }',
          'workloads: []',
          '',
        ].join('\n'),
      );
      git('add', '-A');
      git('commit', '-qm', 'observed');
      git('checkout', '-q', 'main');
      const r = flotilla('simulate', '--repo', dir, '--fail', 'region=us-east', '-o', 'json');
      assert.equal(r.status, 0, r.stderr);
      assert.match(
        r.stderr,
        /capacity from status branch flotilla-status \(\w+\): placement and taints; capacity observed for 1 cluster/,
      );
      const frontend = (JSON.parse(r.stdout) as Report).scenarios[0]?.workloads.find(
        (w) => w.resource.name === 'frontend',
      );
      assert.deepEqual([frontend?.lost, frontend?.reasons.map((x) => x.kind)], [1, ['InsufficientCapacity']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("explain --fail shows one workload's failover arithmetic", () => {
    const r = flotilla(
      'explain',
      'Deployment/payments-api',
      '-n',
      'payments',
      '--repo',
      'examples/fleet-repo',
      '--fail',
      'cluster=aws-use',
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Deployment payments\/payments-api if cluster=aws-use fails \(aws-use\)\n {2}before: {2}aws-use:3\n/,
    );
    assert.match(r.stdout, /taint manager:\n {2}aws-use: evict \(Gracefully/);
    assert.match(r.stdout, /rescheduling:\n {2}scheduled: /);
  });
  it('explain --fail exits 1 for a workload the failure does not touch', () => {
    const r = flotilla(
      'explain',
      'Deployment/catalog',
      '-n',
      'shop',
      '--repo',
      'examples/fleet-repo',
      '--fail',
      'region=ap-southeast',
    );
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Deployment shop\/catalog has no replicas on azure-apse, gcp-apse/);
  });
  it('--help states exit status and examples', () => {
    const r = flotilla('simulate', '--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Exit status:/);
    assert.match(r.stdout, /Examples:/);
  });
});
