/** Q6: `flotilla interpret` as a child process: exit codes, stdout JSON, stderr. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const flotilla = (cwd: string, ...args: string[]) =>
  spawnSync(node, [path.join(root, 'bin', 'flotilla.js'), 'interpret', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60000,
  });

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    replicas: 3,
    template: {
      spec: {
        serviceAccountName: 'web',
        containers: [
          { name: 'a', image: 'a', resources: { requests: { cpu: '100m' } } },
          { name: 'b', image: 'b', resources: { requests: { cpu: '200m' } } },
        ],
      },
    },
  },
};
const customization = {
  apiVersion: 'config.karmada.io/v1alpha1',
  kind: 'ResourceInterpreterCustomization',
  metadata: { name: 'widget' },
  spec: {
    target: { apiVersion: 'example.io/v1', kind: 'Widget' },
    customizations: {
      healthInterpretation: {
        luaScript: 'function InterpretHealth(observedObj)\n  return observedObj.status.ok == true\nend',
      },
    },
  },
};

describe('flotilla interpret (child process)', function () {
  this.timeout(60000);
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-interpret-'));
    mkdirSync(path.join(dir, 'repo'));
    writeFileSync(path.join(dir, 'deploy.json'), JSON.stringify(deployment));
    writeFileSync(
      path.join(dir, 'widget.yaml'),
      'apiVersion: example.io/v1\nkind: Widget\nmetadata: {name: w}\nstatus: {ok: true}\n',
    );
    writeFileSync(path.join(dir, 'repo', 'widget-interpreter.json'), JSON.stringify(customization));
    writeFileSync(
      path.join(dir, 'status.yaml'),
      '- {clusterName: m1, status: {replicas: 1, readyReplicas: 1}}\n- {clusterName: m2, status: {replicas: 2, readyReplicas: 1}}\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: readonly { name: string; args: string[]; want: unknown }[] = [
    {
      name: 'GetReplicas with canonical quantities',
      args: ['--operation', 'GetReplicas', '-f', 'deploy.json'],
      want: { replicas: 3, requirements: { resourceRequest: { cpu: '300m' } } },
    },
    {
      name: 'operation names are case-insensitive',
      args: ['--operation', 'interpretdependency', '-f', 'deploy.json'],
      want: { dependencies: [{ apiVersion: 'v1', kind: 'ServiceAccount', namespace: 'shop', name: 'web' }] },
    },
    {
      name: 'a repo customisation takes part',
      args: ['--operation', 'InterpretHealth', '--observed-file', 'widget.yaml', '--repo', 'repo'],
      want: { healthy: true },
    },
    {
      name: 'ReflectStatus of an object without status is null',
      args: ['--operation', 'ReflectStatus', '-f', 'deploy.json'],
      want: { status: null },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = flotilla(dir, ...c.args);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), c.want);
    });
  }

  it('AggregateStatus reads the status file', () => {
    const r = flotilla(dir, '--operation', 'AggregateStatus', '-f', 'deploy.json', '--status-file', 'status.yaml');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { status: unknown }).status, { replicas: 3, readyReplicas: 2 });
  });

  it('ReviseReplica with -o yaml', () => {
    const r = flotilla(
      dir,
      '--operation',
      'ReviseReplica',
      '-f',
      'deploy.json',
      '--desired-replica',
      '7',
      '-o',
      'yaml',
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /replicas: 7/);
  });

  const usage: readonly [string, string[]][] = [
    ['an unknown operation', ['--operation', 'Explode', '-f', 'deploy.json']],
    ['a missing --desired-replica', ['--operation', 'ReviseReplica', '-f', 'deploy.json']],
    ['an unreadable file', ['--operation', 'GetReplicas', '-f', 'missing.yaml']],
    ['an output format it does not print', ['--operation', 'GetReplicas', '-f', 'deploy.json', '-o', 'table']],
  ];
  for (const [name, args] of usage) {
    it(`exit 2 for ${name}`, () => {
      const r = flotilla(dir, ...args);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^error: /);
    });
  }
});
