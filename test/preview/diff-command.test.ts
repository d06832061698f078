/**
 * `flotilla diff` over real git repositories: each scenario commits a base and a head with the
 * git CLI and checks the table, the Markdown and the exit code (in-process through main()).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { forgeToken, startForge } from './forge.ts';
import {
  baseFleet,
  cluster,
  createFleetRepo,
  registryOverride,
  servicePolicy,
  toYaml,
  weightedPolicy,
  type FleetRepo,
} from './fleet-repo.ts';

/** Commits the base fleet, then `change` on top, and runs diff base..head in the three formats. */
async function scenario(
  change: Readonly<Record<string, readonly object[] | string | null>>,
): Promise<{ table: CliResult; markdown: CliResult; json: CliResult; repo: FleetRepo }> {
  const repo = createFleetRepo();
  repo.commit('base', baseFleet());
  repo.git('branch', 'base');
  repo.commit('head', change);
  const run = (format: string) =>
    runCli(['diff', '--repo', repo.dir, '--base', 'base', '--head', 'main', '--format', format]);
  return { table: await run('table'), markdown: await run('markdown'), json: await run('json'), repo };
}

describe('flotilla diff over git repositories', function () {
  this.timeout(60000);
  const repos: FleetRepo[] = [];
  afterEach(() => {
    for (const r of repos.splice(0)) r.remove();
  });

  it('a weight change moves replicas between the clusters', async () => {
    const s = await scenario({ 'policies/web-spread.yaml': [weightedPolicy({ 'eu-1': 2, 'us-1': 1 })] });
    repos.push(s.repo);
    assert.equal(s.table.code, 1, s.table.stderr);
    assert.match(
      s.table.stdout,
      /^Deployment shop\/web\s+changed\s+PropagationPolicy shop\/web-spread \(edited: placement\.replicaScheduling\.weightPreference\.staticWeightList\[0\]\.weight\)\s+eu-1: 3 → 4, us-1: 3 → 2$/m,
    );
    assert.match(s.table.stdout, /^Deployment shop\/api\s+changed\s+.*eu-1: 2 → 3, us-1: 2 → 1$/m);
    assert.match(s.table.stdout, /^2 resources re-placed, 2 replicas moved, 2 clusters touched$/m);
    assert.match(
      s.markdown.stdout,
      /^<!-- flotilla-preview -->\n### flotilla preview: `base` \([0-9a-f]{7}\) → `main` \([0-9a-f]{7}\)\n\n\*\*2 resources re-placed, 2 replicas moved, 2 clusters touched\*\*$/m,
    );
    assert.match(s.markdown.stdout, /\| Deployment shop\/web \| changed \| eu-1: 3 → 4, us-1: 3 → 2 \|/);
    assert.match(s.markdown.stdout, /```mermaid\nflowchart LR\n {2}c1\["us-1"\] -->\|2\| c0\["eu-1"\]\n```/);
    assert.match(s.markdown.stdout, /^-\s+replicas: 3\n\+\s+replicas: 4$/m);
    const json = JSON.parse(s.json.stdout) as { schema: string; moves: unknown[]; summary: { replicasMoved: number } };
    assert.equal(json.schema, 'flotilla.io/preview/v1');
    assert.deepEqual(json.moves, [{ from: 'us-1', to: 'eu-1', replicas: 2 }]);
  });

  it('a new cluster takes a share of every divided workload and gets the duplicated Service', async () => {
    const s = await scenario({
      'clusters/ap-1.yaml': [cluster('ap-1', 'ap-south')],
      'policies/web-spread.yaml': [weightedPolicy({ 'eu-1': 1, 'us-1': 1, 'ap-1': 1 })],
      'policies/services.yaml': [servicePolicy(['eu-1', 'us-1', 'ap-1'])],
    });
    repos.push(s.repo);
    assert.equal(s.table.code, 1, s.table.stderr);
    assert.match(s.table.stdout, /^Deployment shop\/web\s+changed\s+.*ap-1: new 2, eu-1: 3 → 2, us-1: 3 → 2$/m);
    assert.match(
      s.table.stdout,
      /^Service shop\/web\s+changed\s+PropagationPolicy shop\/services \(edited: placement\.clusterAffinity\.clusterNames\)\s+ap-1: new$/m,
    );
    assert.match(
      s.table.stdout,
      /^ap-1\s+4\s+0\s+0\s+\+Deployment shop\/api, \+Deployment shop\/web, \+Namespace shop, \+Service shop\/web$/m,
    );
    assert.match(s.table.stdout, /clusters touched$/m);
    assert.match(s.markdown.stdout, /<details><summary><code>ap-1<\/code>: 4 added<\/summary>/);
  });

  it('a removed policy removes its bindings and their objects from every cluster', async () => {
    const s = await scenario({ 'policies/services.yaml': null });
    repos.push(s.repo);
    assert.equal(s.table.code, 1, s.table.stderr);
    assert.match(
      s.table.stdout,
      /^Service shop\/web\s+removed\s+PropagationPolicy shop\/services → none\s+eu-1: removed, us-1: removed$/m,
    );
    assert.match(s.table.stdout, /^eu-1\s+0\s+1\s+0\s+-Service shop\/web$/m);
    assert.match(s.table.stdout, /^1 resource re-placed, 0 replicas moved, 2 clusters touched$/m);
    assert.match(s.markdown.stdout, /\*\*1 resource re-placed, 0 replicas moved, 2 clusters touched\*\* · 1 removed/);
    assert.match(s.markdown.stdout, /^--- a\/eu-1\/shop\/Service-web\.yaml\n\+\+\+ \/dev\/null$/m);
  });

  it("a binding that becomes unschedulable shows Karmada's reason", async () => {
    const nowhere = {
      ...(servicePolicy([]) as { spec: object }),
      spec: {
        resourceSelectors: [{ apiVersion: 'v1', kind: 'Service' }],
        placement: { clusterAffinity: { labelSelector: { matchLabels: { region: 'mars' } } } },
      },
    };
    const s = await scenario({ 'policies/services.yaml': [nowhere] });
    repos.push(s.repo);
    assert.equal(s.table.code, 1, s.table.stderr);
    assert.match(
      s.table.stdout,
      /^Service shop\/web\s+unschedulable \(NoClusterFit\): 0\/2 clusters are available: .*eu-1: removed, us-1: removed$/m,
    );
    assert.match(
      s.markdown.stdout,
      /\*\*1 resource re-placed, 0 replicas moved, 2 clusters touched\*\* · \*\*1 unschedulable\*\*/,
    );
    const json = JSON.parse(s.json.stdout) as {
      resources: { becameUnschedulable: boolean; scheduling: { after: { reason: string } } }[];
    };
    assert.deepEqual(
      json.resources.map((r) => [r.becameUnschedulable, r.scheduling.after.reason]),
      [[true, 'NoClusterFit']],
    );
  });

  it('an invalid head exits 2 (the check fails) and still shows its errors, file and line', async () => {
    const s = await scenario({
      'policies/broken.yaml':
        'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata:\n  name: broken\n  namespace: shop\nspec:\n  resourceSelectors:\n    - apiVersion: v1\n      kind: ConfigMap\n  placement:\n    replicaSchedulingTyp: Divided\n',
    });
    repos.push(s.repo);
    assert.deepEqual([s.table.code, s.markdown.code, s.json.code], [2, 2, 2], s.table.stderr);
    assert.match(
      s.table.stdout,
      /head revision is invalid \(1 error\):\n {2}policies\/broken\.yaml:11:\d+: error UnknownField: /,
    );
    assert.doesNotMatch(s.table.stdout, /^RESOURCE/m, 'no placement changes are shown for an invalid head');
    assert.match(s.markdown.stdout, /> \[!CAUTION\]\n> The head revision is invalid \(1 error\)/);
    assert.match(s.markdown.stdout, /\| `policies\/broken\.yaml` \| 11 \| /);
    const json = JSON.parse(s.json.stdout) as {
      head: { errors: { file: string; line: number; code: string }[] };
      changed: boolean;
    };
    assert.deepEqual(
      [json.changed, json.head.errors.map((e) => [e.code, e.file, e.line])],
      [true, [['UnknownField', 'policies/broken.yaml', 11]]],
    );
  });

  it("the head's warnings are shown, the new ones counted: a policy naming a cluster the inventory lacks", async () => {
    const s = await scenario({ 'policies/services.yaml': [servicePolicy(['eu-1', 'us-1', 'eu-2'])] });
    repos.push(s.repo);
    assert.equal(s.table.code, 1, s.table.stderr);
    assert.match(
      s.table.stdout,
      /head revision has 1 warning \(1 new\):\n {2}policies\/services\.yaml:\d+:\d+: warning UnknownCluster: .*"eu-2"/,
    );
    assert.match(
      s.markdown.stdout,
      /> \[!WARNING\]\n> The head revision has 1 warning \(1 new in this change\): it plans, but check them\.\n\n\| File \| Line \| Warning \|\n\|---\|---\|---\|\n\| `policies\/services\.yaml` \| \d+ \| UnknownCluster: /,
    );
    const json = JSON.parse(s.json.stdout) as {
      head: { warnings: { code: string; file: string }[]; newWarnings: number };
    };
    assert.deepEqual(
      [json.head.warnings.map((w) => [w.code, w.file]), json.head.newWarnings],
      [[['UnknownCluster', 'policies/services.yaml']], 1],
    );
  });

  it("an override that changes one cluster's image changes one object on one cluster", async () => {
    const s = await scenario({
      'policies/web-registry.yaml': [registryOverride('web', 'eu-1', 'mirror.eu.example.com')],
    });
    repos.push(s.repo);
    assert.equal(s.table.code, 1, s.table.stderr);
    assert.doesNotMatch(s.table.stdout, /^RESOURCE/m, 'no placement changed');
    assert.match(
      s.table.stdout,
      /^CLUSTER\s+ADDED\s+REMOVED\s+CHANGED\s+OBJECTS\neu-1\s+0\s+0\s+1\s+~Deployment shop\/web$/m,
    );
    assert.match(s.table.stdout, /^0 resources re-placed, 0 replicas moved, 1 cluster touched$/m);
    assert.match(
      s.markdown.stdout,
      /^-\s+image: registry\.example\.com\/shop\/web:1\.0\n\+\s+image: mirror\.eu\.example\.com\/shop\/web:1\.0$/m,
    );
    assert.match(s.markdown.stdout, /<details><summary><code>eu-1<\/code>: 1 changed<\/summary>/);
    assert.doesNotMatch(s.markdown.stdout, /mermaid/, 'no replica moves, no diagram');
  });

  it('prints the same bytes on every run (D7)', async () => {
    const s = await scenario({
      'policies/web-spread.yaml': [weightedPolicy({ 'eu-1': 2, 'us-1': 1 })],
      'policies/web-registry.yaml': [registryOverride('web', 'us-1', 'mirror.us.example.com')],
    });
    repos.push(s.repo);
    const again = await runCli(['diff', '--repo', s.repo.dir, '--base', 'base', '--head', 'main', '--format', 'json']);
    assert.equal(again.stdout, s.json.stdout);
  });

  it('--help states what it reads, the exit status and examples (K6)', async () => {
    const r = await runCli(['diff', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Exit status:\n {2}0 {2}no difference\n {2}1 {2}differences/);
    assert.match(r.stdout, /Examples:/);
  });

  it('a change that does not alter the fleet exits 0', async () => {
    const s = await scenario({
      'README.md': 'docs only\n',
      'apps/web.yaml': `# reformatted, same objects\n${toYaml(baseFleet()['apps/web.yaml'] ?? [])}`,
    });
    repos.push(s.repo);
    assert.equal(s.table.code, 0, s.table.stdout + s.table.stderr);
    assert.match(s.table.stdout, /no differences/);
    assert.match(s.markdown.stdout, /No differences/);
  });

  it('an unreadable ref exits 2', async () => {
    const repo = createFleetRepo();
    repos.push(repo);
    repo.commit('base', baseFleet());
    const r = await runCli(['diff', '--repo', repo.dir, '--base', 'no-such-branch', '--head', 'main']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no-such-branch/);
    assert.equal(r.stdout, '');
  });

  it('usage errors exit 2', async () => {
    for (const args of [
      ['diff', '--head', 'main'],
      ['diff', '--base', 'a', '--format', 'xml'],
      ['diff', '--base', 'a', '--comment', 'bitbucket'],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(' '));
    }
  });

  it('runs as a child process: JSON on stdout, summary on stderr, exit 1 (STYLE Q6)', () => {
    const repo = createFleetRepo();
    repos.push(repo);
    repo.commit('base', baseFleet());
    repo.git('branch', 'base');
    repo.commit('head', { 'policies/web-spread.yaml': [weightedPolicy({ 'eu-1': 2, 'us-1': 1 })] });
    const root = path.resolve(import.meta.dirname, '..', '..');
    const r = spawnSync(
      path.join(root, 'node_modules', '.bin', 'node'),
      [path.join(root, 'bin', 'flotilla.js'), 'diff', '--base', 'base', '--head', 'main', '--format', 'json'],
      { cwd: repo.dir, encoding: 'utf8', timeout: 60000 },
    );
    assert.equal(r.status, 1, r.stderr);
    const json = JSON.parse(r.stdout) as {
      changed: boolean;
      summary: { resourcesReplaced: number; replicasMoved: number; clustersTouched: number };
    };
    assert.deepEqual(
      [json.changed, json.summary.resourcesReplaced, json.summary.replicasMoved, json.summary.clustersTouched],
      [true, 2, 2, 2],
    );
    assert.match(r.stderr, /flotilla diff: 2 resources re-placed, 2 replicas moved, 2 clusters touched/);
    const same = spawnSync(
      path.join(root, 'node_modules', '.bin', 'node'),
      [path.join(root, 'bin', 'flotilla.js'), 'diff', '--base', 'main', '--head', 'main', '--format', 'table'],
      { cwd: repo.dir, encoding: 'utf8', timeout: 60000 },
    );
    assert.equal(same.status, 0, same.stderr);
  });

  it('--comment github posts one sticky comment from the CI environment, then updates it', async () => {
    const repo = createFleetRepo();
    repos.push(repo);
    repo.commit('base', baseFleet());
    repo.git('branch', 'base');
    repo.commit('head', { 'policies/web-spread.yaml': [weightedPolicy({ 'eu-1': 2, 'us-1': 1 })] });
    const forge = await startForge('github');
    const eventDir = mkdtempSync(path.join(tmpdir(), 'flotilla-event-'));
    try {
      writeFileSync(
        path.join(eventDir, 'event.json'),
        JSON.stringify({ action: 'synchronize', pull_request: { number: 7 } }),
      );
      const env = {
        GITHUB_TOKEN: forgeToken,
        GITHUB_API_URL: forge.url,
        GITHUB_REPOSITORY: 'acme/fleet',
        GITHUB_EVENT_PATH: path.join(eventDir, 'event.json'),
      };
      const outcomes: string[] = [];
      for (let i = 0; i < 2; i += 1) {
        let stdout = '';
        let stderr = '';
        const code = await main(
          ['diff', '--repo', repo.dir, '--base', 'base', '--head', 'main', '--format', 'json', '--comment', 'github'],
          {
            stdout: (t) => {
              stdout += t;
            },
            stderr: (t) => {
              stderr += t;
            },
            cwd: repo.dir,
            env,
          },
        );
        assert.equal(code, 1, stderr);
        assert.ok(!(stdout + stderr).includes(forgeToken), 'the token is never printed');
        outcomes.push(
          /flotilla diff: (\w+) the preview comment on acme\/fleet#7 \(github\)/.exec(stderr)?.[1] ?? stderr,
        );
      }
      assert.deepEqual(outcomes, ['created', 'updated']);
      assert.equal(forge.comments.length, 1);
      assert.match(forge.comments[0]?.body ?? '', /^<!-- flotilla-preview -->\n### flotilla preview/);
      assert.match(forge.comments[0]?.body ?? '', /2 resources re-placed, 2 replicas moved, 2 clusters touched/);
    } finally {
      await forge.close();
      rmSync(eventDir, { recursive: true, force: true });
    }
  });

  it('an invalid head still posts the comment with its errors, then exits 2 so the check fails', async () => {
    const repo = createFleetRepo();
    repos.push(repo);
    repo.commit('base', baseFleet());
    repo.git('branch', 'base');
    repo.commit('head', {
      'policies/broken.yaml':
        'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata:\n  name: broken\n  namespace: shop\nspec:\n  resourceSelectors:\n    - apiVersion: v1\n      kind: ConfigMap\n  placement:\n    replicaSchedulingTyp: Divided\n',
    });
    const forge = await startForge('github');
    try {
      const env = { GITHUB_TOKEN: forgeToken, GITHUB_API_URL: forge.url, GITHUB_REPOSITORY: 'acme/fleet' };
      let stderr = '';
      const code = await main(
        ['diff', '--repo', repo.dir, '--base', 'base', '--head', 'main', '--comment', 'github', '--pr', '7'],
        {
          stdout: () => undefined,
          stderr: (t) => {
            stderr += t;
          },
          cwd: repo.dir,
          env,
        },
      );
      assert.equal(code, 2, stderr);
      assert.match(stderr, /created the preview comment on acme\/fleet#7/);
      assert.match(forge.comments[0]?.body ?? '', /> \[!CAUTION\]\n> The head revision is invalid \(1 error\)/);
      assert.match(forge.comments[0]?.body ?? '', /\| `policies\/broken\.yaml` \| 11 \| UnknownField: /);
    } finally {
      await forge.close();
    }
  });

  it('takes the previous placement from the status branch', async () => {
    const repo = createFleetRepo();
    repos.push(repo);
    repo.commit('base', baseFleet());
    repo.git('branch', 'base');
    repo.commit('head', { 'policies/web-spread.yaml': [weightedPolicy({ 'eu-1': 2, 'us-1': 1 })] });
    repo.git('checkout', '-q', '--orphan', 'flotilla-status');
    repo.git('rm', '-q', '-r', '--cached', '.');
    repo.commit('status', {
      'bindings/shop/Deployment.web.yaml': [
        {
          apiVersion: 'work.karmada.io/v1alpha2',
          kind: 'ResourceBinding',
          metadata: { name: 'web-deployment', namespace: 'shop' },
          spec: {
            resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
            clusters: [
              { name: 'eu-1', replicas: 3 },
              { name: 'us-1', replicas: 3 },
            ],
          },
        },
      ],
    });
    repo.git('checkout', '-q', '-f', 'main');
    const r = await runCli(['diff', '--repo', repo.dir, '--base', 'base', '--head', 'main', '--format', 'table']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /previous placement from flotilla-status \([0-9a-f]{7}\): 1 bindings/);
  });
});
