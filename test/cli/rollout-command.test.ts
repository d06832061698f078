/** Q6: `flotilla rollout status` as a child process over a real git repository whose status branch holds a rollout record. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decideRollout } from '../../src/rollout/index.ts';
import { canaryThenRest } from '../../src/rollout/specs.test-support.ts';
import { formatRolloutRecord, rolloutRecordPath } from '../../src/writeback/index.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const flotilla = (cwd: string, ...args: string[]) =>
  spawnSync(node, [path.join(root, 'bin', 'flotilla.js'), ...args], { cwd, encoding: 'utf8', timeout: 60000 });
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });

const spec = canaryThenRest();

describe('flotilla rollout status (child process)', function () {
  this.timeout(60000);
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-rollout-'));
    git(dir, 'init', '-q', '-b', 'flotilla-status');
    const d = decideRollout({
      spec,
      inventory: [],
      baseline: { revision: 'v1aaaaaaaa', contents: { a: '1', b: '1' } },
      target: { revision: 'v2bbbbbbbb', contents: { a: '2', b: '2' } },
      previous: undefined,
      health: {},
      failoverTargets: [],
      request: undefined,
      now: 0,
    });
    const file = path.join(dir, rolloutRecordPath('shop', 'storefront'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, formatRolloutRecord(d.state));
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'rollout');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the phase and the current wave as a table', () => {
    const r = flotilla(dir, 'rollout', 'status');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^NAMESPACE\s+NAME\s+PHASE\s+WAVE\s+BASELINE\s+TARGET\s+MESSAGE\n/);
    assert.match(r.stdout, /^shop\s+storefront\s+Progressing\s+1\/2 canary\s+v1aaaaa\s+v2bbbbb\s+wave canary started/m);
  });
  it('-o json prints the recorded state', () => {
    const r = flotilla(dir, 'rollout', 'status', '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      rollouts: { name: string; phase: string; currentWave: number; waves: { name: string; clusters: string[] }[] }[];
    };
    assert.deepEqual(
      out.rollouts.map((x) => [
        x.name,
        x.phase,
        x.currentWave,
        x.waves.map((w) => `${w.name}:${w.clusters.join(',')}`),
      ]),
      [['storefront', 'Progressing', 0, ['canary:a', 'rest:b']]],
    );
  });
  it('an unknown subcommand is a usage error (exit 2)', () => {
    const r = flotilla(dir, 'rollout', 'promote');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /one of: status/);
  });
  it('pause commits a request the status shows, and leaves the record alone', () => {
    const r = flotilla(dir, 'rollout', 'pause', 'shop/storefront');
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      git(dir, 'log', '-1', '--format=%B', 'flotilla-status'),
      /^flotilla: rollout shop\/storefront: Pause requested\n\nFlotilla-Decision: rollout-request/,
    );
    const table = flotilla(dir, 'rollout', 'status');
    assert.match(table.stdout, /^shop\s+storefront\s+Progressing \(Pause requested\)\s+1\/2 canary/m);
    const json = JSON.parse(flotilla(dir, 'rollout', 'status', '-o', 'json').stdout) as {
      rollouts: unknown[];
      requests: { name: string; request: string }[];
    };
    assert.deepEqual(
      [json.rollouts.length, json.requests.map((q) => `${q.name}:${q.request}`)],
      [1, ['storefront:Pause']],
    );
  });
  it('a request for a strategy with no rollout, or without NAMESPACE/NAME, is a usage error (exit 2)', () => {
    assert.equal(flotilla(dir, 'rollout', 'resume', 'shop/other').status, 2);
    assert.equal(flotilla(dir, 'rollout', 'abort').status, 2);
  });
  it('no status branch: no rollouts, exit 0', () => {
    const r = flotilla(dir, 'rollout', 'status', '--status-branch', 'nothing-here', '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { rollouts: [], requests: [] });
  });
});

const strategy = `apiVersion: flotilla.io/v1alpha1
kind: RolloutStrategy
metadata: {name: storefront, namespace: shop}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: frontend}]
  waves:
    - {name: canary, clusters: {clusterNames: [aws-use]}, bake: 10m}
    - {name: us, clusters: {fieldSelector: {matchExpressions: [{key: region, operator: In, values: [us-east]}]}}, bake: 10m}
    - {name: rest, maxConcurrentClusters: 25%}
`;

describe('flotilla rollout plan (child process, the example fleet)', function () {
  this.timeout(60000);
  let fleet = '';
  before(() => {
    fleet = path.join(mkdtempSync(path.join(os.tmpdir(), 'flotilla-rollout-plan-')), 'fleet-repo');
    cpSync(path.join(root, 'examples', 'fleet-repo'), fleet, { recursive: true });
    writeFileSync(path.join(fleet, 'policies', 'rollout-storefront.yaml'), strategy);
  });
  after(() => rmSync(path.dirname(fleet), { recursive: true, force: true }));

  it('-o json: each wave covers the clusters frontend is placed on, first match wins, the rest last', () => {
    const r = flotilla(root, 'rollout', 'plan', '--repo', fleet, '-o', 'json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      plans: {
        name: string;
        templates: string[];
        waves: { name: string; clusters: string[]; bakeSeconds: number; concurrency: number }[];
      }[];
    };
    assert.deepEqual(
      out.plans.map((p) => [
        p.name,
        p.templates,
        p.waves.map((w) => `${w.name}:${w.clusters.join(',')}:${w.bakeSeconds}:${w.concurrency}`),
      ]),
      [
        [
          'storefront',
          ['Deployment/frontend'],
          ['canary:aws-use:600:1', 'us:gcp-use:600:1', 'rest:aws-euw,azure-euw:0:1'],
        ],
      ],
    );
  });
  it('validate: a second strategy selecting frontend makes the revision invalid (exit 1)', () => {
    const second = path.join(fleet, 'policies', 'rollout-second.yaml');
    writeFileSync(second, strategy.replace('name: storefront', 'name: second'));
    try {
      const r = flotilla(root, 'validate', '--repo', fleet);
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(
        r.stdout + r.stderr,
        /apps\/shop\/frontend\.yaml:\d+:\d+: error InvalidRollout: .*shop\/second, shop\/storefront/,
      );
    } finally {
      rmSync(second);
    }
  });
  it('validate accepts the strategy with no warning about it', () => {
    const r = flotilla(root, 'validate', '--repo', fleet);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /rollout-storefront\.yaml/);
  });
});

describe('flotilla diff shows the waves of a change to a staged template (child process)', function () {
  this.timeout(120000);
  let repo = '';
  let base = '';
  before(() => {
    repo = path.join(mkdtempSync(path.join(os.tmpdir(), 'flotilla-rollout-diff-')), 'fleet-repo');
    cpSync(path.join(root, 'examples', 'fleet-repo'), repo, { recursive: true });
    writeFileSync(path.join(repo, 'policies', 'rollout-storefront.yaml'), strategy);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    base = git(repo, 'rev-parse', 'HEAD').trim();
    const file = path.join(repo, 'apps', 'shop', 'frontend.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/image: (\S+)/, 'image: $1-next'));
    git(repo, 'commit', '-q', '-am', 'head: a new frontend image');
  });
  after(() => rmSync(path.dirname(repo), { recursive: true, force: true }));

  it("--format json lists the strategy's waves; the Markdown has a Waves section", () => {
    const json = flotilla(repo, 'diff', '--base', base, '--head', 'HEAD', '--format', 'json');
    assert.equal(json.status, 1, json.stderr);
    const out = JSON.parse(json.stdout) as {
      waves?: { name: string; waves: { name: string; clusters: string[] }[] }[];
    };
    assert.deepEqual(
      out.waves?.map((p) => [p.name, p.waves.map((w) => `${w.name}:${w.clusters.join(',')}`)]),
      [['storefront', ['canary:aws-use', 'us:gcp-use', 'rest:aws-euw,azure-euw']]],
    );
    const md = flotilla(repo, 'diff', '--base', base, '--head', 'HEAD');
    assert.match(md.stdout, /#### Waves\n[\s\S]*\| shop\/storefront \| 1 canary \| aws-use \| 600s \| 1 \|/);
  });
});
