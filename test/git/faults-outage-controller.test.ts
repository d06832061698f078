/**
 * `flotilla controller` through a git outage, against the real git server (stopped, then
 * restarted on its port): passes go on with the last fetched revision, failover decisions
 * (here: the example fleet's clusters, which no kubeconfig context reaches, go unreachable:
 * NoSchedule at once, while git is up; NoExecute after the eviction timeout, while it is down) are made and kept in the cache while git is down, each fetch/push failure is an error log, and
 * once git answers every kept decision reaches the remote status branch exactly once.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { childEnv, eventually, startFlotilla, type FlotillaProcess } from './helpers/cli-process.ts';
import { startFleetRig, type FleetRig } from './helpers/fleet.ts';
import { startGitServer, type GitServer } from './helpers/git-server.ts';
import { gitCli } from './helpers/workspace.ts';

describe('faults: the controller through a git outage', function () {
  this.timeout(300_000);
  let rig: FleetRig;
  let restarted: GitServer | undefined;
  let controller: FlotillaProcess | undefined;
  before(async () => {
    rig = await startFleetRig();
  });
  after(async () => {
    controller?.kill();
    await restarted?.stop();
    await rig.cleanup();
  });

  const remoteStatus = async () => {
    await gitCli(rig.work, 'fetch', '--quiet', 'origin');
    return gitCli(rig.work, 'log', '--format=%B%x00', 'origin/flotilla-status');
  };
  const lines = (p: FlotillaProcess) =>
    p
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{') && l.endsWith('}')) // whole lines: the last chunk may end mid-line
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('keeps deciding while git is down and pushes each kept decision exactly once when it is back', async () => {
    const kubeconfig = path.join(rig.root, 'kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    controller = startFlotilla(
      [
        'controller',
        '--repo',
        rig.url,
        '--kubeconfig',
        kubeconfig,
        '--listen',
        '127.0.0.1:0',
        '--cache-dir',
        path.join(rig.root, 'cache'),
        '--interval',
        '1s',
        '--timeout',
        '2s',
        '--git-backoff-max',
        '2s',
        '--cluster-startup-grace-period',
        '3s',
        '--cluster-monitor-grace-period',
        '3s',
        '--cluster-failure-threshold',
        '3s',
        '--failover-eviction-timeout',
        '8s',
      ],
      rig.root,
      childEnv(rig.root, { FLOTILLA_GIT_USERNAME: rig.server.user, FLOTILLA_GIT_PASSWORD: rig.server.password }),
    );
    const c = controller;
    await eventually(
      'the first status commit on the remote',
      60_000,
      async () => (/Flotilla-Decision: plan/.test(await remoteStatus()) ? true : undefined),
      () => c.stderr(),
    );
    await rig.server.stop();
    const stoppedAt = lines(c).length;
    await eventually(
      'a failover decision (NoExecute) made and kept while git is down',
      60_000,
      async () => {
        const after = lines(c).slice(stoppedAt);
        const kinds = new Set(after.filter((l) => l['msg'] === 'failover decision').map((l) => l['decision']));
        return kinds.has('failover') &&
          after.some((l) => l['msg'] === 'commit kept in the cache until the git remote answers')
          ? true
          : undefined;
      },
      () => c.stderr(),
    );
    const errors = lines(c)
      .slice(stoppedAt)
      .filter((l) => l['level'] === 50 && /^git (fetch|push) failed/.test(String(l['msg'])));
    assert.ok(errors.length > 0, 'each git failure is logged as an error');
    const noExecute = /added taint cluster\.karmada\.io\/not-ready:NoExecute/;
    restarted = await startGitServer(
      path.join(rig.root, 'server'),
      rig.server.user,
      rig.server.password,
      rig.server.port,
    );
    const log = await eventually(
      'the kept decisions on the remote',
      60_000,
      async () => {
        const text = await remoteStatus();
        return noExecute.test(text) &&
          lines(c).some((l) => l['msg'] === 'pushed commits kept while the git remote was unreachable')
          ? text
          : undefined;
      },
      () => c.stderr(),
    );
    assert.equal((await c.stop('SIGTERM')).code, 0, c.stderr().slice(-2000));
    const added = taintsAdded(log);
    assert.equal(added.filter((t) => t.endsWith('not-ready:NoExecute')).length, 6, added.join('\n'));
    assert.deepEqual(
      added.filter((t, i) => added.indexOf(t) !== i),
      [],
      'no decision is recorded twice',
    );
  });
});

/** `<cluster> <taint>` for every taint a failover decision on the status branch added, oldest commit last. */
function taintsAdded(log: string): string[] {
  const out: string[] = [];
  let cluster = '';
  for (const line of log.split('\n')) {
    const head = /^failover (\S+) /.exec(line);
    if (head?.[1]) cluster = head[1];
    const taint = /^\s*added taint (\S+)/.exec(line);
    if (taint?.[1]) out.push(`${cluster} ${taint[1]}`);
  }
  return out;
}
