/** `flotilla reconcile` and `flotilla render` through the CLI (in-process, K1): a local git repo and a plain directory. */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.ts';
import { exampleFleet } from './helpers/fleet.ts';
import { gitCli, tempDir } from './helpers/workspace.ts';

describe('flotilla reconcile / render (CLI)', function () {
  this.timeout(60000);
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  async function localRepo(): Promise<string> {
    const dir = path.join(tmp.dir, 'fleet');
    cpSync(exampleFleet, dir, { recursive: true });
    await gitCli(dir, 'init', '--quiet', '--initial-branch=main');
    await gitCli(dir, 'add', '-A');
    await gitCli(dir, 'commit', '--quiet', '-m', 'fleet');
    return dir;
  }

  it('--once on a local git repo writes both branches into it; a second run is unchanged; an invalid commit exits 1', async () => {
    const dir = await localRepo();
    const r1 = await runCli(['reconcile', '--repo', dir, '--once', '-o', 'json']);
    assert.equal(r1.code, 0, r1.stderr);
    assert.equal(JSON.parse(r1.stdout).outcome, 'applied');
    assert.match(await gitCli(dir, 'branch', '--list'), /flotilla-rendered[\s\S]*flotilla-status/);
    const r2 = await runCli(['reconcile', '--repo', dir, '--once', '-o', 'json']);
    assert.equal(JSON.parse(r2.stdout).outcome, 'unchanged');
    writeFileSync(path.join(dir, 'apps', 'bad.yaml'), 'kind: [\n');
    await gitCli(dir, 'add', '-A');
    await gitCli(dir, 'commit', '--quiet', '-m', 'break');
    const r3 = await runCli(['reconcile', '--repo', dir, '--once', '-o', 'json']);
    assert.equal(r3.code, 1);
    assert.equal(JSON.parse(r3.stdout).errors[0].file, 'apps/bad.yaml');
    const r4 = await runCli(['reconcile', '--repo', dir, '--once']);
    assert.equal(r4.code, 1, 'an unchanged invalid revision still exits 1');
  });

  it('--once on a plain directory plans it, writes nothing to git, and renders to --out', async () => {
    const out = path.join(tmp.dir, 'out');
    const r = await runCli(['reconcile', '--repo', exampleFleet, '--once', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /is not a git repository/);
    assert.ok(existsSync(path.join(out, 'clusters', 'aws-use', 'kustomization.yaml')));
  });

  it('render --out writes the tree and removes stale files', async () => {
    const out = path.join(tmp.dir, 'out');
    const stale = path.join(out, 'clusters', 'aws-use', 'stale.yaml');
    const r0 = await runCli(['render', '--repo', exampleFleet, '--out', out]);
    assert.equal(r0.code, 0, r0.stderr);
    writeFileSync(stale, 'x: 1\n');
    const r = await runCli(['render', '--repo', exampleFleet, '--out', out, '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).removed, 1);
    assert.ok(!existsSync(stale));
    assert.match(
      readFileSync(path.join(out, 'clusters', 'aws-use', 'kustomization.yaml'), 'utf8'),
      /^kind: Kustomization$/m,
    );
  });

  it('rejects a bad --author and a bad --poll-schedule with exit 2', async () => {
    assert.equal((await runCli(['reconcile', '--repo', exampleFleet, '--once', '--author', 'nobody'])).code, 2);
    assert.equal((await runCli(['reconcile', '--repo', exampleFleet, '--poll-schedule', 'often'])).code, 2);
  });
});
