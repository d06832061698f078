/**
 * `flotilla controller` refuses bad flags before it starts anything (K3, K5): exit 2, a message
 * naming the flag, nothing written to the repository. Child processes of the real binary (Q6).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');

describe('flotilla controller: usage errors (child process)', function () {
  this.timeout(60000);
  let dir = '';
  let repo = '';
  let kubeconfig = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-controller-cli-'));
    repo = path.join(dir, 'fleet');
    cpSync(path.join(root, 'examples', 'fleet-repo'), repo, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repo,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Dev',
          GIT_AUTHOR_EMAIL: 'dev@example.com',
          GIT_COMMITTER_NAME: 'Dev',
          GIT_COMMITTER_EMAIL: 'dev@example.com',
        },
      });
    git('init', '--quiet', '--initial-branch', 'main');
    git('add', '-A');
    git('commit', '--quiet', '-m', 'fleet');
    kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(node, [path.join(root, 'bin', 'flotilla.js'), 'controller', ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30000,
      env: { ...process.env, KUBECONFIG: '', FLOTILLA_REPO: '' },
    });
  const cases: { name: string; args: () => string[]; message: RegExp }[] = [
    {
      name: 'an empty --repo (FLOTILLA_REPO empty, so no default from the current directory)',
      args: () => ['--kubeconfig', kubeconfig],
      message: /--repo URL\|DIR is required/,
    },
    {
      name: 'a plain directory, not a git repository',
      args: () => ['--repo', path.join(root, 'examples', 'fleet-repo'), '--kubeconfig', kubeconfig],
      message: /not a git repository/,
    },
    { name: 'no kubeconfig and not in a cluster', args: () => ['--repo', repo], message: /no kubeconfig/ },
    {
      name: 'an unreadable kubeconfig',
      args: () => ['--repo', repo, '--kubeconfig', path.join(dir, 'missing')],
      message: /cannot read kubeconfig/,
    },
    {
      name: '--shards 0',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--shards', '0'],
      message: /--shards must be a positive integer/,
    },
    {
      name: '--shard outside 0..N-1',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--shards', '2', '--shard', '2'],
      message: /--shard must be an integer from 0 to 1/,
    },
    {
      name: '--leader-elect not a boolean',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--leader-elect=maybe'],
      message: /--leader-elect must be one of: true, false/,
    },
    {
      name: '--leader-elect without a hub',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--leader-elect=true'],
      message: /needs the hub cluster/,
    },
    {
      name: 'a malformed duration',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--cluster-failure-threshold', 'soon'],
      message: /--cluster-failure-threshold must be a duration/,
    },
    {
      name: 'an unknown purge mode',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--no-execute-taint-eviction-purge-mode', 'Never'],
      message: /must be one of: Gracefully, Directly/,
    },
    {
      name: 'a bad poll schedule',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--poll-schedule', 'every minute'],
      message: /is not a cron expression/,
    },
    {
      name: 'a malformed --git-backoff-max',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--git-backoff-max', 'forever'],
      message: /--git-backoff-max must be a duration/,
    },
    {
      name: '--max-prune-share 0',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--max-prune-share', '0'],
      message: /--max-prune-share must be a percentage above 0/,
    },
    {
      name: '--max-prune-share above 100%',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--max-prune-share', '150%'],
      message: /--max-prune-share must be a percentage/,
    },
    {
      name: 'an unknown flag',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--shardz', '2'],
      message: /shardz/,
    },
    {
      name: 'an unknown log format',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--log-format', 'xml'],
      message: /--log-format must be one of: json, text/,
    },
    {
      name: 'an unknown log level',
      args: () => ['--repo', repo, '--kubeconfig', kubeconfig, '--log-level', 'trace'],
      message: /--log-level must be one of: debug, info, warn, error/,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: exit 2 with a message naming it`, () => {
      const r = run(...c.args());
      assert.equal(r.status, 2, `${r.stdout}${r.stderr}`);
      assert.match(r.stderr, c.message);
      assert.equal(r.stdout, '');
    });
  }
  it('writes nothing to the repository when it refuses to start', () => {
    run('--repo', repo, '--kubeconfig', kubeconfig, '--shards', '0');
    assert.equal(execFileSync('git', ['branch', '--list'], { cwd: repo, encoding: 'utf8' }).trim(), '* main');
  });
});
