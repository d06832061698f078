/**
 * `flotilla explain` through the CLI (in-process through main, K1) on the example fleet and on
 * copies of it: kubectl's spellings, not found vs unclaimed, --cluster, the policies that lost,
 * and filter reasons grouped with counts on a large fleet.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.ts';

const example = path.resolve(import.meta.dirname, '..', '..', 'examples', 'fleet-repo');
const explain = (...args: string[]) => runCli(['explain', ...args]);

describe('flotilla explain (CLI)', function () {
  this.timeout(60000);
  let repo = '';
  before(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'flotilla-explain-'));
    cpSync(example, repo, { recursive: true });
    writeFileSync(
      path.join(repo, 'apps', 'shop', 'orphan.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: orphan\n  namespace: shop\ndata:\n  a: "1"\n',
    );
    writeFileSync(
      path.join(repo, 'policies', 'catch-all.yaml'),
      [
        'apiVersion: policy.karmada.io/v1alpha1',
        'kind: PropagationPolicy',
        'metadata:',
        '  name: catch-all',
        '  namespace: shop',
        'spec:',
        '  resourceSelectors:',
        '    - apiVersion: apps/v1',
        '      kind: Deployment',
        '  placement:',
        '    clusterAffinity:',
        '      clusterNames: [aws-euw]',
        '',
      ].join('\n'),
    );
    for (let i = 0; i < 30; i++) {
      writeFileSync(
        path.join(repo, 'clusters', `edge-${String(i).padStart(2, '0')}.yaml`),
        `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: edge-${String(i).padStart(2, '0')}\n  labels:\n    environment: ${i < 20 ? 'edge' : 'lab'}\nspec:\n  syncMode: Push\n  region: eu-west\n`,
      );
    }
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  it("accepts kubectl's forms of a kind: deploy/NAME, kind.group/NAME, Kind NAME, plurals", async () => {
    const outs = await Promise.all(
      [
        ['deploy/frontend'],
        ['deployment.apps/frontend'],
        ['Deployment', 'frontend'],
        ['deployments', 'frontend'],
        ['Deployment/frontend'],
      ].map((a) => explain(...a, '-n', 'shop', '--repo', example)),
    );
    for (const o of outs) assert.equal(o.code, 0, o.stderr);
    assert.ok(outs.every((o) => o.stdout === outs[0]?.stdout));
    assert.match(
      outs[0]?.stdout ?? '',
      /^Deployment shop\/frontend\n {2}policy: {4}PropagationPolicy shop\/active-active/,
    );
  });

  it('not found says so with the nearest names (did you mean)', async () => {
    const typo = await explain('deploy/frontnd', '-n', 'shop', '--repo', example);
    assert.equal(typo.code, 1);
    assert.match(
      typo.stderr,
      /^not found: the fleet repo has no deploy shop\/frontnd \(did you mean Deployment shop\/frontend\?\)/,
    );
    const namespace = await explain('deploy/frontend', '--repo', example);
    assert.match(namespace.stderr, /did you mean Deployment shop\/frontend \(pass -n shop\)\?/);
  });

  it('found but unclaimed says where it is and that no policy selects it', async () => {
    const r = await explain('cm/orphan', '-n', 'shop', '--repo', repo);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^found ConfigMap shop\/orphan at apps\/shop\/orphan\.yaml:1, but no propagation policy claims it.*none selecting v1 ConfigMap/,
    );
  });

  it('--cluster names the filter and which label failed which selector, or says it is placed', async () => {
    const filtered = await explain('deploy', 'frontend', '-n', 'shop', '--repo', example, '--cluster', 'azure-apse');
    assert.equal(filtered.code, 0, filtered.stderr);
    assert.match(
      filtered.stdout,
      /^azure-apse: not placed\n {2}removed by filter ClusterAffinity: labels do not match labelSelector: label environment is "staging", wants environment=production/m,
    );
    const field = await explain('deploy', 'frontend', '-n', 'shop', '--repo', example, '--cluster', 'gcp-apse');
    assert.match(
      field.stdout,
      /removed by filter ClusterAffinity: fields do not match fieldSelector: region is "ap-southeast", wants region In \[us-east, eu-west\]/,
    );
    const placed = await explain('deploy', 'frontend', '-n', 'shop', '--repo', example, '--cluster', 'aws-use');
    assert.match(placed.stdout, /^aws-use: placed with 2 replica\(s\)$/m);
    const unknown = await explain('deploy', 'frontend', '-n', 'shop', '--repo', example, '--cluster', 'aws-usw');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no cluster aws-usw \(did you mean aws-use\?\)/);
  });

  it("--cluster on a spread by region says why the cluster's region lost", async () => {
    const r = await explain('deploy/catalog', '-n', 'shop', '--repo', example, '--cluster', 'gcp-apse', '-o', 'json');
    assert.equal(r.code, 0, r.stderr);
    const story = JSON.parse(r.stdout) as { cluster: { name: string; answer: string[] } };
    assert.equal(story.cluster.name, 'gcp-apse');
    assert.match(
      story.cluster.answer.join('\n'),
      /spread by region: its region ap-southeast \(score \d+, 1 cluster\(s\)\) lost to eu-west, us-east \(region minGroups 2, maxGroups 3; cluster minGroups 2, maxGroups 4\)/,
    );
  });

  it('lists the competing policies that lost, and why', async () => {
    const r = await explain('deploy/frontend', '-n', 'shop', '--repo', repo);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^ {2}lost: {6}PropagationPolicy shop\/catch-all \(policies\/catch-all\.yaml:1\): its resourceSelector is less specific \(match-all < labelSelector\)$/m,
    );
  });

  it('groups filter reasons with counts on a large fleet', async () => {
    const r = await explain('deploy/frontend', '-n', 'shop', '--repo', repo);
    assert.match(
      r.stdout,
      /^ {4}20 cluster\(s\): ClusterAffinity: labels do not match labelSelector: label environment is "edge", wants environment=production \(edge-00, edge-01, edge-02, …\)$/m,
    );
    assert.match(
      r.stdout,
      /^ {4}10 cluster\(s\): ClusterAffinity: labels do not match labelSelector: label environment is "lab"/m,
    );
  });
});
