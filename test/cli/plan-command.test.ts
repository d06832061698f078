/** Q6: the real `flotilla` binary as a child process: exit codes, stdout JSON, stderr. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import YAML from 'yaml';

const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const flotilla = (...args: string[]) =>
  spawnSync(node, [path.join(root, 'bin', 'flotilla.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60000 });

describe('flotilla plan (child process)', function () {
  this.timeout(60000);
  it('plans the example fleet as JSON with the contract fields', () => {
    const r = flotilla('plan', '--repo', 'examples/fleet-repo', '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as Record<string, unknown[]>;
    assert.deepEqual(Object.keys(plan), ['revision', 'bindings', 'works', 'errors', 'warnings']);
    const frontend = (
      plan['bindings'] as { spec: { resource: { name: string }; clusters: { name: string; replicas: number }[] } }[]
    ).find((b) => b.spec.resource.name === 'frontend');
    assert.ok(frontend, 'frontend has a binding');
    assert.equal(
      frontend.spec.clusters.reduce((s, c) => s + c.replicas, 0),
      6,
    );
  });
  it('prints a table by default', () => {
    const r = flotilla('plan', '--repo', 'examples/fleet-repo');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^NAMESPACE\s+RESOURCE\s+POLICY\s+CLUSTERS\s+STATUS/);
    assert.match(r.stdout, /Deployment\/frontend/);
  });
  it('YAML output is the same object as JSON', () => {
    const j = flotilla('plan', '--repo', 'examples/fleet-repo', '-o', 'json');
    const y = flotilla('plan', '--repo', 'examples/fleet-repo', '-o', 'yaml');
    assert.deepEqual([j.status, y.status], [0, 0]);
    assert.ok(y.stdout.startsWith('revision: '));
    assert.deepEqual(YAML.parse(y.stdout, { version: '1.2' }), JSON.parse(j.stdout));
  });
  it('exits 2 on an unknown flag, naming it', () => {
    const r = flotilla('plan', '--repoo', 'x');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--repoo/);
  });
  it('exits 2 on a bad output format, listing the choices', () => {
    const r = flotilla('plan', '--repo', 'examples/fleet-repo', '-o', 'xml');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /must be one of: json, yaml, table/);
  });
  it('exits 2 when the repo does not exist', () => {
    const r = flotilla('plan', '--repo', '/nonexistent/fleet');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read repo directory/);
  });
  it('exits 1 with errors and no plan for an invalid revision', () => {
    const r = flotilla('plan', '--repo', 'test/fixtures/bad-inputs/unknown-field', '-o', 'json');
    assert.equal(r.status, 1);
    const plan = JSON.parse(r.stdout) as {
      bindings: unknown[];
      works: unknown[];
      errors: { file: string; line: number; message: string }[];
    };
    assert.deepEqual([plan.bindings, plan.works], [[], []]);
    assert.match(plan.errors[0]?.message ?? '', /replicaSchedulingTyp/);
  });
  for (const cmd of ['plan', 'validate', 'explain']) {
    it(`${cmd} --help states exit status and examples`, () => {
      const r = flotilla(cmd, '--help');
      assert.equal(r.status, 0);
      assert.match(r.stdout, /Exit status:/);
      assert.match(r.stdout, /Examples:/);
    });
  }
});
