/** `flotilla diff --repo URL`: the repository is fetched over smart HTTP (git http-backend) into the cache, refs resolve as origin/<branch>. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { startGitServer, type GitServer } from '../git/helpers/git-server.ts';
import { gitCli } from '../git/helpers/workspace.ts';
import { baseFleet, createFleetRepo, weightedPolicy, type FleetRepo } from './fleet-repo.ts';

describe('flotilla diff --repo URL', function () {
  this.timeout(60000);
  let root: string;
  let cache: string;
  let server: GitServer;
  let repo: FleetRepo;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'flotilla-diff-remote-'));
    cache = mkdtempSync(path.join(tmpdir(), 'flotilla-diff-cache-'));
    server = await startGitServer(root);
    server.createRepo('fleet');
    repo = createFleetRepo();
    repo.commit('base', baseFleet());
    repo.git('branch', 'base');
    repo.commit('head', { 'policies/web-spread.yaml': [weightedPolicy({ 'eu-1': 2, 'us-1': 1 })] });
    // Asynchronous: the git server answers on this process's event loop.
    await gitCli(repo.dir, 'push', '--quiet', server.authUrl('fleet'), 'main', 'base');
  });
  after(async () => {
    await server.stop();
    repo.remove();
    rmSync(root, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  it('fetches and diffs two branches of a remote', async () => {
    let stdout = '';
    let stderr = '';
    const env = {
      FLOTILLA_GIT_USERNAME: server.user,
      FLOTILLA_GIT_PASSWORD: server.password,
      XDG_CACHE_HOME: cache,
      HOME: cache,
    };
    const code = await main(
      ['diff', '--repo', server.url('fleet'), '--base', 'base', '--head', 'main', '--format', 'table'],
      {
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
        cwd: tmpdir(),
        env,
      },
    );
    assert.equal(code, 1, stderr);
    assert.match(stdout, /^2 resources re-placed, 2 replicas moved, 2 clusters touched$/m);
    assert.doesNotMatch(stdout + stderr, new RegExp(server.password), 'credentials never printed');
  });
});
