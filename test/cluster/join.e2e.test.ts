/**
 * `flotilla join` / `unjoin` as child processes (Q6) against the real members of test/e2e/clusters:
 * member3's Nodes get topology labels and a providerID, so provider, region and zones are read
 * from them; member2's Nodes have none, so join says what it could not determine. FLOTILLA_E2E=0 skips.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { flotilla } from './controller-rig.ts';
import { membersAndFleetCopy } from './fleet-copy.ts';
import { e2eEnabled, kubectl } from './harness.ts';

const labelled = ['member3-node-1', 'member3-node-2'];

(e2eEnabled ? describe : describe.skip)('flotilla join / unjoin (e2e, child process)', function () {
  this.timeout(180_000);
  let kubeconfig = '';
  let repo = '';

  before(async function () {
    this.timeout(300_000);
    ({ kubeconfig, repo } = await membersAndFleetCopy('flotilla-join-'));
    rmSync(path.join(repo, 'clusters', 'member3.yaml'));
    for (const [i, n] of labelled.entries()) {
      await kubectl(
        'member3',
        'label',
        'node',
        n,
        '--overwrite',
        'topology.kubernetes.io/region=eu-test-1',
        `topology.kubernetes.io/zone=eu-test-1${'ab'[i] ?? 'a'}`,
      );
      const id = JSON.parse(await kubectl('member3', 'get', 'node', n, '-o', 'json')) as {
        spec?: { providerID?: string };
      };
      if (!id.spec?.providerID)
        await kubectl(
          'member3',
          'patch',
          'node',
          n,
          '--type',
          'merge',
          '-p',
          JSON.stringify({ spec: { providerID: `aws:///eu-test-1${'ab'[i] ?? 'a'}/i-${n}` } }),
        );
    }
  });
  after(async () => {
    rmSync(repo, { recursive: true, force: true });
    for (const n of labelled)
      await kubectl('member3', 'label', 'node', n, 'topology.kubernetes.io/region-', 'topology.kubernetes.io/zone-');
  });

  it('writes clusters/NAME.yaml with provider, region, zones, version, APIs and capacity read from the member', async () => {
    const r = await flotilla('join', 'member3', '--kubeconfig', kubeconfig, '--context', 'member3', '--repo', repo);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /wrote clusters\/member3\.yaml/);
    assert.match(r.stdout, /provider: aws/);
    assert.doesNotMatch(r.stdout, /could not determine/);
    const written = YAML.parse(readFileSync(path.join(repo, 'clusters', 'member3.yaml'), 'utf8')) as {
      metadata: { name: string };
      spec: Record<string, unknown>;
      status: {
        kubernetesVersion: string;
        apiEnablements: { groupVersion: string; resources: { kind: string }[] }[];
        resourceSummary: { allocatable: Record<string, string> };
      };
    };
    assert.equal(written.metadata.name, 'member3');
    assert.deepEqual(written.spec, {
      syncMode: 'Push',
      provider: 'aws',
      region: 'eu-test-1',
      zones: ['eu-test-1a', 'eu-test-1b'],
    });
    assert.match(written.status.kubernetesVersion, /^v1\./);
    assert.ok(
      written.status.apiEnablements
        .find((a) => a.groupVersion === 'apps/v1')
        ?.resources.some((x) => x.kind === 'Deployment'),
    );
    assert.equal(written.status.resourceSummary.allocatable['cpu'], '16');
    const valid = await flotilla('validate', '--repo', repo);
    assert.equal(valid.status, 0, valid.stdout + valid.stderr);
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const again = await flotilla('join', 'member3', '--kubeconfig', kubeconfig, '--context', 'member3', '--repo', repo);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /clusters\/member3\.yaml already exists; pass --force/);
    const forced = await flotilla(
      'join',
      'member3',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'member3',
      '--repo',
      repo,
      '--force',
    );
    assert.equal(forced.status, 0, forced.stderr);
  });

  it('names what it could not determine, and the context it used when the names differ', async () => {
    const r = await flotilla(
      'join',
      'edge-2',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'member2',
      '--repo',
      repo,
      '--dry-run',
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /would write clusters\/edge-2\.yaml/);
    assert.match(
      r.stdout,
      /could not determine:\n {2}provider: no node has spec\.providerID\n {2}region: no node has the label topology\.kubernetes\.io\/region/,
    );
    assert.match(r.stderr, /--context-map edge-2=member2/);
    assert.equal(existsSync(path.join(repo, 'clusters', 'edge-2.yaml')), false);
  });

  it('fails with exit 2 for a context the kubeconfig lacks, writing nothing', async () => {
    const r = await flotilla('join', 'ghost', '--kubeconfig', kubeconfig, '--context', 'nope', '--repo', repo);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no context "nope"/);
    assert.equal(existsSync(path.join(repo, 'clusters', 'ghost.yaml')), false);
  });

  it('unjoin removes the file and names the policies that still select the cluster', async () => {
    const r = await flotilla('unjoin', 'member3', '--repo', repo);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(existsSync(path.join(repo, 'clusters', 'member3.yaml')), false);
    assert.match(r.stderr, /policies\/web\.yaml:\d+:\d+: warning UnknownCluster: .*"member3"/);
    const gone = await flotilla('unjoin', 'member3', '--repo', repo);
    assert.equal(gone.status, 2);
    assert.match(gone.stderr, /declares no Cluster named member3/);
  });
});
