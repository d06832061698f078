/**
 * The npm package as a user gets it (issue 21): `npm pack` of the checkout, `npm install -g` into
 * a temporary prefix with the pinned Node, then `flotilla` run from a fleet repo outside the
 * checkout. Its answers must be those of the sources (bin/flotilla.js in the checkout), byte
 * for byte: the bundle is the same program.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gitCli } from '../git/helpers/workspace.ts';
import {
  fromSources,
  installedPackage,
  packageJson,
  packedTarball,
  pinnedNodeDir,
  root,
  run,
  succeeded,
  systemPath,
  workDir,
} from './artifacts.ts';
import { commitBigConfigMaps, exampleFleetRepo } from './example-fleet.ts';

const minimumNode = /^>=(\d+)\.(\d+)$/.exec(packageJson.engines.node);

describe('ship: the npm package, installed with npm install -g', function () {
  this.timeout(300_000);
  let bin = '';
  let fleet = '';
  let base = '';
  const flotilla = (args: readonly string[], cwd = fleet, nodeDir = pinnedNodeDir) =>
    run(bin, args, { cwd, env: { ...process.env, PATH: `${nodeDir}${path.delimiter}${systemPath}` } });

  before(async () => {
    ({ bin } = await installedPackage());
    ({ dir: fleet, base } = await exampleFleetRepo('package-fleet'));
  });

  it('packs the bin shim, the bundle and its notices: no sources, no dependencies', async () => {
    const listing = succeeded(await run('tar', ['-tzf', await packedTarball()]), 'tar -t')
      .stdout.split('\n')
      .filter(Boolean);
    for (const f of [
      'package/bin/flotilla.js',
      'package/dist/cli/main.mjs',
      'package/dist/cli/THIRD-PARTY-NOTICES.txt',
      'package/package.json',
      'package/README.md',
      'package/CHANGELOG.md',
    ])
      assert.ok(listing.includes(f), `${f} missing from ${listing.join(', ')}`);
    assert.deepEqual(
      listing.filter((f) => /^package\/(src|schemas|test|scripts)\//.test(f)),
      [],
    );
    const manifest = JSON.parse(
      succeeded(await run('tar', ['-xOzf', await packedTarball(), 'package/package.json']), 'tar -x').stdout,
    ) as Record<string, unknown>;
    assert.equal(manifest['dependencies'], undefined, 'every dependency is bundled');
  });

  it('installs without EBADENGINE warnings', async () => {
    const { install } = await installedPackage();
    assert.doesNotMatch(install.stderr, /EBADENGINE/);
  });

  it('--version prints the package version', async () => {
    const r = await flotilla(['--version'], workDir);
    assert.deepEqual([r.code, r.stdout], [0, `flotilla ${packageJson.version}\n`]);
  });

  it('plans the fleet repo it is started in (--repo defaults to .), as the sources do', async () => {
    const r = await flotilla(['plan', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const want = await fromSources(['plan', '--repo', fleet, '-o', 'json'], root);
    assert.equal(r.stdout, want.stdout);
    assert.ok((JSON.parse(r.stdout) as { bindings: unknown[] }).bindings.length > 0);
  });

  it('validates, explains and diffs two commits, as the sources do', async () => {
    for (const args of [
      ['validate'],
      ['explain', 'Deployment/frontend', '-n', 'shop', '-o', 'json'],
      ['diff', '--base', base, '--head', 'HEAD', '--format', 'json'],
    ]) {
      const [got, want] = [await flotilla(args), await fromSources(args, fleet)];
      assert.deepEqual(
        { code: got.code, stdout: got.stdout },
        { code: want.code, stdout: want.stdout },
        args.join(' '),
      );
    }
    const diff = await flotilla(['diff', '--base', base, '--head', 'HEAD']);
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /Deployment\/frontend|frontend/);
  });

  it('reconcile --once writes the status and rendered branches of the repo it is started in', async () => {
    const { dir } = await exampleFleetRepo('package-reconcile');
    const r = await flotilla(['reconcile', '--once'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((await gitCli(dir, 'branch', '--list', '--format=%(refname:short)')).trim().split('\n'), [
      'flotilla-rendered',
      'flotilla-status',
      'main',
    ]);
  });

  it('diffs a fleet over 1 MB (the head loaded on a worker thread from the bundle)', async () => {
    const { dir: big, base: bigBase } = await exampleFleetRepo('package-big-fleet');
    await commitBigConfigMaps(big);
    const args = ['diff', '--base', bigBase, '--head', 'HEAD', '--format', 'json'];
    const [got, want] = [await flotilla(args, big), await fromSources(args, big)];
    assert.deepEqual(
      { code: got.code, stdout: got.stdout, stderr: got.stderr },
      { code: want.code, stdout: want.stdout, stderr: want.stderr },
    );
  });

  it('bin/flotilla.js checks the minimum engines.node names', () => {
    const shim = readFileSync(path.join(root, 'bin', 'flotilla.js'), 'utf8');
    assert.equal(
      /var needed = fromSources \? '\d+' : '([\d.]+)';/.exec(shim)?.[1],
      packageJson.engines.node.replace('>=', ''),
    );
  });

  it('under a Node older than engines allows, prints one line naming the version it needs', async function () {
    const version =
      (
        await run('node', ['-p', 'process.versions.node'], { env: { ...process.env, PATH: systemPath } }).catch(
          () => undefined,
        )
      )?.stdout.trim() ?? '';
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (
      !minimumNode ||
      !version ||
      major > Number(minimumNode[1]) ||
      (major === Number(minimumNode[1]) && minor >= Number(minimumNode[2]))
    ) {
      this.skip(); // issue 21: needs a Node older than engines.node on PATH (this machine's system Node is 20)
    }
    const r = await run(bin, ['plan'], { cwd: fleet, env: { ...process.env, PATH: systemPath } });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      `flotilla needs Node.js ${packageJson.engines.node.replace('>=', '>= ')}; this is Node.js ${version}\n`,
    );
  });

  it('runs on the oldest Node engines allows (fetched with npx -p node@X.Y.0)', async function () {
    assert.ok(minimumNode, `engines.node ${packageJson.engines.node} is not of the form >=X.Y`);
    const oldest = `${minimumNode[1]}.${minimumNode[2]}.0`;
    const where = await run(
      'npx',
      [
        '--yes',
        '-p',
        `node@${oldest}`,
        '--',
        'node',
        '-p',
        'path.dirname(process.execPath) + " " + process.versions.node',
      ],
      { cwd: workDir, env: { ...process.env, PATH: systemPath } },
    );
    if (where.code !== 0) this.skip(); // issue 21: the npm registry is out of reach, so no Node of that version can be fetched
    const [nodeDir = '', version] = where.stdout.trim().split(' ');
    assert.equal(version, oldest);
    const r = await flotilla(['plan', '-o', 'json'], fleet, nodeDir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, (await fromSources(['plan', '-o', 'json'], fleet)).stdout);
  });

  // npx installs the checkout into its own cache the first time (npm's libnpmexec, for a bin of
  // the local package) and checks engines against the Node running npm, so on a system npm older
  // than engines.node that first run warns once (README, "Develop"); every later run is silent.
  it('npx flotilla in the checkout prints no EBADENGINE once npx has it, whichever Node runs npm', async () => {
    await run('npx', ['flotilla', '--version'], { cwd: root, env: { ...process.env, PATH: systemPath } });
    const r = await run('npx', ['flotilla', '--version'], { cwd: root, env: { ...process.env, PATH: systemPath } });
    assert.deepEqual([r.code, r.stdout], [0, `flotilla ${packageJson.version}\n`], r.stderr);
    assert.doesNotMatch(r.stderr, /EBADENGINE/);
  });

  it('validates against the JSON schemas the bundle carries (a resource selector without its kind)', async () => {
    const dir = mkdtempSync(path.join(workDir, 'bad-policy-'));
    writeFileSync(
      path.join(dir, 'policy.yaml'),
      'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata:\n  name: p\nspec:\n  resourceSelectors: [{apiVersion: v1}]\n',
    );
    const [got, want] = [
      await flotilla(['validate', '-o', 'json'], dir),
      await fromSources(['validate', '-o', 'json'], dir),
    ];
    assert.equal(got.code, 1, got.stderr);
    assert.equal(got.stdout, want.stdout);
    assert.match(got.stdout, /kind/);
  });
});
