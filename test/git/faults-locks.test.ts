/**
 * A writer killed at the worst moment in `--repo DIR` mode loses nothing and blocks nothing: a
 * ref lock it leaves is reclaimed (at once when its owner is gone, after the bound otherwise),
 * a half-written object is never taken for a whole one, and the rerun succeeds with a clean
 * `git fsck`. The kill comes from FLOTILLA_TEST_KILL_AT, a real SIGKILL of the child.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { childEnv, runFlotilla } from './helpers/cli-process.ts';
import { exampleFleet } from './helpers/fleet.ts';
import { gitCli, tempDir } from './helpers/workspace.ts';

describe('faults: a writer killed inside a ref lock or an object write (--repo DIR)', function () {
  this.timeout(120000);
  let tmp: ReturnType<typeof tempDir>;
  let dir: string;
  beforeEach(async () => {
    tmp = tempDir();
    dir = path.join(tmp.dir, 'fleet');
    cpSync(exampleFleet, dir, { recursive: true });
    await gitCli(dir, 'init', '--quiet', '--initial-branch=main');
    await gitCli(dir, 'add', '-A');
    await gitCli(dir, 'commit', '--quiet', '-m', 'fleet');
  });
  afterEach(() => tmp.cleanup());

  const reconcile = (env: Record<string, string> = {}) =>
    runFlotilla(['reconcile', '--repo', dir, '--once', '-o', 'json'], tmp.dir, childEnv(tmp.dir, env));
  const locks = () => readdirSync(path.join(dir, '.git', 'refs', 'heads')).filter((f) => f.endsWith('.lock'));

  async function assertRecovered(expectWarning: boolean) {
    const r = await reconcile();
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).outcome, 'applied');
    assert.equal(/stale git ref lock/.test(r.stderr), expectWarning, r.stderr);
    assert.deepEqual(locks(), []);
    await gitCli(dir, 'fsck', '--full', '--strict', '--no-dangling');
    assert.match(await gitCli(dir, 'log', '-1', '--format=%B', 'flotilla-status'), /Flotilla-Decision: plan/);
    assert.match(await gitCli(dir, 'ls-tree', '-r', '--name-only', 'flotilla-rendered'), /kustomization\.yaml/);
  }

  it('killed holding the rendered branch lock (owner named in it): the rerun removes the lock at once, warns, and succeeds', async () => {
    const killed = await reconcile({ FLOTILLA_TEST_KILL_AT: 'git-ref-locked' });
    assert.equal(killed.signal, 'SIGKILL');
    assert.deepEqual(locks(), ['flotilla-rendered.lock']);
    await assertRecovered(true);
  });

  it('killed after writing the new value into the lock (no owner left in it): held while recent, reclaimed once older than the bound', async () => {
    const killed = await reconcile({ FLOTILLA_TEST_KILL_AT: 'git-ref-written' });
    assert.equal(killed.signal, 'SIGKILL');
    assert.deepEqual(locks(), ['flotilla-rendered.lock']);
    const busy = await reconcile();
    assert.equal(busy.code, 2);
    assert.match(busy.stderr, /transient: retry later/);
    assert.deepEqual(locks(), ['flotilla-rendered.lock'], 'a recent lock without a live owner is left alone');
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(path.join(dir, '.git', 'refs', 'heads', 'flotilla-rendered.lock'), old, old);
    await assertRecovered(true);
  });

  it('killed in the middle of writing a loose object: only a temporary file is left, and the rerun succeeds', async () => {
    const killed = await reconcile({ FLOTILLA_TEST_KILL_AT: 'git-object-write' });
    assert.equal(killed.signal, 'SIGKILL');
    await assertRecovered(false);
  });

  it('a truncated loose object of a file flotilla writes (left by an earlier kill) is rewritten, not reused', async () => {
    const out = path.join(tmp.dir, 'out');
    const rendered = await runFlotilla(['render', '--repo', dir, '--out', out], tmp.dir, childEnv(tmp.dir));
    assert.equal(rendered.code, 0, rendered.stderr);
    const file = path.join(out, 'clusters', 'aws-use', 'kustomization.yaml');
    const oid = (await gitCli(dir, 'hash-object', file)).trim();
    const objects = path.join(dir, '.git', 'objects', oid.slice(0, 2));
    mkdirSync(objects, { recursive: true });
    // The first half of the real object's deflated bytes: what a kill in the middle of the write leaves.
    const text = readFileSync(file);
    const deflated = deflateSync(Buffer.concat([Buffer.from(`blob ${text.length}\0`), text]));
    writeFileSync(path.join(objects, oid.slice(2)), deflated.subarray(0, deflated.length >> 1));
    await assertRecovered(false);
    assert.equal(
      await gitCli(dir, 'cat-file', '-p', `flotilla-rendered:clusters/aws-use/kustomization.yaml`),
      text.toString('utf8'),
    );
  });

  it('a fresh lock of another writer (git itself) is never taken: the pass is rejected as transient and the lock stays', async () => {
    writeFileSync(path.join(dir, '.git', 'refs', 'heads', 'flotilla-rendered.lock'), '');
    const r = await reconcile();
    assert.equal(r.code, 2);
    assert.match(r.stderr, /transient: retry later/);
    assert.ok(existsSync(path.join(dir, '.git', 'refs', 'heads', 'flotilla-rendered.lock')));
  });
});
