/**
 * The git server goes down (the real smart-HTTP server, stopped) and a member stops at the same
 * time: the controller keeps reconciling the revision it has, fails the member's workload over on
 * the real members within the usual thresholds, keeps its decisions in its cache, and once git
 * is back (restarted on the same port) they reach the remote status branch exactly once.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startGitServer, type GitServer } from '../git/helpers/git-server.ts';
import { gitCli } from '../git/helpers/workspace.ts';
import {
  fastFailoverFlags,
  fleetRepo,
  gracefulApiFleet,
  removeRepo,
  startController,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, members, startMember, stopMember } from './harness.ts';
import { replicasOn } from './rebalance-rig.ts';
import { decisionItems, repeated, statusMessages } from './status-history.ts';
const ns = 'gitoutage';

const fleet = gracefulApiFleet(ns);
const replicas = (ctx: string) => replicasOn(ctx, ns, 'api');

(e2eEnabled ? describe : describe.skip)(
  'faults: git down while a member fails (e2e, real members, real git server)',
  function () {
    this.timeout(600_000);
    let repo = '';
    let server: GitServer | undefined;
    let bare = '';
    let controller: ControllerProcess | undefined;

    before(async function () {
      this.timeout(600_000);
      const { kubeconfig } = await members();
      repo = await fleetRepo('gitoutage', { 'apps/api.yaml': fleet });
      mkdirSync(path.join(repo, '.server'));
      server = await startGitServer(path.join(repo, '.server'));
      bare = server.createRepo('fleet');
      await gitCli(repo, 'push', '--quiet', server.authUrl('fleet'), 'main');
      controller = startController(
        server.url('fleet'),
        kubeconfig,
        ['--cache-dir', path.join(repo, '.cache'), '--git-backoff-max', '2s', ...fastFailoverFlags],
        { FLOTILLA_GIT_USERNAME: server.user, FLOTILLA_GIT_PASSWORD: server.password },
      );
    });
    after(async () => {
      controller?.kill();
      await server?.stop();
      await startMember('member2').catch(() => undefined);
      removeRepo(repo);
    });

    it('fails over on the members while git is down, and pushes the kept decisions exactly once when it is back', async () => {
      const c = controller as ControllerProcess;
      const s = server as GitServer;
      await eventually('api 2/2/2 and the status branch on the server', 120_000, async () =>
        (await Promise.all(['member1', 'member2', 'member3'].map(replicas))).every((n) => n === 2) &&
        (await statusMessages(bare).catch(() => [])).length > 0
          ? true
          : undefined,
      );
      await s.stop();
      await stopMember('member2');
      await eventually('api moved 3/3 to member1 and member3 with git down', 180_000, async () =>
        (await replicas('member1')) === 3 && (await replicas('member3')) === 3 ? true : undefined,
      );
      assert.ok(
        !decisionItems(await statusMessages(bare)).some((d) => d.startsWith('evict member2')),
        'nothing reached the server while it was down',
      );
      await eventually('a git failure logged as an error', 120_000, async () =>
        /"level":50[^\n]*git (fetch|push) failed/.test(c.logs()) ? true : undefined,
      );
      server = await startGitServer(s.root, s.user, s.password, s.port);
      await eventually('the kept evict decision on the server', 180_000, async () =>
        decisionItems(await statusMessages(bare)).some((d) => d.startsWith('evict member2')) ? true : undefined,
      );
      assert.equal(await c.stop(), 0, c.logs().slice(-2000));
      const items = decisionItems(await statusMessages(bare));
      assert.deepEqual(repeated(items), [], items.join('\n'));
      assert.ok(
        items.some((d) => d.startsWith('failover member2')),
        items.join('\n'),
      );
      assert.match(c.logs(), /pushed commits kept while the git remote was unreachable/);
    });
  },
);
