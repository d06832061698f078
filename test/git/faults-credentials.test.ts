/**
 * A git password given in `--repo http://user:PASSWORD@host/…` stays in memory: after a clone,
 * fetch and push (and after a 401) no file of the cache and no line of the output holds it.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cacheDirFor } from '../../src/git/index.ts';
import path from 'node:path';
import { childEnv, runFlotilla } from './helpers/cli-process.ts';
import { exampleFleet } from './helpers/fleet.ts';
import { startGitServer, type GitServer } from './helpers/git-server.ts';
import { cloneRepo, commitAndPush, tempDir } from './helpers/workspace.ts';

const password = 'Pw-7hq2ZxRt9';
const wrong = 'Wrong-4kLm8Qp2';

/** Every file under `dir` whose bytes contain `secret`. */
function filesHolding(dir: string, secret: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (readFileSync(p).includes(secret)) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}

describe('faults: git credentials in the URL', function () {
  this.timeout(120000);
  let tmp: ReturnType<typeof tempDir>;
  let server: GitServer;
  before(async () => {
    tmp = tempDir();
    mkdirSync(path.join(tmp.dir, 'server'));
    server = await startGitServer(path.join(tmp.dir, 'server'), 'fleet', password);
    server.createRepo('fleet');
    const work = await cloneRepo(server.authUrl('fleet'), tmp.dir);
    cpSync(exampleFleet, work, { recursive: true });
    await commitAndPush(work, 'Add the fleet');
  });
  after(async () => {
    await server?.stop();
    tmp?.cleanup();
  });

  const withPassword = (p: string) => server.url('fleet').replace('http://', `http://fleet:${encodeURIComponent(p)}@`);

  it('reconcile --once with user:password in --repo: clone, fetch and push work; neither the cache (an old cache named by that URL is removed) nor the output holds the password', async () => {
    const cache = path.join(tmp.dir, 'cache-ok');
    // What an earlier version left: a cache named by the URL with the password, holding it in its config.
    const legacy = cacheDirFor(withPassword(password), cache);
    mkdirSync(legacy, { recursive: true });
    writeFileSync(path.join(legacy, 'config'), `[remote "origin"]\n\turl = ${withPassword(password)}\n`);
    const env = childEnv(tmp.dir);
    for (const run of [1, 2]) {
      const r = await runFlotilla(
        ['reconcile', '--repo', withPassword(password), '--once', '--cache-dir', cache, '-o', 'json'],
        tmp.dir,
        env,
      );
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).outcome, run === 1 ? 'applied' : 'unchanged');
      assert.ok(!`${r.stdout}${r.stderr}`.includes(password), 'the output holds the password');
    }
    assert.deepEqual(filesHolding(cache, password), []);
  });

  it('a wrong password in the URL fails with exit 2 (HTTP 401); neither the cache nor the output holds it', async () => {
    const cache = path.join(tmp.dir, 'cache-401');
    const r = await runFlotilla(
      ['reconcile', '--repo', withPassword(wrong), '--once', '--cache-dir', cache],
      tmp.dir,
      childEnv(tmp.dir),
    );
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /401/);
    assert.ok(!`${r.stdout}${r.stderr}`.includes(wrong), 'the output holds the password');
    assert.deepEqual(filesHolding(cache, wrong), []);
  });
});
