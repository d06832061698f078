/** `flotilla plan` offline with a FederatedHPA: the status branch's recorded decision is the total planned, unless the template's replicas changed since. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const flotilla = (cwd: string, ...args: string[]) =>
  spawnSync(node, [path.join(root, 'bin', 'flotilla.js'), ...args], { cwd, encoding: 'utf8', timeout: 60000 });
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });

const fhpa = `apiVersion: autoscaling.karmada.io/v1alpha1
kind: FederatedHPA
metadata: {name: frontend, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: frontend}
  minReplicas: 2
  maxReplicas: 20
`;
const record = (templateReplicas: number) => `apiVersion: autoscaling.karmada.io/v1alpha1
kind: FederatedHPA
metadata: {namespace: shop, name: frontend}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: frontend}
status:
  currentReplicas: 6
  desiredReplicas: 9
  lastScaleTime: "2026-01-01T00:00:00Z"
  currentMetrics: []
  conditions: []
flotilla:
  templateReplicas: ${templateReplicas}
  unreachableClusters: []
  recommendations: []
  scaleUpEvents: []
  scaleDownEvents: []
`;

function totalOf(stdout: string): number {
  const plan = JSON.parse(stdout) as {
    bindings: { spec: { resource: { kind: string; name: string }; clusters: { replicas?: number }[] } }[];
  };
  const b = plan.bindings.find((x) => x.spec.resource.kind === 'Deployment' && x.spec.resource.name === 'frontend');
  return (b?.spec.clusters ?? []).reduce((n, c) => n + (c.replicas ?? 0), 0);
}

describe('flotilla plan with a FederatedHPA (child process)', function () {
  this.timeout(120000);
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-autoscale-plan-'));
    cpSync(path.join(root, 'examples', 'fleet-repo'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'apps', 'shop', 'autoscaler.yaml'), fhpa);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'fleet');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function recordOnStatusBranch(templateReplicas: number): void {
    git(dir, 'checkout', '-q', '--orphan', 'flotilla-status');
    git(dir, 'rm', '-rq', '--cached', '.');
    const status = mkdtempSync(path.join(os.tmpdir(), 'flotilla-autoscale-status-'));
    try {
      execFileSync('mkdir', ['-p', path.join(status, 'autoscalers', 'shop')]);
      writeFileSync(path.join(status, 'autoscalers', 'shop', 'frontend.yaml'), record(templateReplicas));
      git(dir, '--work-tree', status, 'add', '-A');
      git(dir, '--work-tree', status, 'commit', '-qm', 'scale');
    } finally {
      rmSync(status, { recursive: true, force: true });
    }
    git(dir, 'checkout', '-qf', 'main');
  }

  it('without a status branch the template replicas are planned', () => {
    const r = flotilla(dir, 'plan', '--repo', '.', '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(totalOf(r.stdout), 6);
  });

  it('the recorded desired replicas are planned while the template still has the replicas they were decided against', () => {
    recordOnStatusBranch(6);
    const r = flotilla(dir, 'plan', '--repo', '.', '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(totalOf(r.stdout), 9);
  });

  it("a template whose replicas changed since the decision wins (the revision's replicas are planned)", () => {
    recordOnStatusBranch(4);
    const r = flotilla(dir, 'plan', '--repo', '.', '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(totalOf(r.stdout), 6);
  });
});
