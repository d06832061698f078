/**
 * join, unjoin, promote and get through the CLI without members (Q6): --help lists every flag with
 * examples and exit status; usage errors exit 2 naming what is wrong; unjoin on a repo. The paths
 * that need members run end to end in test/cluster (join, promote, get *.e2e.test.ts).
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.ts';

const example = path.resolve(import.meta.dirname, '..', '..', 'examples', 'fleet-repo');

describe('flotilla join / unjoin / promote / get (CLI)', function () {
  this.timeout(60000);
  const helpFlags: Record<string, string[]> = {
    join: ['--kubeconfig', '--context', '--repo', '--force', '--dry-run', '--timeout', '--output'],
    unjoin: ['--repo'],
    promote: [
      '--namespace',
      '--cluster',
      '--repo',
      '--kubeconfig',
      '--context-map',
      '--dependencies',
      '--include-secrets',
      '--force',
      '--dry-run',
    ],
    get: [
      '--namespace',
      '--all-namespaces',
      '--selector',
      '--clusters',
      '--repo',
      '--kubeconfig',
      '--output',
      '--no-headers',
    ],
  };
  for (const [cmd, flags] of Object.entries(helpFlags)) {
    it(`${cmd} --help lists its flags, exit status and examples`, async () => {
      const r = await runCli([cmd, '--help']);
      assert.equal(r.code, 0);
      for (const f of flags) assert.ok(r.stdout.includes(f), `${cmd} --help mentions ${f}`);
      assert.match(r.stdout, /Exit status:/);
      assert.ok((r.stdout.match(/^ {2}# /gm) ?? []).length >= 2, 'two commented examples');
    });
  }

  const usage: [string, string[], RegExp][] = [
    ['join needs a NAME', ['join'], /expected the cluster NAME/],
    [
      'join refuses a name that is not a Kubernetes name',
      ['join', 'EU_1', '--kubeconfig', '/dev/null'],
      /must be lower-case letters/,
    ],
    ['promote needs KIND and NAME', ['promote', 'deployment'], /expected KIND NAME or KIND\/NAME/],
    ['promote needs --cluster', ['promote', 'deploy/web', '--repo', example], /--cluster NAME is required/],
    [
      'get refuses -n with -A',
      ['get', 'pods', '-n', 'a', '-A', '--kubeconfig', '/dev/null'],
      /-n and -A cannot be used together/,
    ],
    [
      'get refuses an unknown output',
      ['get', 'pods', '-o', 'xml'],
      /--output must be one of: table, wide, name, json, yaml/,
    ],
  ];
  for (const [name, args, want] of usage) {
    it(`${name} (exit 2)`, async () => {
      const r = await runCli(args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, want);
    });
  }

  it('promote refuses a cluster the fleet repo does not declare, before reading any member', async () => {
    const r = await runCli(['promote', 'deploy/web', '-n', 'shop', '--cluster', 'nowhere', '--repo', example]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /declares no Cluster nowhere: register it first \(flotilla join nowhere --kubeconfig FILE\)/,
    );
  });

  describe('unjoin', () => {
    let repo = '';
    beforeEach(() => {
      repo = mkdtempSync(path.join(os.tmpdir(), 'flotilla-unjoin-'));
      cpSync(example, repo, { recursive: true });
    });
    afterEach(() => rmSync(repo, { recursive: true, force: true }));

    it('removes the Cluster file and warns about the policies that still name it', async () => {
      writeFileSync(
        path.join(repo, 'policies', 'pin.yaml'),
        'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata:\n  name: pin\n  namespace: shop\nspec:\n  resourceSelectors:\n    - apiVersion: v1\n      kind: ConfigMap\n  placement:\n    clusterAffinity:\n      clusterNames: [gcp-use]\n',
      );
      const r = await runCli(['unjoin', 'gcp-use', '--repo', repo]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(existsSync(path.join(repo, 'clusters', 'gcp-use.yaml')), false);
      assert.match(
        r.stderr,
        /^policies\/pin\.yaml:12:\d+: warning UnknownCluster: PropagationPolicy shop\/pin names cluster "gcp-use"/m,
      );
    });

    it('refuses a Cluster that shares its file with other objects, and an unknown one', async () => {
      writeFileSync(
        path.join(repo, 'clusters', 'two.yaml'),
        'apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: one\nspec:\n  syncMode: Push\n---\napiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: two\nspec:\n  syncMode: Push\n',
      );
      const shared = await runCli(['unjoin', 'one', '--repo', repo]);
      assert.equal(shared.code, 2);
      assert.match(shared.stderr, /clusters\/two\.yaml declares Cluster one \(line 1\) among other objects/);
      const unknown = await runCli(['unjoin', 'nope', '--repo', repo]);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /declares no Cluster named nope/);
    });
  });
});
