/**
 * The chokidar watch trigger through the real CLI (`flotilla reconcile --repo DIR` without
 * `--once`, as a child process): a local git repository is followed on its checked-out branch and
 * a new local commit is reconciled; a plain directory is re-planned when a file changes. Polling
 * is set to once a year, so only the watch can notice the change.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseRevisionRecord } from '../../src/writeback/index.ts';
import { childEnv, eventually, startFlotilla, type FlotillaProcess } from './helpers/cli-process.ts';
import { exampleFleet } from './helpers/fleet.ts';
import { gitCli, tempDir } from './helpers/workspace.ts';

/** A cron expression that does not fire during a test (00:00 on 1 January). */
const yearly = '0 0 1 1 *';
/**
 * Bound on every wait (a guard against hanging, not a timing assertion: Q7), for a loaded machine,
 * where a cold child process and its first reconcile took more than 30 s.
 */
const within = 120_000;

/** A Deployment the example's active-active policy matches (label `availability: active-active`). */
const extraDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
  labels:
    availability: active-active
spec:
  replicas: 3
  selector:
    matchLabels: { app: checkout }
  template:
    metadata:
      labels: { app: checkout }
    spec:
      containers:
        - name: checkout
          image: docker.io/example/checkout:1.0.0
`;

describe('flotilla reconcile --repo DIR, following (chokidar watch, child process)', function () {
  this.timeout(300_000);
  let tmp: ReturnType<typeof tempDir>;
  let proc: FlotillaProcess | undefined;
  beforeEach(() => {
    tmp = tempDir();
    proc = undefined;
  });
  afterEach(async () => {
    proc?.kill();
    await proc?.exited.catch(() => undefined);
    tmp.cleanup();
  });

  /** `revision.yaml` of the status branch, once the branch exists. */
  const statusRecord = async (dir: string) =>
    parseRevisionRecord(await gitCli(dir, 'show', 'flotilla-status:revision.yaml'));

  it('a local git repository: a new commit on the checked-out branch is reconciled through the watch; SIGTERM exits 0', async () => {
    const dir = path.join(tmp.dir, 'fleet');
    cpSync(exampleFleet, dir, { recursive: true });
    await gitCli(dir, 'init', '--quiet', '--initial-branch=release');
    await gitCli(dir, 'add', '-A');
    await gitCli(dir, 'commit', '--quiet', '-m', 'fleet');
    const first = (await gitCli(dir, 'rev-parse', 'HEAD')).trim();

    const p = startFlotilla(['reconcile', '--repo', dir, '--poll-schedule', yearly], tmp.dir, childEnv(tmp.dir));
    proc = p;
    // The first reconcile runs before the triggers start; `following` is logged once they are up.
    await eventually(
      'the first reconcile and the triggers',
      within,
      async () => (/msg="following"/.test(p.stderr()) ? true : undefined),
      p.stderr,
    );
    assert.match(p.stderr(), /branch="release"/, 'follows the checked-out branch, not a default');
    assert.equal((await statusRecord(dir))?.lastAttemptedRevision, first);

    writeFileSync(path.join(dir, 'apps', 'shop', 'checkout.yaml'), extraDeployment);
    await gitCli(dir, 'add', '-A');
    await gitCli(dir, 'commit', '--quiet', '-m', 'Add checkout');
    const second = (await gitCli(dir, 'rev-parse', 'HEAD')).trim();

    const record = await eventually(
      'the status branch to record the new commit',
      within,
      async () => {
        const r = await statusRecord(dir);
        return r?.lastAttemptedRevision === second ? r : undefined;
      },
      p.stderr,
    );
    assert.equal(record.lastAppliedRevision, second);
    assert.match(
      await gitCli(dir, 'log', '-1', '--format=%B', 'flotilla-status'),
      new RegExp(`^Flotilla-Source: ${second}$`, 'm'),
    );
    assert.match(
      await gitCli(dir, 'log', '-1', '--format=%B', 'flotilla-rendered'),
      new RegExp(`^Flotilla-Source: ${second}$`, 'm'),
    );
    assert.match(
      await gitCli(dir, 'ls-tree', '-r', '--name-only', 'flotilla-status'),
      /^bindings\/shop\/deployment\.checkout\.yaml$/m,
    );
    // Polling never fires in this test: the reconcile of the new commit was triggered by the watch.
    // The line is logged before the commit, but reaches this process through a pipe: await it.
    await eventually(
      'the watch trigger in the log',
      within,
      async () => (/msg="reconcile triggered" by="[^"]*watch[^"]*"/.test(p.stderr()) ? true : undefined),
      p.stderr,
    );
    assert.doesNotMatch(p.stderr(), /by="[^"]*poll/);

    const r = await p.stop('SIGTERM');
    assert.equal(r.code, 0, r.stderr.slice(-2000));
  });

  it('a plain directory: editing a file re-plans the working tree; SIGTERM exits 0', async () => {
    const dir = path.join(tmp.dir, 'fleet');
    cpSync(exampleFleet, dir, { recursive: true });

    const p = startFlotilla(['reconcile', '--repo', dir], tmp.dir, childEnv(tmp.dir));
    proc = p;
    const planned = () => [
      ...p.stderr().matchAll(/msg="working tree planned" valid=(\w+) bindings=(\d+) works=\d+ errors=(\d+)/g),
    ];
    const initial = await eventually('the first plan', within, async () => planned()[0], p.stderr);
    assert.equal(initial[1], 'true');
    assert.match(p.stderr(), /is not a git repository/);
    const bindings = Number(initial[2]);

    // A valid edit: one more Deployment for the active-active policy, so one more binding.
    writeFileSync(path.join(dir, 'apps', 'shop', 'checkout.yaml'), extraDeployment);
    const grown = await eventually(
      'a re-plan with the new Deployment',
      within,
      async () => planned().find((m) => Number(m[2]) === bindings + 1),
      p.stderr,
    );
    assert.equal(grown[1], 'true');

    // An edit that breaks a file: the re-plan reports it invalid.
    const frontend = path.join(dir, 'apps', 'shop', 'frontend.yaml');
    writeFileSync(frontend, `${readFileSync(frontend, 'utf8')}\n---\nkind: [\n`);
    const broken = await eventually(
      'a re-plan of the broken file',
      within,
      async () => planned().find((m) => m[1] === 'false'),
      p.stderr,
    );
    assert.notEqual(broken[3], '0');

    const r = await p.stop('SIGTERM');
    assert.equal(r.code, 0, r.stderr.slice(-2000));
  });
});
